"""Mail a document or a short alert: recipients, template, attachments (the PDF, on request
the notices), copy and read receipt per the user's preferences; queued in the outbox in the
same transaction that marks a quote "Envoyé"."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import update

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StateError, raise_if
from extradesk.core.validation import check_email
from extradesk.core.workflow import NUMBERED_AT_ISSUE, DocumentKind, Status, check_transition
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.services import company as company_service
from extradesk.services import preferences, users
from extradesk.services.articles import notices
from extradesk.services.clients import records as clients
from extradesk.services.context import Context
from extradesk.services.documents import drafts, store
from extradesk.services.documents import printing as document_print
from extradesk.services.mail import accounts, deliverability, templates
from extradesk.services.outbox import queue
from extradesk.services.outbox.mail_channel import AccountRow


@dataclass(frozen=True)
class MailDraft:
    """What the send dialog shows before the user confirms (and may edit)."""

    to: tuple[str, ...]
    subject: str
    body: str
    files: tuple[tuple[str, int], ...]  # (name, size)
    copy_to: str | None
    read_receipt: bool
    warnings: tuple[tuple[str, dict], ...]  # (message id, params)


def _sender_account(ctx: Context) -> AccountRow:
    account = accounts.get_account(ctx, ctx.user_id)
    if account is None:
        name = users.get_user(ctx, ctx.user_id).name if ctx.user_id else "l'utilisateur"
        raise NotFoundError("mail.no_account", name=name)
    return account


def _signature(ctx: Context, account: AccountRow) -> str:
    company = company_service.get_company(ctx)
    lines = [account.sender_name or "", company.name or "", company.phone or ""]
    return "\n".join(dict.fromkeys(line for line in lines if line))


def _values(ctx: Context, account: AccountRow, *, client: dict, client_name: str,
            snap=None) -> dict[str, str]:
    civility = client.get("_civility") or ""
    values = {"civilite": civility,
              "nom": client["last_name"] if civility and client.get("last_name")
              else client_name,
              "signature": _signature(ctx, account)}
    if snap is not None:
        values.update(numero=snap.head.number or "", total_ttc=fmt.money(snap.totals.gross),
                      valable_jusqu_au=fmt.day(snap.row["validity_date"]),
                      echeance=fmt.day(snap.row["due_date"]))
    return values


def _tidy(text: str) -> str:
    """An empty field leaves no double space ("Bonjour  Camping du Lac")."""
    return "\n".join(re.sub(" {2,}", " ", line) for line in text.split("\n"))


def _options(ctx: Context, account: AccountRow) -> tuple[str | None, dict, list]:
    """(Bcc copy address, extra headers, warnings) from the user's preferences."""
    warnings: list[tuple[str, dict]] = []
    copy_to = None
    if preferences.get(ctx, preferences.MAIL_COPY_TO_ME.key):
        copy_to = accounts.user_email(ctx, ctx.user_id)
        if not copy_to:
            name = users.get_user(ctx, ctx.user_id).name if ctx.user_id else ""
            warnings.append(("mail.copy_without_email", {"name": name}))
    headers = {}
    if preferences.get(ctx, preferences.MAIL_READ_RECEIPT.key):
        headers = {"Disposition-Notification-To": account.sender_address,
                   "Return-Receipt-To": account.sender_address}
    return copy_to, headers, warnings


def _recipients(to: Sequence[str]) -> list[str]:
    found = [a.strip().lower() for a in to if a and a.strip()]
    problems = [Problem("to", "mail.address_invalid", {"value": a})
                for a in found if check_email("to", a)]
    if not found:
        problems.append(Problem("to", "mail.no_recipient"))
    raise_if(problems)
    return list(dict.fromkeys(found))


def _files(ctx: Context, snap, *, with_notices: bool) -> list[queue.FileSpec]:
    """The PDF (an issued one by reference to its stored bytes), then the notices."""
    document_id = snap.head.id
    name = drafts.pdf_file_name(ctx, document_id)
    pdf = drafts.render_pdf(ctx, document_id)  # stores it first when the document is frozen
    spec = queue.FileSpec.of_bytes(name, pdf, "application/pdf")
    if snap.frozen:
        spec = queue.FileSpec(name, spec.content_type, spec.size, spec.sha256, None,
                              document_id)
    files = [spec]
    if with_notices:
        for notice in notices.files_for_document(ctx, document_id):
            kind = mimetypes.guess_type(notice.name)[0] or "application/octet-stream"
            files.append(queue.FileSpec(notice.name, kind, notice.size, notice.path.name))
    return files


def _snapshot(ctx: Context, document_id: int):
    with ctx.db.engine.connect() as conn:
        snap = document_print.snapshot(conn, document_id)
    if snap.head.kind in NUMBERED_AT_ISSUE and snap.head.status == Status.DRAFT:
        raise StateError("mail.not_mailable", document=store.describe(snap.head.kind, None),
                         status=store.status_label(snap.head.status))
    return snap


def prepare_document_mail(ctx: Context, document_id: int, *, notices_too: bool = False
                          ) -> MailDraft:
    """The mail as it would leave: client's addresses, filled template, attachments."""
    account = _sender_account(ctx)
    snap = _snapshot(ctx, document_id)
    to = tuple(a for a in (snap.client.get("email"), snap.client.get("email2")) if a)
    subject, body = templates.render(ctx, snap.head.kind.value, values=_values(
        ctx, account, client=snap.client, client_name=snap.client_name, snap=snap))
    copy_to, headers, warnings = _options(ctx, account)
    warnings += deliverability.consumer_warnings(to, account)
    files = [(f.name, f.size) for f in _files(ctx, snap, with_notices=notices_too)]
    return MailDraft(to, subject, _tidy(body), tuple(files), copy_to, bool(headers),
                     tuple(warnings))


def queue_document_mail(ctx: Context, document_id: int, *, to: Sequence[str] | None = None,
                        subject: str | None = None, body: str | None = None,
                        notices_too: bool = False) -> tuple[int, Changes]:
    """Queue the document's mail; a quote still in draft (or expired) becomes "Envoyé" in
    the same transaction. Nothing is sent here: outbox.sender does that."""
    account = _sender_account(ctx)
    snap = _snapshot(ctx, document_id)
    client = snap.client
    addresses = _recipients(to if to is not None else
                            [a for a in (client.get("email"), client.get("email2")) if a])
    values = _values(ctx, account, client=client, client_name=snap.client_name, snap=snap)
    default_subject, default_body = templates.render(ctx, snap.head.kind.value, values=values)
    subject = templates.subject_of(subject, values) if subject else default_subject
    body = templates.fill(body, values) if body else _tidy(default_body)
    copy_to, headers, _warnings = _options(ctx, account)
    files = _files(ctx, snap, with_notices=notices_too)
    message = queue.Message(
        channel="mail", kind=snap.head.kind.value, to=addresses, subject=subject, body=body,
        sender=accounts.sender_of(account), account_id=account.id,
        bcc=[copy_to] if copy_to and copy_to not in addresses else [], headers=headers,
        files=files, document_id=document_id, client_id=snap.head.client_id)
    changes = Changes(clients=frozenset({snap.head.client_id}))
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, document_id)
        if head.kind == DocumentKind.QUOTE and head.status in (Status.DRAFT, Status.EXPIRED):
            check_transition(head.kind, head.status, Status.SENT)
            conn.execute(update(store.D).where(store.DC.id == document_id).values(
                status=Status.SENT.value, version=store.DC.version + 1,
                updated_at=ctx.clock.now()))
            changes = changes | Changes(documents=frozenset({document_id}))
        if ctx.fault is not None:
            ctx.fault("mail_status_changed")
        item_id = queue.enqueue(conn, ctx, message)
    return item_id, changes | Changes(outbox=frozenset({item_id}))


def prepare_alert(ctx: Context, client_id: int) -> MailDraft:
    """The free message as the client-record dialog first shows it: the client's addresses,
    the "alerte" template filled, the copy and warnings."""
    account = _sender_account(ctx)
    detail = clients.get_client(ctx, client_id)
    client = {"last_name": detail.data.last_name, "_civility": detail.civility or ""}
    to = tuple(a for a in (detail.data.email, detail.data.email2) if a)
    subject, body = templates.render(ctx, "alerte", values=_values(
        ctx, account, client=client, client_name=detail.name))
    copy_to, headers, warnings = _options(ctx, account)
    warnings += deliverability.consumer_warnings(to, account)
    return MailDraft(to, subject, _tidy(body), (), copy_to, bool(headers), tuple(warnings))


def queue_alert(ctx: Context, client_id: int, *, body: str, subject: str | None = None,
                to: Sequence[str] | None = None) -> tuple[int, Changes]:
    """A short free message to a client from the client record, through the same path."""
    account = _sender_account(ctx)
    detail = clients.get_client(ctx, client_id)
    data = detail.data
    client = {"last_name": data.last_name, "_civility": detail.civility or ""}
    addresses = _recipients(to if to is not None else
                            [a for a in (data.email, data.email2) if a])
    values = _values(ctx, account, client=client, client_name=detail.name)
    default_subject, _ = templates.render(ctx, "alerte", values=values)
    copy_to, headers, _warnings = _options(ctx, account)
    message = queue.Message(
        channel="mail", kind="alerte", to=addresses,
        subject=templates.subject_of(subject, values) if subject
        else default_subject, body=templates.fill(body, values),
        sender=accounts.sender_of(account), account_id=account.id,
        bcc=[copy_to] if copy_to and copy_to not in addresses else [], headers=headers,
        client_id=client_id)
    with unit_of_work(ctx.db, write=True) as session:
        item_id = queue.enqueue(session.connection(), ctx, message)
    return item_id, Changes(clients=frozenset({client_id}), outbox=frozenset({item_id}))

