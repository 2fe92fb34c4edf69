"""Bad input: a clear French message and nothing saved."""

from datetime import date

import pytest
from payments_helpers import dump, invoice, new_client, pay

from extradesk.core.errors import StateError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.payments import entries

OCT1, OCT15 = date(2026, 10, 1), date(2026, 10, 15)


@pytest.fixture
def setup(business, db_path):
    ctx = business
    client = new_client(ctx)
    doc = invoice(ctx, client, "500", on=OCT1)
    return ctx, client, doc


def refused(ctx, db_path, action) -> str:
    before = dump(db_path)
    with pytest.raises((ValidationError, StateError)) as caught:
        action()
    assert dump(db_path) == before
    return error_text(caught.value).replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(("amount", "expected"), [
    ("-10", "« -10 » doit être un montant positif"),
    ("0", "Montant : le montant ne peut pas être nul."),
    ("0,00", "Montant : le montant ne peut pas être nul."),
    ("12,345", "« 12,345 » a plus de deux décimales"),
    ("douze", "« douze » n'est pas un montant"),
    ("", "Montant : indiquez un montant."),
])
def test_a_bad_amount_is_refused(setup, db_path, amount, expected):
    ctx, client, doc = setup
    said = refused(ctx, db_path, lambda: entries.record_payment(
        ctx, client, data=pay(OCT15, amount), allocations=[(doc, "10")]))
    assert expected in said


def test_a_date_before_the_invoice(setup, db_path):
    ctx, client, doc = setup
    said = refused(ctx, db_path, lambda: entries.pay_invoice(
        ctx, doc, data=pay(date(2026, 9, 30), "100")))
    assert "Le règlement du 30/09/2026 est antérieur à la facture F-2026-" in said


def test_a_date_after_today(setup, db_path):
    ctx, client, doc = setup
    said = refused(ctx, db_path, lambda: entries.pay_invoice(
        ctx, doc, data=pay(date(2026, 11, 29), "100")))
    assert said == "Le règlement ne peut pas être daté du 29/11/2026, après aujourd'hui."


def test_a_payment_on_a_draft(setup, db_path):
    ctx, client, _doc = setup
    draft, _ = documents.create_invoice(ctx, client)
    lines.add_line(ctx, draft, data=LineInput(label="x", quantity="1", unit_price="10",
                                              vat_rate="0"))
    said = refused(ctx, db_path, lambda: entries.record_payment(
        ctx, client, data=pay(OCT15, "10"), allocations=[(draft, "10")]))
    assert said == "Une facture en brouillon ne se règle pas : émettez-la d'abord."


def test_an_allocation_over_what_is_due(setup, db_path):
    ctx, client, doc = setup
    said = refused(ctx, db_path, lambda: entries.record_payment(
        ctx, client, data=pay(OCT15, "600"), allocations=[(doc, "500,01")]))
    assert "500,01 € sur la facture F-2026-" in said
    assert "dépasse ce qui reste à payer (500,00 €)" in said


def test_allocations_beyond_the_payment(setup, db_path):
    ctx, client, doc = setup
    said = refused(ctx, db_path, lambda: entries.record_payment(
        ctx, client, data=pay(OCT15, "100"), allocations=[(doc, "200")]))
    assert "Les imputations (200,00 €) dépassent le montant du règlement (100,00 €)." in said


def test_another_clients_invoice(setup, db_path):
    ctx, _client, doc = setup
    other = new_client(ctx, "Martin")
    said = refused(ctx, db_path, lambda: entries.record_payment(
        ctx, other, data=pay(OCT15, "100"), allocations=[(doc, "100")]))
    assert "est celle d'un autre client" in said


def test_every_problem_is_listed_at_once(setup, db_path):
    ctx, client, doc = setup
    said = refused(ctx, db_path, lambda: entries.record_payment(
        ctx, client, data=pay(None, "1,234", "bitcoin"), allocations=[(doc, "10")]))
    assert said.count("\n") == 2
    assert "Mode de règlement « bitcoin » inconnu" in said
    assert "Indiquez la date du règlement." in said


def test_a_refund_beyond_the_credit(setup, db_path):
    ctx, client, doc = setup
    entries.pay_invoice(ctx, doc, data=pay(OCT15, "520"))
    said = refused(ctx, db_path, lambda: entries.refund(ctx, client, data=pay(OCT15, "-25")))
    assert "Remboursement de 25,00 € refusé : le client n'a que 20,00 €" in said
