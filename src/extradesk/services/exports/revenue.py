"""Revenue by document, counted once: invoices and deposit invoices add, credit notes take
away, each by its issue date; a final invoice counts only its own amount, net of the deposit
invoices it deducts (they were counted when they were issued)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, text

from extradesk.core.money import ZERO
from extradesk.services.exports.model import ExportQuery

CENTS = Decimal("0.01")
REVENUE_KINDS = ("facture", "acompte", "avoir")


@dataclass(frozen=True)
class Revenue:
    """One issued document's own revenue; amounts are negative for a credit note."""

    document_id: int
    kind: str
    number: str
    issue_date: date
    client_id: int
    journal: str
    origin_id: int | None
    net: Decimal
    vat: dict[Decimal, Decimal]  # rate -> VAT amount
    base: dict[Decimal, Decimal]  # rate -> net base

    @property
    def vat_total(self) -> Decimal:
        return sum(self.vat.values(), ZERO)

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat_total


_ISSUED = """
    SELECT d.id, d.kind, d.number, d.issue_date, d.client_id, COALESCE(j.label, ''),
           d.origin_id, d.net, d.vat_breakdown, d.deposit_refs
    FROM documents d LEFT JOIN journals j ON j.id = d.journal_id
    WHERE d.kind IN ('facture', 'acompte', 'avoir') AND d.issued_at IS NOT NULL
      AND d.issue_date >= :start AND d.issue_date <= :end
      {filters}
    ORDER BY d.issue_date, d.id
"""
_DEPOSITS = text("SELECT id, net, vat_breakdown FROM documents WHERE kind = 'acompte' "
                 "AND issued_at IS NOT NULL")


def _plain_rate(rate: Decimal) -> Decimal:
    """20.00 -> 20, 5.50 -> 5.5: one key per rate, printed the way people write it."""
    return Decimal(int(rate)) if rate == rate.to_integral_value() else rate.normalize()


def _breakdown(raw: str | None) -> tuple[dict[Decimal, Decimal], dict[Decimal, Decimal]]:
    vat: dict[Decimal, Decimal] = {}
    base: dict[Decimal, Decimal] = {}
    for row in json.loads(raw) if raw else ():
        rate = _plain_rate(Decimal(row["rate"]))
        vat[rate] = vat.get(rate, ZERO) + Decimal(row["amount"])
        base[rate] = base.get(rate, ZERO) + Decimal(row["base"])
    return vat, base


def _minus(a: dict, b: dict) -> dict:
    out = dict(a)
    for key, value in b.items():
        out[key] = out.get(key, ZERO) - value
    return {k: v for k, v in out.items() if v}


def _rows(conn: Connection, statement, params: dict):
    """The rows straight from the SQLite driver when there is one (SQLAlchemy's row layer is
    a third of an export's time over 60,000 documents); through SQLAlchemy otherwise."""
    if conn.dialect.name == "sqlite":
        values = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return conn.connection.driver_connection.execute(statement.text, values)
    return conn.execute(statement, params)


def issued(conn: Connection, query: ExportQuery) -> Iterator[Revenue]:
    """Every issued invoice, deposit invoice and credit note of the period, in date order,
    with its own amounts (streamed: one pass over the cursor)."""
    filters, params = [], {"start": query.start, "end": query.end}
    if query.journal_id is not None:
        filters.append("AND d.journal_id = :journal")
        params["journal"] = query.journal_id
    if query.author_id is not None:
        filters.append("AND d.author_id = :author")
        params["author"] = query.author_id
    if query.origin_id is not None:
        filters.append("AND d.origin_id = :origin")
        params["origin"] = query.origin_id
    deposits: dict[int, tuple] | None = None
    statement = text(_ISSUED.format(filters=" ".join(filters)))
    for row in _rows(conn, statement, params):
        doc_id, kind, number, day, client_id, journal, origin_id, net, raw_vat, refs = row
        net = Decimal(net) * CENTS  # stored in integer cents
        vat, base = _breakdown(raw_vat)
        if refs:  # a final invoice: take away the deposit invoices it deducts
            if deposits is None:  # read once, only when a report meets a final invoice
                deposits = {i: (Decimal(n) * CENTS, _breakdown(v))
                            for i, n, v in conn.execute(_DEPOSITS)}
            for ref in json.loads(refs):
                deposit_net, (deposit_vat, deposit_base) = deposits.get(ref["id"], (ZERO, ({}, {})))
                net -= deposit_net
                vat, base = _minus(vat, deposit_vat), _minus(base, deposit_base)
        if kind == "avoir":
            net = -net
            vat = {r: -v for r, v in vat.items()}
            base = {r: -v for r, v in base.items()}
        yield Revenue(doc_id, kind, number, date.fromisoformat(str(day)[:10]), client_id,
                      journal, origin_id, net, vat, base)



# Both read off partial covering indexes (models/dashboard.py): revenue per day, author,
# origin or journal costs a walk of one index, not of the documents' wide rows.
_NET_BY = """
    SELECT {group}, SUM(CASE WHEN d.kind = 'avoir' THEN -d.net ELSE d.net END)
    FROM documents d
    WHERE d.issued_at IS NOT NULL AND d.kind IN ('facture', 'acompte', 'avoir')
      AND d.issue_date >= :start AND d.issue_date <= :end {filters}
    GROUP BY {group}
"""
# What final invoices deduct: on SQLite summed by SQL over the JSON references, elsewhere
# the references are read and summed in Python. `+d.kind`: off the small index of the
# deducting invoices, which holds their references, not off the revenue index.
_DEDUCTED_SQLITE = """
    SELECT {group}, SUM(CASE WHEN d.kind = 'avoir' THEN -a.net ELSE a.net END)
    FROM documents d, json_each(d.deposit_refs) r
    JOIN documents a ON a.id = json_extract(r.value, '$.id')
         AND a.kind = 'acompte' AND a.issued_at IS NOT NULL
    WHERE d.issued_at IS NOT NULL AND d.deposit_refs IS NOT NULL
      AND +d.kind IN ('facture', 'acompte', 'avoir')
      AND d.issue_date >= :start AND d.issue_date <= :end {filters}
    GROUP BY {group}
"""
_REFS_BY = """
    SELECT d.{key}, d.kind, d.deposit_refs FROM documents d
    WHERE d.issued_at IS NOT NULL AND d.deposit_refs IS NOT NULL
      AND d.kind IN ('facture', 'acompte', 'avoir')
      AND d.issue_date >= :start AND d.issue_date <= :end {filters}
"""
_DEPOSIT_NETS = text("SELECT id, net FROM documents WHERE kind = 'acompte' "
                     "AND issued_at IS NOT NULL")
# `+ 0`: group the period's rows in a temporary tree; grouping by walking the origin index
# would read every document of every year (5x slower on 100,000 clients).
GROUP_KEYS = {"issue_date": "d.issue_date", "origin_id": "d.origin_id + 0"}


def net_by(conn: Connection, query: ExportQuery, *, key: str) -> dict:
    """The revenue HT of `issued` summed per issue day or per origin, in SQL: the same
    amounts as adding up `issued(...)` (credit notes negative, a final invoice net of the
    deposit invoices it deducts), without reading every document into Python: the
    dashboard asks for it several times per screen."""
    if key not in GROUP_KEYS:
        raise ValueError(key)
    filters, params = [], {"start": query.start, "end": query.end}
    for column, value in (("journal_id", query.journal_id), ("author_id", query.author_id),
                          ("origin_id", query.origin_id)):
        if value is not None:
            filters.append(f"AND d.{column} = :{column}")
            params[column] = value
    where = " ".join(filters)
    totals: dict = {}
    statement = text(_NET_BY.format(group=GROUP_KEYS[key], filters=where))
    for group, cents in _rows(conn, statement, params):
        totals[_group(key, group)] = Decimal(cents or 0) * CENTS
    for group, cents in _deducted(conn, key, where, params):
        group = _group(key, group)
        totals[group] = totals.get(group, ZERO) - Decimal(cents or 0) * CENTS
    return totals


def _deducted(conn: Connection, key: str, where: str, params: dict, *,
              json_in_sql: bool | None = None):
    """(group, cents deducted) pairs; `json_in_sql` False forces the portable way (tests)."""
    if json_in_sql is None:
        json_in_sql = conn.dialect.name == "sqlite"
    if json_in_sql:
        statement = text(_DEDUCTED_SQLITE.format(group=GROUP_KEYS[key], filters=where))
        return _rows(conn, statement, params)
    found: dict = {}
    deposits: dict[int, int] | None = None
    for group, kind, refs in conn.execute(text(_REFS_BY.format(key=key, filters=where)),
                                          params):
        if deposits is None:  # read once, only when a final invoice is met
            deposits = dict(conn.execute(_DEPOSIT_NETS).all())
        taken = sum(deposits.get(ref["id"], 0) for ref in json.loads(refs))
        if taken:  # "[]": an invoice that deducts nothing
            found[group] = found.get(group, 0) + (-taken if kind == "avoir" else taken)
    return found.items()


def _group(key: str, value):
    return date.fromisoformat(str(value)[:10]) if key == "issue_date" and value else value
