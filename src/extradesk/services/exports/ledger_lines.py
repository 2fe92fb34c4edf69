"""Revenue HT by the lines' family or sales account (the accountant's views): each issued
invoice, deposit invoice and credit note of the period counts its priced lines (a credit note
negative); a final invoice takes away the lines of the deposit invoices it deducts, under
their own family and account, so the total is CA par journal's to the cent."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import Connection, text

from extradesk.core.money import ZERO
from extradesk.services.context import Context
from extradesk.services.exports import revenue
from extradesk.services.exports.model import MONEY, PERCENT, Column, ExportQuery, Table, percent

CENTS = revenue.CENTS
_ISSUED = ("d.kind IN ('facture', 'acompte', 'avoir') AND d.issued_at IS NOT NULL "
           "AND d.issue_date >= :start AND d.issue_date <= :end")
# One grouped pass over the period's lines (option lines never enter a total). CROSS JOIN
# (its condition in WHERE, as PostgreSQL wants it) keeps SQLite walking the few issued
# documents and their lines by index (0.2 s on a million lines) rather than every line of
# every quote (8 s).
_OWN = """
    SELECT {key}, SUM(CASE WHEN d.kind = 'avoir' THEN -l.net ELSE l.net END)
    FROM documents d CROSS JOIN document_lines l
    WHERE l.document_id = d.id AND {issued} AND l.net IS NOT NULL AND l.option_id IS NULL {filters}
    GROUP BY {key}
"""
_FINALS = "SELECT d.deposit_refs FROM documents d WHERE {issued} AND d.deposit_refs IS NOT NULL {filters}"
_DEPOSIT_LINES = """
    SELECT l.document_id, {key}, SUM(l.net) FROM documents d CROSS JOIN document_lines l
    WHERE l.document_id = d.id AND d.id IN ({ids}) AND l.net IS NOT NULL AND l.option_id IS NULL
    GROUP BY l.document_id, {key}
"""
_WAITING = text("SELECT code FROM accounting_accounts WHERE waiting ORDER BY id LIMIT 1")
_LABELS = text("SELECT code, label FROM accounting_accounts")


def _filters(query: ExportQuery) -> tuple[str, dict]:
    where, params = [], {"start": query.start, "end": query.end}
    for name, column in (("journal", "journal_id"), ("author", "author_id"),
                         ("origin", "origin_id")):
        if getattr(query, column) is not None:
            where.append(f"AND d.{column} = :{name}")
            params[name] = getattr(query, column)
    return " ".join(where), params


def net_by(conn: Connection, query: ExportQuery, key: str) -> dict[str | None, Decimal]:
    """Revenue HT of the period per `key` (an SQL expression over the line `l`)."""
    filters, params = _filters(query)
    totals: dict[str | None, int] = defaultdict(int)
    for group, net in conn.execute(text(_OWN.format(key=key, issued=_ISSUED,
                                                    filters=filters)), params):
        totals[group] += net or 0
    deducted: dict[int, int] = defaultdict(int)  # deposit id -> times deducted
    for (refs,) in conn.execute(text(_FINALS.format(issued=_ISSUED, filters=filters)), params):
        for ref in json.loads(refs):
            deducted[int(ref["id"])] += 1
    ids = sorted(deducted)
    for start in range(0, len(ids), 500):
        chunk = ",".join(str(i) for i in ids[start:start + 500])
        for deposit_id, group, net in conn.execute(text(_DEPOSIT_LINES.format(
                key=key, ids=chunk))):
            totals[group] -= deducted[deposit_id] * (net or 0)
    return {group: Decimal(cents) * CENTS for group, cents in totals.items()}


def _table(name: str, columns: tuple[Column, ...], groups: dict, row: Callable) -> Table:
    whole = sum(groups.values(), ZERO)
    rows = [(*row(group), net, percent(int(net * 100), int(whole * 100)))
            for group, net in sorted(groups.items(), key=lambda g: (g[0] is None, g[0] or ""))]
    total = ("Total", *([None] * (len(columns) - 3)), whole,
             percent(1, 1) if whole else None)
    return Table(name, columns, rows, total, notes=[] if rows else ["export.empty"])


def ca_famille(ctx: Context, query: ExportQuery) -> Table:
    """Revenue HT per family of the lines' articles; lines with none under "Sans famille"."""
    from extradesk.i18n.exports import NO_FAMILY

    query.check()
    with ctx.db.engine.connect() as conn:
        groups = net_by(conn, query, "l.family_name")
    columns = (Column("family"), Column("net", MONEY), Column("share", PERCENT))
    return _table("ca-famille", columns, groups,
                  lambda family: (family if family is not None else NO_FAMILY,))


def ca_compte(ctx: Context, query: ExportQuery) -> Table:
    """Revenue HT per sales account of the lines (the waiting account for lines with none)."""
    query.check()
    with ctx.db.engine.connect() as conn:
        waiting = conn.execute(_WAITING).scalar() or "707900"
        labels = dict(conn.execute(_LABELS).all())
        raw = net_by(conn, query, "l.account_code")
    groups: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for account, net in raw.items():
        groups[account or waiting] += net
    columns = (Column("account"), Column("account_label"), Column("net", MONEY),
               Column("share", PERCENT))
    return _table("ca-compte", columns, dict(groups),
                  lambda account: (account, labels.get(account, "")))
