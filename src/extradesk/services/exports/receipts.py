"""Encaissements: the payments received in the period per cash/bank journal and mode. A
cancelled payment and its cancelling entry (the opposite amount) net to zero, each on its
own day; refunds are negative."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from extradesk.core.money import ZERO
from extradesk.services.context import Context
from extradesk.services.exports.model import COUNT, MONEY, Column, ExportQuery, Table

CENTS = Decimal("0.01")
# Counted: payments entered and not cancelled (a cancelling entry counts none); summed: all.
_RECEIPTS = """
    SELECT COALESCE(j.label, ''), p.mode,
           SUM(CASE WHEN p.cancels_id IS NULL AND p.cancelled_at IS NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN p.amount > 0 THEN p.amount ELSE 0 END),
           SUM(CASE WHEN p.amount < 0 THEN p.amount ELSE 0 END),
           SUM(p.amount)
    FROM payments p LEFT JOIN journals j ON j.id = p.journal_id
    WHERE p.day >= :start AND p.day <= :end {filters}
    GROUP BY COALESCE(j.label, ''), p.mode
    ORDER BY 1, 2
"""


def receipts(ctx: Context, query: ExportQuery) -> Table:
    """Per journal and mode: payments counted, money in, money out (refunds and
    cancellations), net; a total row."""
    query.check()
    filters, params = "", {"start": query.start, "end": query.end}
    if query.journal_id is not None:
        filters = "AND p.journal_id = :journal"
        params["journal"] = query.journal_id
    if query.author_id is not None:
        filters += " AND p.created_by = :author"
        params["author"] = query.author_id
    rows = []
    with ctx.db.engine.connect() as conn:
        for journal, mode, count, received, out, net in conn.execute(
                text(_RECEIPTS.format(filters=filters)), params):
            rows.append((journal, mode, int(count or 0), Decimal(received or 0) * CENTS,
                         Decimal(out or 0) * CENTS, Decimal(net or 0) * CENTS))
    columns = (Column("journal"), Column("mode"), Column("payments", COUNT),
               Column("received", MONEY), Column("paid_out", MONEY), Column("net", MONEY))
    total = ("Total", None, sum(r[2] for r in rows), sum((r[3] for r in rows), ZERO),
             sum((r[4] for r in rows), ZERO), sum((r[5] for r in rows), ZERO))
    return Table("encaissements", columns, rows, total, notes=[] if rows else ["export.empty"])
