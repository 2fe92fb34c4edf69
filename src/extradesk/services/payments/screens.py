"""What the payment screens read in one go: the entry form of a client (treasury journals,
the default one, his open invoices, his credit) and his payments panel. Tuples and small
DTOs, one connection each; the words stay in i18n and ui."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, text

from extradesk.services.clients.first_page import display_name
from extradesk.services.context import Context
from extradesk.services.payments import entries, figures, store
from extradesk.services.payments.store import CC, JC, cents, net_sql


@dataclass(frozen=True)
class JournalChoice:
    id: int
    code: str
    label: str


@dataclass(frozen=True)
class OpenInvoice:
    document_id: int
    number: str
    kind: str
    issue_date: date
    due_date: date | None
    net_to_pay: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.net_to_pay - self.paid


@dataclass(frozen=True)
class EntryForm:
    client_id: int
    client_name: str
    journals: tuple[JournalChoice, ...]
    default_journal_id: int | None
    invoices: tuple[OpenInvoice, ...]  # open, oldest first
    credit: Decimal  # left-over payments and unused credit notes
    today: date


def _journals(conn) -> tuple[JournalChoice, ...]:
    return tuple(JournalChoice(*r) for r in conn.execute(
        select(JC.id, JC.code, JC.label).where(JC.kind == store.TREASURY, JC.active.is_(True))
        .order_by(JC.position, JC.id)))


def treasury_journals(ctx: Context) -> tuple[JournalChoice, ...]:
    """The active cash and bank journals, in their list order."""
    with ctx.db.engine.connect() as conn:
        return _journals(conn)


_OPEN = text(
    f"SELECT d.id, d.number, d.kind, d.issue_date, d.due_date, {net_sql()}, "
    "(SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocations a WHERE a.document_id = d.id) "
    "FROM documents d WHERE d.client_id = :c AND d.kind IN ('facture', 'acompte') "
    "AND d.status IN ('emise', 'payee_partiellement') ORDER BY d.issue_date, d.id")


def _day(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def entry_form(ctx: Context, client_id: int) -> EntryForm:
    """Everything the « Enregistrer un règlement » dialog shows for this client."""
    with ctx.db.engine.connect() as conn:
        name = conn.execute(select(CC.last_name, CC.first_name, CC.company)
                            .where(CC.id == client_id)).first()
        if name is None:
            from extradesk.core.errors import NotFoundError

            raise NotFoundError("client.not_found", id=client_id)
        journals = _journals(conn)
        default = entries.default_journal(conn, ctx.user_id)
        invoices = []
        for doc_id, number, kind, issued, due, net, paid in conn.execute(
                _OPEN, {"c": client_id}):
            invoice = OpenInvoice(doc_id, number or "", kind, _day(issued), _day(due),
                                  cents(net), cents(paid))
            if invoice.remaining > 0:
                invoices.append(invoice)
        credit = store.client_credit(conn, client_id)
    return EntryForm(client_id, display_name(*name), journals, default, tuple(invoices),
                     credit, ctx.clock.today())


def client_of(ctx: Context, document_id: int) -> int:
    with ctx.db.engine.connect() as conn:
        return store.load_payable(conn, document_id).client_id


@dataclass(frozen=True)
class ClientPayments:
    balance: figures.Balance
    payments: tuple[figures.PaymentRow, ...]  # newest first
    overdue: Decimal


def client_payments(ctx: Context, client_id: int) -> ClientPayments:
    """The client record's panel: balance and credit, payments (cancellations included)."""
    rows = figures.payments(ctx, client_id=client_id)
    late = figures.overdue_total(figures.overdue(ctx, client_id=client_id))
    return ClientPayments(figures.client_balance(ctx, client_id),
                          tuple(reversed(rows)), late)


@dataclass(frozen=True)
class ClosingPreview:
    period: str
    first: date
    last: date
    by_mode: dict[str, Decimal]
    by_journal: dict[str, Decimal]
    total: Decimal
    count: int
    closed: bool  # already closed: shown, not closable again


_PERIOD_TOTALS = text(
    "SELECT p.mode, j.code, SUM(p.amount), COUNT(*) FROM payments p "
    "LEFT JOIN journals j ON j.id = p.journal_id WHERE p.day BETWEEN :first AND :last "
    "GROUP BY p.mode, j.code")


def closing_preview(ctx: Context, period: str, *, day: date) -> ClosingPreview:
    """The totals a closing of the period holding `day` would record (the same SQL as
    closings.close_period), before the user confirms."""
    from extradesk.core import payments as rules
    from extradesk.services.payments.store import CLOSINGS

    period = rules.Period(period)
    first, last = rules.period_bounds(period, day)
    modes: dict[str, Decimal] = {}
    journals: dict[str, Decimal] = {}
    total, count = Decimal(0), 0
    bounds = {"first": first.isoformat(), "last": last.isoformat()}
    with ctx.db.engine.connect() as conn:
        for mode, code, amount, n in conn.execute(_PERIOD_TOTALS, bounds):
            modes[mode] = modes.get(mode, Decimal(0)) + cents(amount)
            journals[code or ""] = journals.get(code or "", Decimal(0)) + cents(amount)
            total += cents(amount)
            count += n
        closed = conn.execute(select(CLOSINGS.c.id).where(
            CLOSINGS.c.period == period.value, CLOSINGS.c.first_day == first)).first()
    return ClosingPreview(period.value, first, last, modes, journals, total, count,
                          closed is not None)


def credit_note_left(ctx: Context, document_id: int) -> tuple[Decimal, Decimal]:
    """(gross, left): what an issued credit note is worth and what is not yet set against
    an invoice."""
    with ctx.db.engine.connect() as conn:
        note = store.load_payable(conn, document_id)
        return note.net_to_pay, store.credit_note_left(conn, document_id)


def invoice_payments(ctx: Context, document_id: int) -> list[figures.PaymentRow]:
    """The payments set against one invoice (and their cancelling entries), in date order."""
    return figures.payment_rows(
        ctx, "p.id IN (SELECT payment_id FROM payment_allocations WHERE document_id = :d "
             "AND payment_id IS NOT NULL)", {"d": document_id})
