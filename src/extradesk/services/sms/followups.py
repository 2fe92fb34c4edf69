"""Quote follow-ups ("Devis à relancer"): quotes sent and unanswered for N days, followed up
in one click by SMS or mail from a template, recorded on the quote, never twice within N
days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import formataddr

from sqlalchemy import func, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StateError, ValidationError
from extradesk.core.workflow import DocumentKind, Status
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.i18n.sms import FOLLOWUP_MAIL_SUBJECT
from extradesk.models import Civility, Client, Document, QuoteFollowUp
from extradesk.services import company, preferences
from extradesk.services.context import Context
from extradesk.services.outbox import mail_channel, queue
from extradesk.services.sms import texts
from extradesk.services.sms.gateway import sms_message
from extradesk.services.sms.reminders import first_mobile

_D = Document.__table__.c
_CL = Client.__table__.c
_CV = Civility.__table__.c
_F = QuoteFollowUp.__table__
CHANNELS = ("sms", "mail")


@dataclass(frozen=True)
class QuoteToFollow:
    document_id: int
    number: str | None
    client_id: int
    client_name: str
    issue_date: date
    gross: object  # Decimal
    last_followup: datetime | None
    mobile: str | None
    email: str | None


def _days(ctx: Context) -> int:
    return int(preferences.get(ctx, preferences.QUOTE_FOLLOWUP_DAYS.key))


def _last_followups():
    return (select(_F.c.document_id, func.max(_F.c.at).label("last"))
            .group_by(_F.c.document_id).subquery())


def _base():
    last = _last_followups()
    return (select(_D.id, _D.number, _D.client_id, _D.issue_date, _D.gross, last.c.last,
                   _CL.last_name, _CL.first_name, _CL.company, _CL.phone_mobile,
                   _CL.phone_home, _CL.phone_work, _CL.email, _CV.label.label("civility"))
            .select_from(Document.__table__)
            .join(Client.__table__, _CL.id == _D.client_id)
            .outerjoin(Civility.__table__, _CV.id == _CL.civility_id)
            .outerjoin(last, last.c.document_id == _D.id)), last


def _due(ctx: Context, last) -> tuple:
    """The conditions of a quote to follow up (the list and the dashboard's count)."""
    days = _days(ctx)
    return (_D.kind == DocumentKind.QUOTE.value, _D.status == Status.SENT.value,
            _D.issue_date <= ctx.clock.today() - timedelta(days=days),
            (last.c.last.is_(None)) | (last.c.last <= ctx.clock.now() - timedelta(days=days)))


def quotes_to_follow(ctx: Context, *, limit: int = 500) -> list[QuoteToFollow]:
    """Sent quotes older than N days, not followed up within the last N days; oldest first."""
    query, last = _base()
    query = query.where(*_due(ctx, last)).order_by(_D.issue_date, _D.id).limit(limit)
    with ctx.db.engine.connect() as conn:
        return [_dto(r) for r in conn.execute(query)]


def count_to_follow(ctx: Context, *, author_id: int | None = None) -> int:
    """How many quotes `quotes_to_follow` would list (no limit), of one author or all."""
    last = _last_followups()
    query = (select(func.count()).select_from(Document.__table__)
             .outerjoin(last, last.c.document_id == _D.id).where(*_due(ctx, last)))
    if author_id is not None:
        query = query.where(_D.author_id == author_id)
    with ctx.db.engine.connect() as conn:
        return conn.execute(query).scalar() or 0


def _name(r) -> str:
    person = " ".join(p for p in ((r.last_name or "").upper(), r.first_name or "") if p)
    return person or r.company or ""


def _dto(r) -> QuoteToFollow:
    return QuoteToFollow(r.id, r.number, r.client_id, _name(r), r.issue_date, r.gross, r.last,
                         first_mobile(r.phone_mobile, r.phone_home, r.phone_work), r.email)


def _fields(r, identity) -> dict[str, str]:
    return {"civilite": r.civility or "", "nom": r.last_name or r.company or "",
            "numero": r.number or "", "date_devis": fmt.day(r.issue_date),
            "montant": fmt.money(r.gross), "entreprise": identity.name or "",
            "telephone_entreprise": fmt.phone(identity.phone) if identity.phone else ""}


def preview_text(ctx: Context, quote_id: int) -> str:
    """The follow-up text the template gives for this quote (the dialog lets it be edited)."""
    query, _ = _base()
    with ctx.db.engine.connect() as conn:
        row = conn.execute(query.where(_D.id == quote_id)).first()
        if row is None:
            raise NotFoundError("document.not_found", id=quote_id)
        identity = company.load(conn)
        template = texts.templates_of(conn, ("relance",))["relance"]
    return texts.fill("relance", template, _fields(row, identity))


def send_followup(ctx: Context, quote_id: int, *, channel: str,
                  text: str | None = None) -> tuple[int, Changes]:
    """Queue the follow-up (SMS or mail) and record it on the quote, in one transaction;
    returns the outbox item id."""
    if channel not in CHANNELS:
        raise ValidationError([Problem("channel", "sms.kind_unknown", {
            "value": channel, "choices": ", ".join(CHANNELS)})])
    days = _days(ctx)
    query, _ = _base()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        row = conn.execute(query.where(_D.id == quote_id)).first()
        kind = conn.execute(select(_D.kind, _D.status).where(_D.id == quote_id)).first()
        if row is None or kind is None:
            raise NotFoundError("document.not_found", id=quote_id)
        if kind.kind != DocumentKind.QUOTE.value or kind.status != Status.SENT.value:
            raise StateError("sms.followup_not_quote")
        if row.last is not None and row.last > ctx.clock.now() - timedelta(days=days):
            raise StateError("sms.followup_too_soon", date=fmt.day(row.last.date()), days=days)
        identity = company.load(conn)
        body = text if text and text.strip() else texts.fill(
            "relance", texts.templates_of(conn, ("relance",))["relance"],
            _fields(row, identity))
        message = _message(conn, ctx, row, channel=channel, body=body)
        item_id = queue.enqueue(conn, ctx, message)
        conn.execute(_F.insert().values(document_id=quote_id, at=ctx.clock.now(),
                                        channel=channel, text=body, outbox_id=item_id,
                                        user_id=ctx.user_id))
    return item_id, Changes(documents=frozenset({quote_id}), outbox=frozenset({item_id}))


def _message(conn, ctx: Context, row, *, channel: str, body: str) -> queue.Message:
    if channel == "sms":
        number = first_mobile(row.phone_mobile, row.phone_home, row.phone_work)
        if number is None:
            raise ValidationError([Problem("to", "sms.followup_no_mobile")])
        return sms_message(kind="relance", to=number, text=body, client_id=row.client_id)
    if not row.email:
        raise ValidationError([Problem("to", "sms.followup_no_email")])
    account = mail_channel.account_for_user(conn, ctx.user_id)
    if account is None:
        raise ValidationError([Problem("to", "sms.followup_no_mail_account")])
    sender = formataddr((account.sender_name or "", account.sender_address))
    return queue.Message(channel="mail", kind="relance", to=[row.email], body=body,
                         subject=FOLLOWUP_MAIL_SUBJECT.format(numero=row.number or ""),
                         sender=sender, account_id=account.id, document_id=row.id,
                         client_id=row.client_id)


def history(ctx: Context, quote_id: int) -> list[tuple[datetime, str, str]]:
    """(when, channel, text) of a quote's follow-ups, oldest first."""
    with ctx.db.engine.connect() as conn:
        return [(r.at, r.channel, r.text) for r in conn.execute(
            select(_F).where(_F.c.document_id == quote_id).order_by(_F.c.at, _F.c.id))]
