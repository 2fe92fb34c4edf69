"""A retenue de garantie is not owed before its release: 1 000,00 HT at 20 % = 1 200,00 TTC,
5 % kept = 60,00, net to pay 1 140,00. Paid 1 140,00, the invoice is paid and never overdue;
released by a payment, the 60,00 are owed again (and late, the release date being past the
due date); replaced by a bank guarantee (caution), they are settled."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from payments_helpers import new_client, pay

from extradesk.core.payments import PayState
from extradesk.core.workflow import Status
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines, retention
from extradesk.services.documents.dto import LineInput
from extradesk.services.payments import entries, figures

ISSUED, DUE = date(2026, 10, 1), date(2026, 10, 31)  # overdue on the 28/11/2026 clock


def held_invoice(ctx) -> tuple[int, int]:
    client_id = new_client(ctx, "Bâti Sud", company_name="Bâti Sud SARL")
    doc, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, doc, data=LineInput(label="Travaux", quantity="1", unit_price="1000",
                                            vat_rate="20"))
    header = documents.get_document(ctx, doc).header
    documents.update_header(ctx, doc, header=replace(
        header, issue_date=ISSUED, due_date=DUE, retention_percent=Decimal("5")))
    issuing.issue_document(ctx, doc, on=ISSUED)
    return client_id, doc


def state(ctx, doc):
    f = figures.invoice_figures(ctx, doc)
    return (f.net_to_pay, f.paid, f.remaining, f.state,
            documents.get_document(ctx, doc).status)


def overdue_ids(ctx):
    return [o.document_id for o in figures.overdue(ctx)]


def test_the_retained_amount_is_not_owed_before_its_release(business):
    client_id, doc = held_invoice(business)
    assert state(business, doc) == (Decimal("1140.00"), Decimal("0.00"), Decimal("1140.00"),
                                    PayState.LATE, Status.ISSUED)
    assert [o.remaining for o in figures.overdue(business)] == [Decimal("1140.00")]
    assert figures.overdue_summary(business) == (1, Decimal("1140.00"))
    entries.pay_invoice(business, doc, data=pay(date(2026, 11, 20), "1140"))
    assert state(business, doc) == (Decimal("1140.00"), Decimal("1140.00"), Decimal("0.00"),
                                    PayState.PAID, Status.PAID)
    assert overdue_ids(business) == []  # no reminder for the 60,00 kept
    assert figures.overdue_summary(business) == (0, Decimal("0"))
    assert figures.client_balance(business, client_id).balance == Decimal("0.00")


def test_released_by_payment_it_is_owed_then_paid(business):
    _client, doc = held_invoice(business)
    entries.pay_invoice(business, doc, data=pay(date(2026, 11, 20), "1140"))
    retention.release_retention(business, doc, kind="paiement", on=date(2026, 11, 27))
    assert state(business, doc) == (Decimal("1200.00"), Decimal("1140.00"), Decimal("60.00"),
                                    PayState.LATE, Status.PARTLY_PAID)
    assert [o.remaining for o in figures.overdue(business)] == [Decimal("60.00")]
    entries.pay_invoice(business, doc, data=pay(date(2026, 11, 28), "60"))
    assert state(business, doc) == (Decimal("1200.00"), Decimal("1200.00"), Decimal("0.00"),
                                    PayState.PAID, Status.PAID)


def test_replaced_by_a_bank_guarantee_it_is_settled(business):
    _client, doc = held_invoice(business)
    entries.pay_invoice(business, doc, data=pay(date(2026, 11, 20), "1140"))
    retention.release_retention(business, doc, kind="caution", on=date(2026, 11, 27),
                                reference="Caution BNP 2026-118")
    assert state(business, doc) == (Decimal("1140.00"), Decimal("1140.00"), Decimal("0.00"),
                                    PayState.PAID, Status.PAID)
    assert overdue_ids(business) == []


@pytest.mark.parametrize("paid", ["1000"])
def test_a_part_payment_leaves_the_net_after_retention_to_pay(business, paid):
    _client, doc = held_invoice(business)
    entries.pay_invoice(business, doc, data=pay(date(2026, 11, 20), paid))
    assert state(business, doc) == (Decimal("1140.00"), Decimal("1000.00"), Decimal("140.00"),
                                    PayState.LATE, Status.PARTLY_PAID)
    assert [o.remaining for o in figures.overdue(business)] == [Decimal("140.00")]
