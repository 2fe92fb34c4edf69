"""Hand-worked cases, to the cent, with the fixed clock of conftest (28/11/2026)."""

from datetime import date
from decimal import Decimal

from payments_helpers import credit_note, invoice, new_client, pay

from extradesk.core.payments import PayState
from extradesk.core.workflow import Status
from extradesk.services.documents import conversions, issuing, lines, store
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput
from extradesk.services.payments import entries, figures

OCT1, OCT15, NOV2, NOV20 = date(2026, 10, 1), date(2026, 10, 15), date(2026, 11, 2), \
    date(2026, 11, 20)


def status(ctx, doc):
    return documents.get_document(ctx, doc).status


def test_one_invoice_paid_in_three_parts(business):
    ctx = business
    client = new_client(ctx)
    doc = invoice(ctx, client, "1234.56", on=OCT1, due=date(2026, 12, 31))
    seen = []
    for day, amount in ((OCT15, "400"), (NOV2, "500,00"), (NOV20, "334,56")):
        entries.pay_invoice(ctx, doc, data=pay(day, amount))
        f = figures.invoice_figures(ctx, doc)
        seen.append((f.paid, f.remaining, f.state, status(ctx, doc)))
    assert seen == [
        (Decimal("400.00"), Decimal("834.56"), PayState.PARTLY, Status.PARTLY_PAID),
        (Decimal("900.00"), Decimal("334.56"), PayState.PARTLY, Status.PARTLY_PAID),
        (Decimal("1234.56"), Decimal("0.00"), PayState.PAID, Status.PAID),
    ]
    assert figures.client_balance(ctx, client).balance == Decimal("0.00")


def test_one_cheque_over_two_invoices(business):
    ctx = business
    client = new_client(ctx)
    a = invoice(ctx, client, "300", on=OCT1)
    b = invoice(ctx, client, "200.10", on=OCT15)
    payment, changes = entries.record_payment(
        ctx, client, data=pay(NOV2, "500,10", "cheque", cheque_bank="Crédit Agricole",
                              cheque_number="1234567"),
        allocations=[(a, "300"), (b, "200,10")])
    assert {a, b} <= changes.documents
    assert [(figures.invoice_figures(ctx, d).remaining, status(ctx, d)) for d in (a, b)] == [
        (Decimal("0.00"), Status.PAID), (Decimal("0.00"), Status.PAID)]
    [row] = figures.payments(ctx)
    assert (row.id, row.amount, row.mode, row.journal, row.cheque_number) == (
        payment, Decimal("500.10"), "cheque", "CA", "1234567")
    assert figures.client_balance(ctx, client).credit == Decimal("0.00")


def test_an_overpayment_is_kept_as_credit_then_used(business):
    ctx = business
    client = new_client(ctx)
    a = invoice(ctx, client, "100", on=OCT1)
    entries.pay_invoice(ctx, a, data=pay(OCT15, "150"))
    balance = figures.client_balance(ctx, client)
    assert (balance.credit, balance.balance) == (Decimal("50.00"), Decimal("-50.00"))
    assert figures.clients_with_credit(ctx) == [(client, "DUPONT Hélène", Decimal("50.00"))]
    b = invoice(ctx, client, "80", on=NOV2)
    used, _ = entries.use_credit(ctx, b)
    assert used == Decimal("50.00")  # the credit is all there is
    f = figures.invoice_figures(ctx, b)
    assert (f.paid, f.remaining, f.state) == (Decimal("50.00"), Decimal("30.00"),
                                               PayState.PARTLY)
    balance = figures.client_balance(ctx, client)
    assert (balance.credit, balance.balance) == (Decimal("0.00"), Decimal("30.00"))
    assert figures.clients_with_credit(ctx) == []


def test_a_deposit_paid_then_deducted_on_the_final_invoice(business):
    ctx = business
    client = new_client(ctx)
    order, _ = documents.create_order(ctx, client)
    lines.add_line(ctx, order, data=LineInput(label="Piscine", quantity="1",
                                              unit_price="1000", vat_rate="20"))
    deposit, _ = conversions.deposit_invoice(ctx, order, percent="30")
    issuing.issue_document(ctx, deposit, on=OCT1)
    entries.pay_invoice(ctx, deposit, data=pay(OCT15, "360"))
    assert figures.invoice_figures(ctx, deposit).state == PayState.PAID
    final, _ = conversions.invoice_order(ctx, order)
    issuing.issue_document(ctx, final, on=NOV2)
    f = figures.invoice_figures(ctx, final)
    assert (f.net_to_pay, f.paid, f.remaining) == (Decimal("840.00"), Decimal("0.00"),
                                                   Decimal("840.00"))
    entries.pay_invoice(ctx, final, data=pay(NOV20, "500"))
    f = figures.invoice_figures(ctx, final)
    assert (f.paid, f.remaining, f.state) == (Decimal("500.00"), Decimal("340.00"),
                                               PayState.PARTLY)
    balance = figures.client_balance(ctx, client)
    assert (balance.invoiced, balance.paid, balance.balance) == (
        Decimal("1200.00"), Decimal("860.00"), Decimal("340.00"))


def test_a_credit_note_set_against_an_invoice(business):
    ctx = business
    client = new_client(ctx)
    doc, _ = documents.create_invoice(ctx, client)
    lines.add_line(ctx, doc, data=LineInput(label="Liner", quantity="1", unit_price="300",
                                            vat_rate="0"))
    lines.add_line(ctx, doc, data=LineInput(label="Pompe", quantity="1",
                                                       unit_price="200", vat_rate="0"))
    issuing.issue_document(ctx, doc, on=OCT1)
    with ctx.db.engine.connect() as conn:
        pump = [x.id for x in store.load_lines(conn, doc) if x.label == "Pompe"]
    note, _ = conversions.credit_note(ctx, doc, line_ids=pump)
    issuing.issue_document(ctx, note, on=OCT15)
    assert figures.client_balance(ctx, client).credit == Decimal("200.00")
    used, _ = entries.set_credit_note(ctx, note, invoice_id=doc)
    assert used == Decimal("200.00")
    f = figures.invoice_figures(ctx, doc)
    assert (f.paid, f.remaining, status(ctx, doc)) == (Decimal("200.00"), Decimal("300.00"),
                                                       Status.PARTLY_PAID)
    balance = figures.client_balance(ctx, client)
    assert (balance.invoiced, balance.credited, balance.credit, balance.balance) == (
        Decimal("500.00"), Decimal("200.00"), Decimal("0.00"), Decimal("300.00"))


def test_a_refund_is_a_negative_payment_within_the_credit(business):
    ctx = business
    client = new_client(ctx)
    a = invoice(ctx, client, "100", on=OCT1)
    entries.pay_invoice(ctx, a, data=pay(OCT15, "130"))
    refund_id, _ = entries.refund(ctx, client, data=pay(NOV2, "-30", "cheque",
                                                        cheque_number="0000042"))
    balance = figures.client_balance(ctx, client)
    assert (balance.paid, balance.credit, balance.balance) == (
        Decimal("100.00"), Decimal("0.00"), Decimal("0.00"))
    rows = {r.id: r for r in figures.payments(ctx)}
    assert (rows[refund_id].amount, rows[refund_id].mode) == (Decimal("-30.00"), "cheque")


def test_credit_note_of_the_whole_invoice_settles_it(business):
    ctx = business
    client = new_client(ctx)
    doc = invoice(ctx, client, "250", on=OCT1)
    note = credit_note(ctx, doc, on=OCT15)
    entries.set_credit_note(ctx, note, invoice_id=doc)
    assert (figures.invoice_figures(ctx, doc).state, status(ctx, doc)) == (
        PayState.PAID, Status.PAID)
    assert figures.client_balance(ctx, client).balance == Decimal("0.00")
