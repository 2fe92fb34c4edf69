"""Enter payments: a payment split over invoices of one client (the rest stays as credit),
credit used on an invoice, a credit note set against an invoice, a refund, a cancellation.
Every check runs inside the write transaction on fresh data; a refusal lists every problem
in French and saves nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, select, text, update

from extradesk.core import payments as rules
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StateError, raise_if
from extradesk.core.money import ZERO
from extradesk.core.text import clean
from extradesk.core.workflow import DocumentKind, Status
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import UserPreference
from extradesk.services.context import Context
from extradesk.services.payments import store
from extradesk.services.payments.store import AC, CC, JC, PC, A, P

JOURNAL_KEY = "payments.journal"  # the user's default cash/bank journal (user_preferences)
_UP = UserPreference.__table__


@dataclass(frozen=True)
class PaymentInput:
    day: date | None
    amount: str | Decimal
    mode: str
    journal_id: int | None = None  # None: the user's default cash/bank journal
    reference: str | None = None
    note: str | None = None
    cheque_bank: str | None = None
    cheque_number: str | None = None
    drawer: str | None = None


def _text(value: str | None) -> str | None:
    value = clean(value or "").strip()
    return value or None


def default_journal(conn: Connection, user_id: int | None) -> int | None:
    """The user's cash/bank journal, else the first active one of that kind."""
    if user_id is not None:
        raw = conn.execute(select(_UP.c.value).where(
            _UP.c.user_id == user_id, _UP.c.key == JOURNAL_KEY)).scalar()
        # null: the user chose "none" in the preferences (the first journal, below).
        if raw is not None and json.loads(raw) is not None:
            return json.loads(raw)
    return conn.execute(select(JC.id).where(JC.kind == store.TREASURY, JC.active.is_(True))
                        .order_by(JC.position, JC.id).limit(1)).scalar()


def set_default_journal(ctx: Context, journal_id: int) -> Changes:
    """Remember the cash/bank journal this user's payments go to by default."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _check_journal(conn, journal_id)
        conn.execute(_UP.delete().where(_UP.c.user_id == ctx.user_id, _UP.c.key == JOURNAL_KEY))
        conn.execute(_UP.insert().values(user_id=ctx.user_id, key=JOURNAL_KEY,
                                         value=json.dumps(journal_id)))
    return Changes(preferences=True)


def _check_journal(conn: Connection, journal_id: int) -> list[Problem]:
    kind = conn.execute(select(JC.kind).where(JC.id == journal_id)).scalar()
    if kind is None:
        raise NotFoundError("reference.not_found", id=journal_id, list="journal")
    return [] if kind == store.TREASURY else [
        Problem("journal_id", "payment.journal_not_treasury")]


def journal_by_code(ctx: Context, code: str) -> int:
    with ctx.db.engine.connect() as conn:
        found = conn.execute(select(JC.id).where(JC.code == code.strip().upper())).scalar()
    if found is None:
        raise NotFoundError("payment.journal_unknown", code=code)
    return found


def _closed(conn: Connection, day: date) -> bool:
    return conn.execute(text(
        "SELECT 1 FROM payment_closings WHERE :d BETWEEN first_day AND last_day LIMIT 1"),
        {"d": day.isoformat()}).first() is not None


def _head_problems(conn: Connection, data: PaymentInput, *, negative: bool, today: date
                   ) -> tuple[Decimal | None, list[Problem]]:
    amount, problems = rules.read_amount("amount", data.amount, negative=negative)
    if data.mode not in {m.value for m in rules.Mode}:
        problems.append(Problem("mode", "payment.mode_unknown", {
            "value": data.mode, "choices": ", ".join(m.value for m in rules.Mode)}))
    if data.day is None:
        problems.append(Problem("day", "payment.date_required"))
    elif data.day > today:
        problems.append(Problem("day", "payment.date_future", {"date": fmt.day(data.day)}))
    elif _closed(conn, data.day):
        problems.append(Problem("day", "payment.period_closed", {"date": fmt.day(data.day)}))
    if data.journal_id is not None:
        problems += _check_journal(conn, data.journal_id)
    return amount, problems


def _allocation_problems(conn: Connection, client_id: int, day: date | None,
                         wanted: Sequence[tuple[int, str | Decimal]], *, source: str
                         ) -> tuple[list[tuple[store.Payable, Decimal]], list[Problem]]:
    """Each target must be an issued invoice of this client, dated on or before the
    payment, and the amount no more than what it still owes."""
    found, problems = [], []
    for document_id, raw in wanted:
        doc = store.load_payable(conn, document_id)
        name = doc.number or fmt.integer(doc.id)
        amount, bad = rules.read_amount("allocation", raw)
        problems += bad
        if doc.kind.value not in store.PAYABLE:
            problems.append(Problem(source, "payment.not_payable", {"number": name}))
        elif doc.status == Status.DRAFT:
            problems.append(Problem(source, "payment.on_draft"))
        elif doc.client_id != client_id:
            problems.append(Problem(source, "payment.other_client", {"number": name}))
        elif day is not None and day < doc.issue_date:
            problems.append(Problem("day", "payment.before_invoice", {
                "date": fmt.day(day), "number": name, "issued": fmt.day(doc.issue_date)}))
        elif amount is not None and amount > doc.remaining:
            problems.append(Problem(source, "payment.over_due", {
                "amount": fmt.money(amount), "number": name,
                "remaining": fmt.money(doc.remaining)}))
        if amount is not None:
            found.append((doc, amount))
    return found, problems


def _client(conn: Connection, client_id: int) -> None:
    if conn.execute(select(CC.id).where(CC.id == client_id)).first() is None:
        raise NotFoundError("client.not_found", id=client_id)


def _insert_payment(conn: Connection, ctx: Context, client_id: int, data: PaymentInput,
                    amount: Decimal, *, cancels_id: int | None = None) -> int:
    journal_id = data.journal_id or default_journal(conn, ctx.user_id)
    return conn.execute(P.insert().values(
        client_id=client_id, day=data.day, amount=amount, mode=data.mode,
        journal_id=journal_id, reference=_text(data.reference), note=_text(data.note),
        cheque_bank=_text(data.cheque_bank), cheque_number=_text(data.cheque_number),
        drawer=_text(data.drawer), cancels_id=cancels_id, created_by=ctx.user_id,
        created_at=ctx.clock.now())).inserted_primary_key[0]


def _allocate(conn: Connection, ctx: Context, rows: list[dict]) -> None:
    now = ctx.clock.now()
    if rows:
        # executemany takes its columns from the first row: every row names both sources
        # (a credit used and a payment may be allocated in one go).
        conn.execute(A.insert(), [{"payment_id": None, "credit_note_id": None, **r,
                                   "created_by": ctx.user_id, "created_at": now}
                                  for r in rows])
    for document_id in {r["document_id"] for r in rows}:
        store.sync_status(conn, document_id, now)


def record_payment(ctx: Context, client_id: int, *, data: PaymentInput,
                   allocations: Sequence[tuple[int, str | Decimal]] = ()
                   ) -> tuple[int, Changes]:
    """Enter a payment of a client, set against the given invoices; what is left over stays
    as the client's credit. Returns the payment id."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _client(conn, client_id)
        amount, problems = _head_problems(conn, data, negative=False,
                                         today=ctx.clock.today())
        targets, more = _allocation_problems(conn, client_id, data.day, allocations,
                                             source="allocation")
        problems += more
        total = sum((a for _d, a in targets), ZERO)
        if amount is not None and total > amount:
            problems.append(Problem("allocation", "payment.allocations_exceed", {
                "total": fmt.money(total), "amount": fmt.money(amount)}))
        raise_if(problems)
        payment_id = _insert_payment(conn, ctx, client_id, data, amount)
        _allocate(conn, ctx, [{"document_id": d.id, "payment_id": payment_id, "amount": a}
                              for d, a in targets])
        store.append_link(conn, payment_id=payment_id)
    return payment_id, _changes(client_id, [d.id for d, _a in targets])


def pay_invoice(ctx: Context, document_id: int, *, data: PaymentInput) -> tuple[int, Changes]:
    """A payment entered from an invoice: set against it up to what it owes, the rest kept
    as credit."""
    amount, problems = rules.read_amount("amount", data.amount)
    raise_if(problems)
    with ctx.db.engine.connect() as conn:
        doc = store.load_payable(conn, document_id)
    share = min(amount, doc.remaining) if doc.remaining > ZERO else amount
    return record_payment(ctx, doc.client_id, data=data, allocations=[(document_id, share)])


def _changes(client_id: int, document_ids) -> Changes:
    return Changes(clients=frozenset({client_id}), documents=frozenset(document_ids))


_SOURCES = text(
    "SELECT 'p', p.id, p.amount - COALESCE((SELECT SUM(a.amount) FROM payment_allocations a "
    "  WHERE a.payment_id = p.id), 0) AS left_over, p.day FROM payments p "
    "WHERE p.client_id = :c AND p.amount > 0 AND p.cancelled_at IS NULL "
    "UNION ALL SELECT 'n', n.id, n.gross - COALESCE((SELECT SUM(a.amount) "
    "  FROM payment_allocations a WHERE a.credit_note_id = n.id), 0), n.issue_date "
    "FROM documents n WHERE n.client_id = :c AND n.kind = 'avoir' "
    "AND n.status IN ('emise', 'payee_partiellement', 'payee') ORDER BY 4, 2")


def use_credit(ctx: Context, document_id: int, *, amount: str | Decimal | None = None
               ) -> tuple[Decimal, Changes]:
    """Set the client's credit (left-over payments and credit notes, oldest first) against
    an invoice, up to `amount` (default: what it owes, or all the credit when less).
    Returns the amount used."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        doc = store.load_payable(conn, document_id)
        credit = store.client_credit(conn, doc.client_id)
        if amount is None:
            wanted = min(doc.remaining, credit) if credit > ZERO else doc.remaining
        else:
            wanted, problems = rules.read_amount("amount", amount)
            raise_if(problems)
        _targets, problems = _allocation_problems(conn, doc.client_id, None,
                                                  [(document_id, wanted)], source="amount")
        if not problems and credit < wanted:
            problems.append(Problem("amount", "payment.credit_short", {
                "amount": fmt.money(wanted), "credit": fmt.money(max(credit, ZERO))}))
        raise_if(problems)
        rows, left = [], wanted
        for kind, source_id, free, _day in conn.execute(_SOURCES, {"c": doc.client_id}):
            if left <= ZERO:
                break
            share = min(store.cents(free), left)
            if share <= ZERO:
                continue
            key = "payment_id" if kind == "p" else "credit_note_id"
            rows.append({"document_id": document_id, key: source_id, "amount": share})
            left -= share
        _allocate(conn, ctx, rows)
    return wanted, _changes(doc.client_id, [document_id])


def set_credit_note(ctx: Context, credit_note_id: int, *, invoice_id: int,
                    amount: str | Decimal | None = None) -> tuple[Decimal, Changes]:
    """Set (part of) a credit note against an invoice of the same client."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        note = store.load_payable(conn, credit_note_id)
        if note.kind != DocumentKind.CREDIT_NOTE or note.status == Status.DRAFT:
            raise StateError("payment.not_a_credit_note")
        invoice = store.load_payable(conn, invoice_id)
        left = store.credit_note_left(conn, credit_note_id)
        wanted = amount if amount is not None else min(left, invoice.remaining)
        targets, problems = _allocation_problems(conn, note.client_id, None,
                                                 [(invoice_id, wanted)], source="invoice")
        if targets and targets[0][1] > left:
            problems.append(Problem("amount", "payment.credit_note_short", {
                "amount": fmt.money(targets[0][1]), "left": fmt.money(left)}))
        raise_if(problems)
        _allocate(conn, ctx, [{"document_id": invoice_id, "credit_note_id": credit_note_id,
                               "amount": targets[0][1]}])
    return targets[0][1], _changes(note.client_id, [invoice_id, credit_note_id])


def refund(ctx: Context, client_id: int, *, data: PaymentInput) -> tuple[int, Changes]:
    """Pay money back to a client (a negative payment with its mode), within its credit."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _client(conn, client_id)
        amount, problems = _head_problems(conn, data, negative=True,
                                         today=ctx.clock.today())
        credit = store.client_credit(conn, client_id)
        if amount is not None and -amount > credit:
            problems.append(Problem("amount", "payment.refund_over_credit", {
                "amount": fmt.money(-amount), "credit": fmt.money(max(credit, ZERO))}))
        raise_if(problems)
        payment_id = _insert_payment(conn, ctx, client_id, data, amount)
        store.append_link(conn, payment_id=payment_id)
    return payment_id, _changes(client_id, [])


def cancel_payment(ctx: Context, payment_id: int, *, note: str | None = None
                   ) -> tuple[int, Changes]:
    """A correction: a cancelling entry dated today (the opposite amount, its allocations
    mirrored), both kept with who and when. A deposited cheque is never cancelled."""
    today = ctx.clock.today()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        row = conn.execute(select(P).where(PC.id == payment_id)).first()
        if row is None:
            raise NotFoundError("payment.not_found", id=payment_id)
        if row.cancels_id is not None or row.cancelled_at is not None:
            raise StateError("payment.already_cancelled", id=payment_id)
        if row.deposit_slip_id is not None:
            raise StateError("payment.deposited", id=payment_id)
        if _closed(conn, today):
            raise StateError("payment.period_closed", date=fmt.day(today))
        if row.amount > ZERO:
            used = conn.execute(text(
                "SELECT COALESCE(SUM(amount), 0) FROM payment_allocations "
                "WHERE payment_id = :p"), {"p": payment_id}).scalar()
            free = row.amount - store.cents(used)
            if free > store.client_credit(conn, row.client_id):
                raise StateError("payment.cancel_credit_refunded", id=payment_id)
        data = PaymentInput(day=today, amount=-row.amount, mode=row.mode,
                            journal_id=row.journal_id, reference=row.reference,
                            note=note or row.note, cheque_bank=row.cheque_bank,
                            cheque_number=row.cheque_number, drawer=row.drawer)
        cancelling = _insert_payment(conn, ctx, row.client_id, data, -row.amount,
                                     cancels_id=payment_id)
        mirrored = conn.execute(text(
            "SELECT document_id, SUM(amount) FROM payment_allocations WHERE payment_id = :p "
            "GROUP BY document_id HAVING SUM(amount) <> 0 ORDER BY document_id"),
            {"p": payment_id}).all()
        _allocate(conn, ctx, [{"document_id": d, "payment_id": cancelling,
                               "amount": -store.cents(a)} for d, a in mirrored])
        conn.execute(update(P).where(PC.id == payment_id).values(
            cancelled_at=ctx.clock.now(), cancelled_by=ctx.user_id))
        store.append_link(conn, payment_id=cancelling)
    return cancelling, _changes(row.client_id, [d for d, _a in mirrored])


def payment_documents(ctx: Context, payment_id: int) -> list[int]:
    with ctx.db.engine.connect() as conn:
        return list(conn.execute(select(AC.document_id).where(AC.payment_id == payment_id)
                                 .distinct()).scalars())
