"""Invariants under hypothesis: for every invoice paid + remaining = net to pay (never
negative); a client's balance = invoices − credit notes − payments = what remains on the
invoices − the client's credit."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payments_helpers import invoice, new_client, pay

from extradesk.core.errors import ValidationError
from extradesk.core.money import ZERO
from extradesk.services.documents import conversions, issuing
from extradesk.services.payments import entries, figures

START = date(2026, 1, 5)
amounts = st.integers(min_value=1, max_value=300_000).map(lambda c: Decimal(c) / 100)
operations = st.lists(st.tuples(
    st.sampled_from(["pay", "pay_split", "credit", "refund", "note", "cancel"]),
    amounts, st.integers(min_value=0, max_value=5)), max_size=12)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(invoices=st.lists(amounts, min_size=1, max_size=4), steps=operations)
def test_paid_plus_remaining_and_the_balance_hold(business, invoices, steps):
    ctx = business
    ctx.render_pdf = lambda data: b"%PDF-1.4 test"
    client = new_client(ctx)
    day = START
    docs = []
    for gross in invoices:
        docs.append(invoice(ctx, client, format(gross, "f"), on=max(day, _last_day(ctx))))
    payments: list[int] = []
    for kind, amount, pick in steps:
        target = docs[pick % len(docs)]
        day = max(day, _last_day(ctx))
        try:
            if kind == "pay":
                payments.append(entries.pay_invoice(ctx, target, data=pay(day, amount))[0])
            elif kind == "pay_split":
                due = [(d, figures.invoice_figures(ctx, d).remaining) for d in docs]
                split = [(d, min(r, amount / 2)) for d, r in due if r > ZERO][:2]
                payments.append(entries.record_payment(
                    ctx, client, data=pay(day, amount, "cheque"), allocations=split)[0])
            elif kind == "credit":
                entries.use_credit(ctx, target)
            elif kind == "refund":
                entries.refund(ctx, client, data=pay(day, -amount, "virement"))
            elif kind == "note":
                note, _ = conversions.credit_note(ctx, target)
                issuing.issue_document(ctx, note, on=day)
                entries.set_credit_note(ctx, note, invoice_id=target)
            elif kind == "cancel" and payments:
                entries.cancel_payment(ctx, payments[pick % len(payments)])
        except ValidationError:
            pass  # refused input changes nothing; the invariants must still hold
        except Exception as exc:  # a StateError is a refusal too
            if type(exc).__name__ not in {"StateError"}:
                raise
    total_remaining = ZERO
    for doc in docs:
        f = figures.invoice_figures(ctx, doc)
        assert f.paid + f.remaining == f.net_to_pay
        assert f.remaining >= ZERO and f.paid >= ZERO
        total_remaining += f.remaining
    b = figures.client_balance(ctx, client)
    assert b.balance == b.invoiced - b.credited - b.paid
    assert b.balance == total_remaining - b.credit
    assert b.credit >= ZERO


def _last_day(ctx) -> date:
    with ctx.db.engine.connect() as conn:
        last = conn.exec_driver_sql(
            "SELECT MAX(issue_date) FROM documents WHERE issued_at IS NOT NULL").scalar()
    return date.fromisoformat(str(last)[:10]) + timedelta(days=1) if last else START
