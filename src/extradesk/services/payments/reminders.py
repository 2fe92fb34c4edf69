"""Reminders (relances) of unpaid invoices: which are due today and at which level, the
letter (three levels, editable French templates, the 40 € indemnity for business clients
only), mailed through the outbox with the PDF attached or listed to print when the client
has no e-mail; level and day recorded. An invoice paid meanwhile is never reminded."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from extradesk.core import payments as rules
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StateError, raise_if
from extradesk.core.legal import DEFAULT_LATE_PENALTY
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text
from extradesk.i18n.payments import (
    DEFAULT_REMINDERS,
    INDEMNITY_TEXT,
    LEVEL_TITLES,
    PENALTY_TEXT,
    REMINDER_FIELDS,
    REMINDER_MAIL_BODY,
)
from extradesk.reports.layout import PrintParty
from extradesk.services import company as company_service
from extradesk.services.clients import records as clients
from extradesk.services.context import Context
from extradesk.services.documents import printing as document_print
from extradesk.services.mail import accounts
from extradesk.services.outbox import queue
from extradesk.services.payments import figures, store
from extradesk.services.payments.store import LETTERS, TEMPLATES

_FORMATTER = string.Formatter()


def _level(level: int) -> int:
    if level not in rules.LEVELS:
        raise NotFoundError("reminder.level_invalid", level=level)
    return level


def check(field: str, template: str) -> list[Problem]:
    try:
        parsed = list(_FORMATTER.parse(template or ""))
    except ValueError as exc:
        return [Problem(field, "reminder.template_broken", {"detail": str(exc)})]
    return [Problem(field, "reminder.template_unknown_field", {
        "name": name, "choices": ", ".join("{" + f + "}" for f in REMINDER_FIELDS)})
        for _lit, name, spec, conv in parsed
        if name is not None and (name not in REMINDER_FIELDS or spec or conv)]


def get_template(ctx: Context, level: int) -> tuple[str, str]:
    """(subject, body) of a level: the user's text, else the French default."""
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(TEMPLATES.c.subject, TEMPLATES.c.body)
                           .where(TEMPLATES.c.level == _level(level))).first()
    return (row[0], row[1]) if row else DEFAULT_REMINDERS[level]


def save_template(ctx: Context, level: int, *, subject: str, body: str) -> Changes:
    _level(level)
    raise_if(check("subject", subject) + check("body", body))
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        conn.execute(delete(TEMPLATES).where(TEMPLATES.c.level == level))
        conn.execute(TEMPLATES.insert().values(level=level, subject=subject.strip(), body=body,
                                               updated_at=ctx.clock.now()))
    return Changes(preferences=True)


def reset_template(ctx: Context, level: int) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(delete(TEMPLATES).where(TEMPLATES.c.level == _level(level)))
    return Changes(preferences=True)


@dataclass(frozen=True)
class DueReminder:
    invoice: figures.Overdue
    level: int


def due_reminders(ctx: Context) -> list[DueReminder]:
    """The reminders to send today, by client: each overdue invoice at its next level."""
    today = ctx.clock.today()
    found = []
    for row in figures.overdue(ctx):
        level = rules.reminder_due(due=row.due_date, today=today,
                                   last_level=row.reminder_level, last_on=row.reminded_on)
        if level is not None:
            found.append(DueReminder(row, level))
    return found


def _fill(template: str, values: dict[str, str], field: str) -> str:
    raise_if(check(field, template))
    return template.format_map({f: values.get(f) or "" for f in REMINDER_FIELDS})


def _tidy(body: str) -> str:
    """Blank paragraphs (a private client's indemnity) and doubled spaces go."""
    paragraphs = [" ".join(p.split(" ")).replace("  ", " ").strip() for p in body.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str
    mail_body: str
    pdf: bytes
    remaining: object
    email: str | None


def _signature(company) -> str:
    return "\n".join(p for p in (company.name, company.phone, company.email) if p)


def letter(ctx: Context, document_id: int, *, level: int) -> Letter:
    """The reminder of `level` for an invoice, as it would leave today (not recorded)."""
    _level(level)
    today = ctx.clock.today()
    with ctx.db.engine.connect() as conn:
        doc = store.load_payable(conn, document_id)
    if doc.remaining <= 0:
        raise StateError("reminder.not_due")
    company = company_service.get_company(ctx)
    detail = clients.get_client(ctx, doc.client_id)
    data = detail.data
    business = bool((data.company or "").strip())
    due = doc.due_date or doc.issue_date
    days = max((today - due).days, 0)
    values = {
        "civilite": detail.civility or "", "nom": (data.last_name or detail.name)
        if detail.civility else detail.name, "societe": data.company or "",
        "numero": doc.number or "", "date_facture": fmt.day(doc.issue_date),
        "echeance": fmt.day(due), "montant": fmt.money(doc.net_to_pay),
        "deja_regle": fmt.money(doc.paid), "reste": fmt.money(doc.remaining),
        "jours_retard": str(days), "signature": _signature(company)}
    values["penalites"] = PENALTY_TEXT.format(
        echeance=values["echeance"], conditions=company.late_penalty or DEFAULT_LATE_PENALTY)
    values["indemnite"] = INDEMNITY_TEXT if business and company.recovery_indemnity else ""
    subject_t, body_t = get_template(ctx, level)
    subject = " ".join(_fill(subject_t, values, "subject").split())
    body = _tidy(_fill(body_t, values, "body"))
    lines = [data.billing_line1, data.billing_line2,
             " ".join(p for p in (data.billing_postal_code, data.billing_city) if p)]
    place = (text("reminder.place_date", city=company.city, date=fmt.day(today))
             if company.city else text("reminder.date_only", date=fmt.day(today)))
    from extradesk.reports import reminder_pdf

    pdf = reminder_pdf.render(reminder_pdf.LetterData(
        company=document_print.company_block(company),
        client=PrintParty(detail.name, tuple(p for p in lines if p)), place_and_date=place,
        title=LEVEL_TITLES[level], subject=subject, body=body, number=doc.number or "",
        issue_date=doc.issue_date, due_date=due, net_to_pay=doc.net_to_pay, paid=doc.paid,
        remaining=doc.remaining))
    mail_body = _tidy(REMINDER_MAIL_BODY.format_map(values))
    return Letter(subject, body, mail_body, pdf, doc.remaining,
                  data.email or data.email2 or None)


@dataclass(frozen=True)
class SentReminder:
    document_id: int
    number: str
    client_name: str
    level: int
    channel: str  # mail | print
    letter_id: int
    outbox_id: int | None


def send_reminder(ctx: Context, document_id: int, *, level: int
                  ) -> tuple[SentReminder | None, Changes]:
    """Record one reminder: queued by mail with its PDF when the client has an e-mail and a
    mail account exists, else kept to print. None when the invoice got paid meanwhile."""
    with ctx.db.engine.connect() as conn:
        if store.load_payable(conn, document_id).remaining <= 0:
            return None, Changes()
    made = letter(ctx, document_id, level=level)
    account = accounts.get_account(ctx, ctx.user_id) if made.email else None
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        doc = store.load_payable(conn, document_id)
        if doc.remaining <= 0:  # paid between the list and now: never reminded
            return None, Changes()
        outbox_id = None
        if account is not None:
            name = f"{LEVEL_TITLES[level]} {doc.number}.pdf"
            outbox_id = queue.enqueue(conn, ctx, queue.Message(
                channel="mail", kind="relance", to=[made.email], subject=made.subject,
                body=made.mail_body, sender=accounts.sender_of(account),
                account_id=account.id,
                files=[queue.FileSpec.of_bytes(name, made.pdf, "application/pdf")],
                document_id=document_id, client_id=doc.client_id))
        channel = "mail" if outbox_id is not None else "print"
        letter_id = conn.execute(LETTERS.insert().values(
            document_id=document_id, level=level, day=ctx.clock.today(), channel=channel,
            outbox_id=outbox_id, amount=doc.remaining, pdf=made.pdf, created_by=ctx.user_id,
            created_at=ctx.clock.now())).inserted_primary_key[0]
    detail_name = clients.get_client(ctx, doc.client_id).name
    changes = Changes(documents=frozenset({document_id}), clients=frozenset({doc.client_id}))
    if outbox_id is not None:
        changes = changes | Changes(outbox=frozenset({outbox_id}))
    return SentReminder(document_id, doc.number or "", detail_name, level, channel, letter_id,
                        outbox_id), changes


def send_due_reminders(ctx: Context) -> tuple[list[SentReminder], Changes]:
    """Every reminder due today (the scheduled task behind `reminders-unpaid --send`)."""
    sent, changes = [], Changes()
    for due in due_reminders(ctx):
        done, more = send_reminder(ctx, due.invoice.document_id, level=due.level)
        if done is not None:
            sent.append(done)
            changes = changes | more
    return sent, changes


@dataclass(frozen=True)
class LetterRow:
    id: int
    document_id: int
    level: int
    day: date
    channel: str
    outbox_id: int | None


def letters_of(ctx: Context, document_id: int) -> list[LetterRow]:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(LETTERS.c.id, LETTERS.c.document_id, LETTERS.c.level,
                                   LETTERS.c.day, LETTERS.c.channel, LETTERS.c.outbox_id)
                            .where(LETTERS.c.document_id == document_id)
                            .order_by(LETTERS.c.id)).all()
    return [LetterRow(*r) for r in rows]


def to_print(ctx: Context) -> list[LetterRow]:
    """Letters kept to print (clients without e-mail), newest first."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(LETTERS.c.id, LETTERS.c.document_id, LETTERS.c.level,
                                   LETTERS.c.day, LETTERS.c.channel, LETTERS.c.outbox_id)
                            .where(LETTERS.c.channel == "print")
                            .order_by(LETTERS.c.id.desc())).all()
    return [LetterRow(*r) for r in rows]


def letter_pdf(ctx: Context, letter_id: int) -> bytes:
    with ctx.db.engine.connect() as conn:
        pdf = conn.execute(select(LETTERS.c.pdf).where(LETTERS.c.id == letter_id)).scalar()
    if pdf is None:
        raise NotFoundError("reminder.letter_not_found", id=letter_id)
    return pdf
