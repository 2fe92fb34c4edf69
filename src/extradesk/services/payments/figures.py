"""What the screens and the CLI read: an invoice's paid, remaining and state, the same for a
page of the Pièces list, the list filtered on a state, a client's balance and credit, the
overdue invoices by client and the payments of a period. SQL over indexes, tuples only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from extradesk.core import payments as rules
from extradesk.core.money import ZERO
from extradesk.services.clients.first_page import display_name
from extradesk.services.context import Context
from extradesk.services.payments import store
from extradesk.services.payments.store import cents, net_sql

NET = net_sql()  # TTC − deposits − a retenue still held


@dataclass(frozen=True)
class InvoiceFigures:
    document_id: int
    net_to_pay: Decimal
    paid: Decimal
    remaining: Decimal
    state: rules.PayState


_BY_IDS = (
    f"SELECT d.id, {NET}, 0, d.due_date, (SELECT COALESCE(SUM(a.amount), 0) "
    "FROM payment_allocations a WHERE a.document_id = d.id) FROM documents d "
    "WHERE d.kind IN ('facture', 'acompte') "
    "AND d.status IN ('emise', 'payee_partiellement', 'payee') AND d.id IN ({ids})")


def figures_by_ids(ctx: Context, ids: Sequence[int]) -> dict[int, InvoiceFigures]:
    """Paid, remaining and state of the issued invoices among `ids` (one page of the Pièces
    list); quotes, orders, credit notes and drafts are simply absent."""
    today = ctx.clock.today()
    found: dict[int, InvoiceFigures] = {}
    ids = [int(i) for i in ids]
    with ctx.db.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            if not chunk:
                continue
            sql = text(_BY_IDS.format(ids=", ".join(str(i) for i in chunk)))
            for doc_id, gross, deposits, due, paid in conn.execute(sql):
                net = cents(gross - deposits)
                paid = cents(paid)
                due_day = date.fromisoformat(str(due)[:10]) if due else None
                found[doc_id] = InvoiceFigures(doc_id, net, paid, net - paid,
                                               rules.pay_state(net, paid, due_day, today))
    return found


def invoice_figures(ctx: Context, document_id: int) -> InvoiceFigures | None:
    return figures_by_ids(ctx, [document_id]).get(document_id)


# The Pièces list filtered on payment states, newest first: open invoices come off the
# status index (status, issue_date, id); settled ones are the PAID status plus open ones
# left with nothing to pay (a final invoice fully covered by its deposits).
_REMAINING = (f"{NET} - (SELECT COALESCE(SUM(a.amount), 0) "
              "FROM payment_allocations a WHERE a.document_id = d.id)")
_STATE_SQL = {
    rules.PayState.LATE: (f"d.status IN ('emise', 'payee_partiellement') AND "
                          f"d.kind IN ('facture', 'acompte') AND d.due_date < :today "
                          f"AND {_REMAINING} > 0"),
    rules.PayState.DUE: (f"d.status = 'emise' AND (d.due_date IS NULL OR d.due_date >= :today) "
                         f"AND {_REMAINING} > 0"),
    rules.PayState.PARTLY: ("d.status = 'payee_partiellement' AND (d.due_date IS NULL OR "
                            f"d.due_date >= :today) AND {_REMAINING} > 0"),
    rules.PayState.PAID: (f"(d.status = 'payee' OR (d.status IN ('emise', 'payee_partiellement')"
                          f" AND {_REMAINING} <= 0))"),
}


def ids_by_state(ctx: Context, states: Iterable[rules.PayState], *,
                 client_id: int | None = None, limit: int | None = None,
                 kinds: Iterable[str] = (), date_from: date | None = None,
                 date_to: date | None = None) -> list[int]:
    """Ids of the issued invoices and deposit invoices in any of `states`, newest first
    (and, as the Pièces list's other filters ask, of these kinds, issued in that range)."""
    states = {rules.PayState(s) for s in states}
    kinds = {str(k) for k in kinds} & set(store.PAYABLE) if kinds else set(store.PAYABLE)
    if not states or not kinds:
        return []
    where = " OR ".join(f"({_STATE_SQL[s]})" for s in sorted(states))
    sql = (f"SELECT d.id FROM documents d WHERE d.kind IN "
           f"({', '.join(repr(k) for k in sorted(kinds))}) "
           f"AND ({where})" + (" AND d.client_id = :client" if client_id is not None else "")
           + (" AND d.issue_date >= :first" if date_from is not None else "")
           + (" AND d.issue_date <= :last" if date_to is not None else "")
           # `+`: sort the (small) match set rather than walk the date index over every
           # document, which the planner would otherwise prefer to a sort.
           + " ORDER BY +d.issue_date DESC, +d.id DESC"
           + (f" LIMIT {int(limit)}" if limit is not None else ""))
    with ctx.db.engine.connect() as conn:
        result = conn.execute(text(sql), {
            "today": ctx.clock.today().isoformat(), "client": client_id,
            "first": date_from.isoformat() if date_from else None,
            "last": date_to.isoformat() if date_to else None})
        rows = result.cursor.fetchall()
        result.close()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class Balance:
    invoiced: Decimal  # issued invoices and deposit invoices, net to pay
    credited: Decimal  # issued credit notes
    paid: Decimal  # payments, refunds negative, cancellations included
    credit: Decimal  # money not set against any invoice (usable on the next one)

    @property
    def balance(self) -> Decimal:
        """What the client owes (negative: what the business owes the client)."""
        return self.invoiced - self.credited - self.paid


_BALANCE = text(
    f"SELECT (SELECT COALESCE(SUM(CASE WHEN kind = 'avoir' THEN 0 ELSE {net_sql('')} END), 0)"
    "   FROM documents WHERE client_id = :c AND kind IN ('facture', 'acompte', 'avoir')"
    "   AND status IN ('emise', 'payee_partiellement', 'payee')),"
    " (SELECT COALESCE(SUM(CASE WHEN kind = 'avoir' THEN gross ELSE 0 END), 0)"
    "   FROM documents WHERE client_id = :c AND kind IN ('facture', 'acompte', 'avoir')"
    "   AND status IN ('emise', 'payee_partiellement', 'payee')),"
    " (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE client_id = :c)")


def client_balance(ctx: Context, client_id: int) -> Balance:
    with ctx.db.engine.connect() as conn:
        invoiced, credited, paid = conn.execute(_BALANCE, {"c": client_id}).one()
        credit = store.client_credit(conn, client_id)
    return Balance(cents(invoiced), cents(credited), cents(paid), credit)


_CREDITS = text(
    "SELECT s.client_id, c.last_name, c.first_name, c.company, SUM(s.amount) FROM ("
    " SELECT client_id, amount FROM payments"
    " UNION ALL SELECT client_id, gross FROM documents WHERE kind = 'avoir'"
    "  AND status IN ('emise', 'payee_partiellement', 'payee')"
    " UNION ALL SELECT p.client_id, -a.amount FROM payment_allocations a"
    "  JOIN payments p ON p.id = a.payment_id"
    " UNION ALL SELECT n.client_id, -a.amount FROM payment_allocations a"
    "  JOIN documents n ON n.id = a.credit_note_id) AS s"
    " JOIN clients c ON c.id = s.client_id GROUP BY s.client_id HAVING SUM(s.amount) > 0")


def clients_with_credit(ctx: Context) -> list[tuple[int, str, Decimal]]:
    """(client id, name, credit) of every client with money not set against an invoice
    (left-over payments, credit notes not used), by name."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(_CREDITS).all()
    found = [(r[0], display_name(r[1], r[2], r[3]), cents(r[4])) for r in rows]
    return sorted(found, key=lambda r: (r[1].casefold(), r[0]))


@dataclass(frozen=True)
class Overdue:
    document_id: int
    number: str
    kind: str
    client_id: int
    client_name: str
    issue_date: date
    due_date: date
    days_late: int
    net_to_pay: Decimal
    paid: Decimal
    remaining: Decimal
    reminder_level: int
    reminded_on: date | None
    email: str | None
    business: bool


# Open invoices past due off the partial index ix_documents_open (its WHERE repeated so the
# planner may use it), their paid sum once each (a materialized CTE), then the few clients.
_OVERDUE = text(
    "WITH o AS MATERIALIZED (SELECT d.id, d.number, d.kind, d.client_id, d.issue_date, "
    f" d.due_date, {NET} AS net, (SELECT COALESCE(SUM(a.amount), 0) "
    " FROM payment_allocations a WHERE a.document_id = d.id) AS paid FROM documents d "
    " WHERE d.status IN ('emise', 'payee_partiellement') AND d.kind IN ('facture', 'acompte') "
    " AND d.due_date < :today) "
    "SELECT o.id, o.number, o.kind, o.client_id, c.last_name, c.first_name, c.company, "
    "o.issue_date, o.due_date, o.net, o.paid, "
    "(SELECT MAX(level) FROM dunning_letters l WHERE l.document_id = o.id), "
    "(SELECT MAX(day) FROM dunning_letters l WHERE l.document_id = o.id), "
    "COALESCE(c.email, c.email2) FROM o JOIN clients c ON c.id = o.client_id "
    "WHERE o.net > o.paid")


def _day(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def overdue(ctx: Context, *, client_id: int | None = None) -> list[Overdue]:
    """Invoices past their due date with something left to pay, grouped by client (by name),
    the oldest due date first within a client."""
    today = ctx.clock.today()
    with ctx.db.engine.connect() as conn:
        result = conn.execute(_OVERDUE, {"today": today.isoformat()})
        rows = result.cursor.fetchall()  # tuples straight off the DBAPI cursor
        result.close()
    found = []
    for (doc_id, number, kind, cid, last, first, company, issued, due, net, paid, level,
         reminded, email) in rows:
        if client_id is not None and cid != client_id:
            continue
        due_day = _day(due)
        net_to_pay, paid_so_far = cents(net), cents(paid)
        found.append(Overdue(doc_id, number, kind, cid, display_name(last, first, company),
                             _day(issued), due_day, (today - due_day).days, net_to_pay,
                             paid_so_far, net_to_pay - paid_so_far, level or 0,
                             _day(reminded), email, bool((company or "").strip())))
    found.sort(key=lambda o: (o.client_name.casefold(), o.client_id, o.due_date, o.document_id))
    return found


_OVERDUE_SUMMARY = text(
    f"WITH o AS MATERIALIZED (SELECT {NET} AS net, (SELECT COALESCE("
    " SUM(a.amount), 0) FROM payment_allocations a WHERE a.document_id = d.id) AS paid "
    " FROM documents d WHERE d.status IN ('emise', 'payee_partiellement') "
    " AND d.kind IN ('facture', 'acompte') AND d.due_date < :today) "
    "SELECT COUNT(*), COALESCE(SUM(o.net - o.paid), 0) FROM o WHERE o.net > o.paid")


def overdue_summary(ctx: Context) -> tuple[int, Decimal]:
    """(how many, the amount left to pay) of `overdue(ctx)`, counted by SQL (the dashboard)."""
    with ctx.db.engine.connect() as conn:
        count, remaining = conn.execute(
            _OVERDUE_SUMMARY, {"today": ctx.clock.today().isoformat()}).one()
    return count, cents(remaining)


def overdue_total(rows: Iterable[Overdue]) -> Decimal:
    return sum((r.remaining for r in rows), ZERO)


@dataclass(frozen=True)
class PaymentRow:
    id: int
    day: date
    client_id: int
    client_name: str
    amount: Decimal
    mode: str
    journal: str
    reference: str | None
    cheque_bank: str | None
    cheque_number: str | None
    drawer: str | None
    cancels_id: int | None
    cancelled: bool
    deposit_slip_id: int | None
    documents: str  # numbers it was set against


_PAYMENTS = (
    "SELECT p.id, p.day, p.client_id, c.last_name, c.first_name, c.company, p.amount, p.mode, "
    "j.code, p.reference, p.cheque_bank, p.cheque_number, p.drawer, p.cancels_id, "
    "p.cancelled_at IS NOT NULL, p.deposit_slip_id, "
    "(SELECT group_concat(d.number, ', ') FROM payment_allocations a "
    " JOIN documents d ON d.id = a.document_id WHERE a.payment_id = p.id AND a.amount > 0) "
    "FROM payments p JOIN clients c ON c.id = p.client_id "
    "LEFT JOIN journals j ON j.id = p.journal_id WHERE {where} ORDER BY p.day, p.id")


def payment_rows(ctx: Context, where: str, params: dict) -> list[PaymentRow]:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(text(_PAYMENTS.format(where=where)), params).all()
    return [PaymentRow(r[0], _day(r[1]), r[2], display_name(r[3], r[4], r[5]), cents(r[6]),
                       r[7], r[8] or "", r[9], r[10], r[11], r[12], r[13], bool(r[14]), r[15],
                       r[16] or "") for r in rows]


def payments(ctx: Context, *, first: date | None = None, last: date | None = None,
             client_id: int | None = None) -> list[PaymentRow]:
    """Payments of a period (and of a client), in date order, cancellations included."""
    where, params = ["1 = 1"], {}
    if first is not None:
        where.append("p.day >= :first")
        params["first"] = first.isoformat()
    if last is not None:
        where.append("p.day <= :last")
        params["last"] = last.isoformat()
    if client_id is not None:
        where.append("p.client_id = :client")
        params["client"] = client_id
    return payment_rows(ctx, " AND ".join(where), params)


def undeposited_cheques(ctx: Context) -> list[PaymentRow]:
    """Cheques received, not cancelled and not yet in a deposit slip (oldest first)."""
    return payment_rows(ctx, "p.mode = 'cheque' AND p.deposit_slip_id IS NULL "
                              "AND p.amount > 0 AND p.cancelled_at IS NULL", {})
