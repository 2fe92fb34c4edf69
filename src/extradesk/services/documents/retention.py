"""Retenues de garantie: the issued invoices that still hold one, and their release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, update

from extradesk.core import retention as rules
from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, StateError, ValidationError
from extradesk.core.money import ZERO
from extradesk.core.validation import clean
from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import Client
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.services.documents import store

D, DC = store.D, store.DC
_C = Client.__table__.c


@dataclass(frozen=True)
class RetentionRow:
    document_id: int
    number: str
    client_name: str
    percent: Decimal
    amount: Decimal
    release_date: date
    due: bool  # the release date has come


def open_retentions(ctx: Context) -> list[RetentionRow]:
    """Issued invoices whose retention is not released yet, the oldest release first."""
    today = ctx.clock.today()
    query = (select(DC.id, DC.number, _C.last_name, _C.first_name, _C.company,
                    DC.retention_percent, DC.retention_amount, DC.retention_release_date)
             .join(Client.__table__, _C.id == DC.client_id)
             .where(DC.kind == DocumentKind.INVOICE.value,
                    DC.status.in_([s.value for s in FROZEN]),
                    DC.retention_amount > ZERO, DC.retention_released_on.is_(None))
             .order_by(DC.retention_release_date, DC.number))
    with ctx.db.engine.connect() as conn:
        return [RetentionRow(r[0], r[1], display_name(r[2], r[3], r[4]), r[5], r[6], r[7],
                             r[7] <= today) for r in conn.execute(query)]


def release_retention(ctx: Context, document_id: int, *, kind: str, on: date | None = None,
                      reference: str | None = None) -> Changes:
    """Mark the retention of an issued invoice released: paid by the client (`paiement`) or
    replaced by a bank guarantee (`caution`, its reference). Once only."""
    if kind not in rules.RELEASE_KINDS:
        raise ValidationError([Problem("kind", "retention.release_kind", {"value": kind})])
    day = on or ctx.clock.today()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, document_id)
        row = conn.execute(select(DC.retention_amount, DC.retention_released_on)
                           .where(DC.id == document_id)).one()
        name = store.describe(head.kind, head.number)
        if head.status not in FROZEN or not row[0]:
            raise StateError("retention.not_held", name=name)
        if row[1] is not None:
            raise StateError("retention.already_released", name=name, day=fmt.day(row[1]))
        values = {}
        if kind == "paiement" and head.status == Status.PAID:
            # the retained amount is owed again (services.payments.store.net_sql): a paid
            # invoice is paid only in part until that payment comes in
            values["status"] = Status.PARTLY_PAID.value
        conn.execute(update(D).where(DC.id == document_id).values(
            retention_released_on=day, retention_release_kind=kind,
            retention_release_ref=clean(reference), updated_at=ctx.clock.now(),
            version=DC.version + 1, **values))
    return Changes(documents=frozenset({document_id}), clients=frozenset({head.client_id}))
