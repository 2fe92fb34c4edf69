"""An order is invoiced once: a second full invoice is refused, an invoiced order is closed."""

from __future__ import annotations

import pytest
from documents_helpers import dump, plain

from extradesk.core.errors import ExtradeskError
from extradesk.core.workflow import Status
from extradesk.i18n.messages import error_text
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput

GOOD = LineInput(code="LIN-03", label="Liner", quantity="1", unit="u", unit_price="2480",
                 vat_rate="20")


def refused(ctx, db_path, action) -> str:
    before = dump(db_path)
    with pytest.raises(ExtradeskError) as caught:
        action()
    assert dump(db_path) == before
    return plain(error_text(caught.value))


@pytest.fixture
def order(business, helene):
    order_id, _ = documents.create_order(business, helene)
    lines.add_line(business, order_id, data=GOOD)
    return order_id


def test_a_second_full_invoice_of_an_order_is_refused_while_the_first_is_a_draft(
        ctx, db_path, order):
    conversions.invoice_order(ctx, order)
    assert refused(ctx, db_path, lambda: conversions.invoice_order(ctx, order)) == (
        "Cette commande a déjà sa facture (Facture (brouillon)) : "
        "ouvrez-la plutôt que d'en créer une deuxième.")


def test_an_order_whose_invoice_is_issued_is_closed(ctx, db_path, order):
    invoice, _ = conversions.invoice_order(ctx, order)
    number, changes = issuing.issue_document(ctx, invoice)
    assert order in changes.documents
    detail = documents.get_document(ctx, order)
    assert detail.status == Status.INVOICED
    assert not detail.editable and detail.transitions == ()
    assert refused(ctx, db_path, lambda: conversions.invoice_order(ctx, order)) == (
        f"Cette commande a déjà sa facture (Facture {number}) : "
        "ouvrez-la plutôt que d'en créer une deuxième.")
    assert refused(ctx, db_path, lambda: conversions.deposit_invoice(ctx, order, percent="30")) \
        == (f"Cette commande a déjà sa facture (Facture {number}) : "
            "ouvrez-la plutôt que d'en créer une deuxième.")
    assert refused(ctx, db_path, lambda: lines.add_line(ctx, order, data=GOOD)).startswith(
        "Commande")


def test_deposits_then_the_final_invoice_deducts_them_once(ctx, order):
    deposit, _ = conversions.deposit_invoice(ctx, order, percent="30")
    issuing.issue_document(ctx, deposit)
    invoice, _ = conversions.invoice_order(ctx, order)
    detail = documents.get_document(ctx, invoice)
    assert [d.document_id for d in detail.deposits] == [deposit]
    assert documents.get_document(ctx, order).status == Status.DRAFT  # not closed by a draft
