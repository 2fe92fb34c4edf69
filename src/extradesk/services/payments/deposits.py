"""Cheque deposits (remise en banque): choose the cheques not yet deposited, make the slip
(its cheques are locked from then on), print it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.core.money import ZERO
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.services import company as company_service
from extradesk.services.context import Context
from extradesk.services.documents import printing as document_print
from extradesk.services.payments import figures, store
from extradesk.services.payments.store import JC, PC, SLIPS, P


@dataclass(frozen=True)
class SlipDetail:
    id: int
    day: date
    bank: str
    journal: str
    total: Decimal
    cheques: tuple[figures.PaymentRow, ...]


def create_slip(ctx: Context, payment_ids: Sequence[int], *, day: date | None = None,
                journal_id: int | None = None, bank: str | None = None
                ) -> tuple[int, Changes]:
    """A deposit slip for these cheques: each must be a cheque received, not cancelled and
    not deposited yet. `bank` defaults to the journal's label."""
    day = day or ctx.clock.today()
    ids = list(dict.fromkeys(int(i) for i in payment_ids))
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        problems = [] if ids else [Problem("cheques", "deposit.none")]
        rows = {r.id: r for r in conn.execute(select(P).where(PC.id.in_(ids)))}
        for payment_id in ids:
            row = rows.get(payment_id)
            if row is None:
                raise NotFoundError("payment.not_found", id=payment_id)
            if (row.mode != "cheque" or row.amount <= ZERO or row.cancelled_at is not None
                    or row.cancels_id is not None):
                problems.append(Problem("cheques", "deposit.not_a_cheque", {"id": payment_id}))
            elif row.deposit_slip_id is not None:
                problems.append(Problem("cheques", "deposit.already", {"id": payment_id}))
            elif row.day > day:
                problems.append(Problem("day", "deposit.before_cheque", {
                    "id": payment_id, "date": fmt.day(row.day)}))
        raise_if(problems)
        if journal_id is None:
            journal_id = conn.execute(select(JC.id).where(
                JC.kind == store.TREASURY, JC.code == "BQ")).scalar()
        label = conn.execute(select(JC.label).where(JC.id == journal_id)).scalar() \
            if journal_id else None
        total = sum((rows[i].amount for i in ids), ZERO)
        slip_id = conn.execute(SLIPS.insert().values(
            day=day, journal_id=journal_id, bank=(bank or label or "").strip() or None,
            total=total, count=len(ids), created_by=ctx.user_id,
            created_at=ctx.clock.now())).inserted_primary_key[0]
        conn.execute(update(P).where(PC.id.in_(ids)).values(deposit_slip_id=slip_id))
    return slip_id, Changes(clients=frozenset(r.client_id for r in rows.values()))


def get_slip(ctx: Context, slip_id: int) -> SlipDetail:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(SLIPS.c.id, SLIPS.c.day, SLIPS.c.bank, SLIPS.c.total, JC.code)
                           .select_from(SLIPS.outerjoin(store.J, JC.id == SLIPS.c.journal_id))
                           .where(SLIPS.c.id == slip_id)).first()
    if row is None:
        raise NotFoundError("deposit.not_found", id=slip_id)
    cheques = figures.payment_rows(ctx, "p.deposit_slip_id = :s", {"s": slip_id})
    return SlipDetail(row[0], row[1], row[2] or "", row[4] or "", row[3], tuple(cheques))


def slip_pdf(ctx: Context, slip_id: int) -> bytes:
    """The deposit slip as the bank receives it (reportlab, the documents' look)."""
    from extradesk.reports import deposit_slip_pdf

    slip = get_slip(ctx, slip_id)
    company = document_print.company_block(company_service.get_company(ctx))
    iban = company_service.get_company(ctx).iban
    return deposit_slip_pdf.render(deposit_slip_pdf.SlipData(
        company=company, number=slip.id, day=slip.day, bank=slip.bank, iban=iban or "",
        cheques=tuple(deposit_slip_pdf.SlipCheque(
            c.drawer or c.client_name, c.cheque_bank or "", c.cheque_number or "", c.day,
            c.amount) for c in slip.cheques),
        total=slip.total))
