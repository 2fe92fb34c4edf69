"""`extradesk demo` makes realistic payments: most invoices paid in one or two parts, some
late, a few partly paid or unpaid; statuses agree with the payments; the chain holds."""

from collections import Counter
from decimal import Decimal

from extradesk.core.payments import PayState
from extradesk.services.demo import dataset
from extradesk.services.payments import closings, figures


def test_demo_payments_look_real_and_hold_together(ctx):
    dataset.generate(ctx, clients=400, seed=3)
    with ctx.db.engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql(
            "SELECT id FROM documents WHERE kind IN ('facture', 'acompte') "
            "AND issued_at IS NOT NULL")]
        parts = Counter(r[0] for r in conn.exec_driver_sql(
            "SELECT COUNT(*) FROM payment_allocations WHERE payment_id IS NOT NULL "
            "GROUP BY document_id"))
        statuses = dict(conn.exec_driver_sql(
            "SELECT id, status FROM documents WHERE kind IN ('facture', 'acompte') "
            "AND issued_at IS NOT NULL").all())
        modes = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT mode FROM payments")}
        deposited = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM payments WHERE deposit_slip_id IS NOT NULL").scalar()
    found = figures.figures_by_ids(ctx, ids)
    states = Counter(f.state for f in found.values())
    assert states[PayState.PAID] > 0.6 * len(ids)
    assert 0 < states[PayState.LATE] < 0.2 * len(ids)
    assert states[PayState.PARTLY] + states[PayState.DUE] > 0
    assert parts[1] > parts[2] > 0  # one part mostly, two parts often
    assert {"cheque", "virement", "carte"} <= modes and deposited > 0
    for doc_id, f in found.items():
        assert f.paid + f.remaining == f.net_to_pay and f.remaining >= Decimal(0)
        assert (statuses[doc_id] == "payee") == (f.remaining == 0)
    assert closings.verify(ctx).ok
    late = figures.overdue(ctx)
    assert len(late) == states[PayState.LATE]
