"""Export commercial: one row per document of the period, streamed straight off the cursor
(a million rows in constant memory). Invoices, deposit invoices and credit notes carry their
own revenue as CA par journal counts it: a final invoice net of its deposits, a credit note
negative; paid and remaining are the payments allocated to the invoice (figures' sums)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from extradesk.core.errors import Problem, ValidationError
from extradesk.core.workflow import DocumentKind, Status
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.services.exports import revenue
from extradesk.services.exports.model import DATE, MONEY, Column, ExportQuery, Table

CENTS = revenue.CENTS
COLUMNS = (Column("number"), Column("kind"), Column("date", DATE), Column("client"),
           Column("postal_code"), Column("city"), Column("origin"), Column("ouvrage"),
           Column("status"), Column("author"), Column("journal"), Column("net", MONEY),
           Column("vat", MONEY), Column("gross", MONEY), Column("paid", MONEY),
           Column("to_pay", MONEY), Column("due_date", DATE))

# Paid so far: the allocations of payments and credit notes, summed off their index
# (document_id, amount) for the issued invoices only.
_ROWS = """
    SELECT d.number, d.kind, d.issue_date, c.last_name, c.first_name, c.company,
           c.billing_postal_code, c.billing_city, o.label, w.name, d.status, u.name, j.label,
           d.net, d.vat, d.gross, d.deposits, d.deposit_refs, d.due_date,
           CASE WHEN d.kind IN ('facture', 'acompte') AND d.issued_at IS NOT NULL
                THEN (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocations a
                      WHERE a.document_id = d.id) END
    FROM documents d
    JOIN clients c ON c.id = d.client_id
    LEFT JOIN contact_origins o ON o.id = d.origin_id
    LEFT JOIN ouvrages w ON w.id = d.ouvrage_id
    LEFT JOIN users u ON u.id = d.author_id
    LEFT JOIN journals j ON j.id = d.journal_id
    WHERE d.issue_date >= :start AND d.issue_date <= :end {filters}
    ORDER BY d.issue_date, d.id
"""
_COUNT = "SELECT count(*) FROM documents d WHERE d.issue_date >= :start " \
         "AND d.issue_date <= :end {filters}"
_DEPOSITS = text("SELECT id, net, vat FROM documents WHERE kind = 'acompte' "
                 "AND issued_at IS NOT NULL")


def _filters(query: ExportQuery) -> tuple[str, dict]:
    kinds = {k.value for k in DocumentKind}
    statuses = {s.value for s in Status}
    problems = [Problem("kind", "export.kind_unknown", {"value": k, "choices": ", ".join(
        sorted(kinds))}) for k in query.kinds if k not in kinds]
    problems += [Problem("status", "export.status_unknown", {"value": s, "choices": ", ".join(
        sorted(statuses))}) for s in query.statuses if s not in statuses]
    if problems:
        raise ValidationError(problems)
    where, params = [], {"start": query.start, "end": query.end}
    for name, column in (("journal", "journal_id"), ("author", "author_id"),
                         ("origin", "origin_id")):
        value = getattr(query, column)
        if value is not None:
            where.append(f"AND d.{column} = :{name}")
            params[name] = value
    for name, values in (("kind", query.kinds), ("status", query.statuses)):
        if values:
            marks = ", ".join(f":{name}{i}" for i in range(len(values)))
            where.append(f"AND d.{name} IN ({marks})")
            params.update({f"{name}{i}": v for i, v in enumerate(values)})
    return " ".join(where), params


def _day(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _rows(ctx: Context, statement: str, params: dict) -> Iterator[tuple]:
    """The rows as the writers want them; the connection lives as long as the iteration."""
    import json

    deposits: dict[int, tuple[int, int]] | None = None
    days: dict[object, date | None] = {}  # a few hundred days for a million rows

    def day_of(value) -> date | None:
        found = days.get(value, days)
        if found is days:
            found = days[value] = _day(value)
        return found

    with ctx.db.engine.connect() as conn:
        for (number, kind, day, last, first, company, postal, city, origin, ouvrage, status,
             author, journal, net, vat, gross, deducted, refs, due, paid) in revenue._rows(
                conn, text(statement), params):
            to_pay = gross - deducted  # what the invoice asks (figures.figures_by_ids)
            if refs:  # a final invoice: its own revenue, net of the deposits it deducts
                if deposits is None:
                    deposits = {i: (n, v) for i, n, v in conn.execute(_DEPOSITS)}
                for ref in json.loads(refs):
                    deposit_net, deposit_vat = deposits.get(ref["id"], (0, 0))
                    net, vat = net - deposit_net, vat - deposit_vat
                gross = net + vat
            sign = -1 if kind == DocumentKind.CREDIT_NOTE.value else 1
            remaining = Decimal(to_pay - paid) * CENTS if paid is not None else None
            yield (number, kind, day_of(day), display_name(last, first, company), postal, city,
                   origin, ouvrage, status, author, journal, Decimal(sign * net) * CENTS,
                   Decimal(sign * vat) * CENTS, Decimal(sign * gross) * CENTS,
                   Decimal(paid) * CENTS if paid is not None else None, remaining,
                   day_of(due))


def commercial(ctx: Context, query: ExportQuery) -> Table:
    """Every document of the period (filtered by journal, author, origin, kind, status), in
    date order, streamed."""
    query.check()
    filters, params = _filters(query)
    with ctx.db.engine.connect() as conn:
        size = conn.execute(text(_COUNT.format(filters=filters)), params).scalar()
    return Table("commercial", COLUMNS, _rows(ctx, _ROWS.format(filters=filters), params),
                 None, notes=[] if size else ["export.empty"], size=size)
