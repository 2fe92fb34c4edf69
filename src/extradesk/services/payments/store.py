"""Plumbing shared by the payment services: tables, the invoices' figures read in SQL, the
document status kept in step with the payments, and the payments chain. Every function
works on the caller's connection (its transaction)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Connection, func, select, text, update

from extradesk.core import payments as rules
from extradesk.core.errors import NotFoundError
from extradesk.core.money import ZERO
from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.models import (
    Client,
    DepositSlip,
    Document,
    DunningLetter,
    DunningTemplate,
    Journal,
    Payment,
    PaymentAllocation,
    PaymentClosing,
    PaymentLink,
)

P, A, SLIPS = Payment.__table__, PaymentAllocation.__table__, DepositSlip.__table__
CLOSINGS, CHAIN = PaymentClosing.__table__, PaymentLink.__table__
LETTERS, TEMPLATES = DunningLetter.__table__, DunningTemplate.__table__
D, C, J = Document.__table__, Client.__table__, Journal.__table__
PC, AC, DC, CC, JC = P.c, A.c, D.c, C.c, J.c

PAYABLE = (DocumentKind.INVOICE.value, DocumentKind.DEPOSIT_INVOICE.value)


def net_sql(alias: str = "d") -> str:
    """What an issued invoice asks to be paid, in SQL (cents): TTC − deposits − a retenue de
    garantie still held. The retenue is not due before its release: once released by a
    payment (`paiement`) it is owed again; replaced by a bank guarantee (`caution`) it stays
    out for good (the guarantee settles it)."""
    a = f"{alias}." if alias else ""
    return (f"({a}gross - {a}deposits - CASE WHEN {a}retention_amount IS NOT NULL AND "
            f"({a}retention_released_on IS NULL OR {a}retention_release_kind = 'caution') "
            f"THEN {a}retention_amount ELSE 0 END)")
ISSUED = tuple(s.value for s in FROZEN)
OPEN = (Status.ISSUED.value, Status.PARTLY_PAID.value)  # what may still be owed
TREASURY = "tresorerie"


def cents(value) -> Decimal:
    """A raw integer (a SUM over cents columns) as Decimal euros, two places shown (exact:
    an integer count of cents needs no rounding)."""
    return Decimal(int(value or 0)).scaleb(-2)


# Paid so far on one invoice: allocations from payments and credit notes, off the index.
PAID = (select(func.coalesce(func.sum(AC.amount), 0, type_=BigInteger))
        .where(AC.document_id == DC.id).correlate(D).scalar_subquery())


@dataclass(frozen=True)
class Payable:
    id: int
    kind: DocumentKind
    status: Status
    number: str | None
    client_id: int
    issue_date: date
    due_date: date | None
    net_to_pay: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.net_to_pay - self.paid


def load_payable(conn: Connection, document_id: int) -> Payable:
    row = conn.execute(select(DC.id, DC.kind, DC.status, DC.number, DC.client_id,
                              DC.issue_date, DC.due_date, DC.gross, DC.deposits,
                              PAID.label("paid"), DC.retention_amount,
                              DC.retention_released_on, DC.retention_release_kind)
                       .where(DC.id == document_id)).first()
    if row is None:
        raise NotFoundError("document.not_found", id=document_id)
    held = row[10] if row[10] and (row[11] is None or row[12] == "caution") else ZERO
    return Payable(row[0], DocumentKind(row[1]), Status(row[2]), row[3], row[4], row[5],
                   row[6], row[7] - row[8] - held, cents(row[9]))


def sync_status(conn: Connection, document_id: int, now) -> None:
    """The document status follows its payments: émise, payée partiellement, payée (back
    again after a cancelled payment: the payments decide, not the transition table)."""
    doc = load_payable(conn, document_id)
    if doc.kind.value not in PAYABLE or doc.status.value not in ISSUED:
        return
    if doc.paid >= doc.net_to_pay and doc.paid > ZERO:
        target = Status.PAID
    elif doc.paid > ZERO:
        target = Status.PARTLY_PAID
    else:
        target = Status.ISSUED
    if target != doc.status:
        conn.execute(update(D).where(DC.id == document_id).values(
            status=target.value, version=DC.version + 1, updated_at=now))


def credit_note_left(conn: Connection, credit_note_id: int) -> Decimal:
    used = conn.execute(text("SELECT COALESCE(SUM(amount), 0) FROM payment_allocations "
                             "WHERE credit_note_id = :n"), {"n": credit_note_id}).scalar()
    gross = conn.execute(select(DC.gross).where(DC.id == credit_note_id)).scalar() or ZERO
    return gross - cents(used)


_CREDIT = text(
    "SELECT (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE client_id = :c)"
    " + (SELECT COALESCE(SUM(gross), 0) FROM documents WHERE client_id = :c"
    "    AND kind = 'avoir' AND status IN ('emise', 'payee_partiellement', 'payee'))"
    " - (SELECT COALESCE(SUM(a.amount), 0) FROM payments p"
    "    JOIN payment_allocations a ON a.payment_id = p.id WHERE p.client_id = :c)"
    " - (SELECT COALESCE(SUM(a.amount), 0) FROM documents n"
    "    JOIN payment_allocations a ON a.credit_note_id = n.id"
    "    WHERE n.client_id = :c AND n.kind = 'avoir')")


def client_credit(conn: Connection, client_id: int) -> Decimal:
    """Money of the client not set against any invoice: payments (refunds are negative)
    and issued credit notes, minus their allocations. Derived, never stored."""
    return cents(conn.execute(_CREDIT, {"c": client_id}).scalar())


# -- the payments chain ---------------------------------------------------------------------

_LAST = select(CHAIN.c.chain_hash).order_by(CHAIN.c.seq.desc()).limit(1)


def _payment_fields(conn: Connection, payment_id: int) -> dict:
    row = conn.execute(select(PC.id, PC.day, PC.amount, PC.mode, PC.client_id, JC.code,
                              PC.cancels_id, PC.reference, PC.cheque_bank, PC.cheque_number,
                              PC.drawer)
                       .select_from(P.outerjoin(J, JC.id == PC.journal_id))
                       .where(PC.id == payment_id)).one()
    allocations = conn.execute(text(
        "SELECT document_id, amount FROM payment_allocations WHERE payment_id = :p "
        "ORDER BY id"), {"p": payment_id}).all()
    return {"payment_id": row[0], "day": row[1], "amount_cents": int(row[2] * 100),
            "mode": row[3], "client_id": row[4], "journal": row[5] or "",
            "cancels_id": row[6], "reference": row[7] or "",
            "cheque": "/".join(x or "" for x in (row[8], row[9], row[10])),
            "allocations": ",".join(f"{d}:{a}" for d, a in allocations)}


def _closing_fields(conn: Connection, closing_id: int) -> dict:
    row = conn.execute(select(CLOSINGS.c.id, CLOSINGS.c.period, CLOSINGS.c.first_day,
                              CLOSINGS.c.last_day, CLOSINGS.c.total, CLOSINGS.c.count,
                              CLOSINGS.c.totals).where(CLOSINGS.c.id == closing_id)).one()
    return {"closing_id": row[0], "period": row[1], "first": row[2], "last": row[3],
            "total_cents": int(row[4] * 100), "count": row[5], "totals": row[6]}


def link_of(conn: Connection, previous: str, *, payment_id: int | None = None,
            closing_id: int | None = None) -> str:
    if payment_id is not None:
        return rules.payment_hash(previous, **_payment_fields(conn, payment_id))
    return rules.closing_hash(previous, **_closing_fields(conn, closing_id))


def append_link(conn: Connection, *, payment_id: int | None = None,
                closing_id: int | None = None) -> str:
    """Chain a payment (with its allocations) or a closing inside the writing transaction."""
    previous = conn.execute(_LAST).scalar() or rules.GENESIS
    chained = link_of(conn, previous, payment_id=payment_id, closing_id=closing_id)
    conn.execute(CHAIN.insert().values(payment_id=payment_id, closing_id=closing_id,
                                       previous_hash=previous, chain_hash=chained))
    return chained


def totals_json(rows) -> str:
    """{"modes": {mode: cents}, "journals": {code: cents}} with sorted keys, stable for hashing."""
    modes: dict[str, int] = {}
    journals: dict[str, int] = {}
    for mode, journal, amount in rows:
        modes[mode] = modes.get(mode, 0) + int(amount)
        journals[journal or ""] = journals.get(journal or "", 0) + int(amount)
    return json.dumps({"modes": modes, "journals": journals}, sort_keys=True)
