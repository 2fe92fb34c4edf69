"""Drain the outbox: claim due items (DB), send them over one SMTP connection per account
(network, no Session held), record each outcome at once (DB).

Delivery is at least once, never lost: an item is marked sent in its own short transaction
right after the server accepted it. A crash between the server's "250" and that commit
leaves the item pending; it is sent again once its claim expires, under the same Message-ID
(mail clients and servers drop a repeated Message-ID), so the worst case is one duplicate.
Claiming (attempts + 1, next attempt pushed by LEASE) keeps two senders (the application
and a scheduled `extradesk outbox send`) off the same item.

SMS items go through the company's gateway (services.outbox.sms_channel) after the mails:
a commercial one (a campaign) is checked against the opt-out register and the sending
window at the moment it would leave, so a STOP received after queueing is honoured.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import groupby

from sqlalchemy import func, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import ExternalServiceError
from extradesk.db.session import unit_of_work
from extradesk.models import DocumentPdf
from extradesk.services.articles import notices
from extradesk.services.context import Context
from extradesk.services.outbox import mail_channel
from extradesk.services.outbox.queue import FAILED, OUT, OUT_FILES, PENDING, SENT
from extradesk.sync.smtp import SmtpSession, SmtpSettings

LEASE = timedelta(minutes=10)  # longer than any one attempt may take
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)
BATCH = 200
_C = OUT.c
_PDF = DocumentPdf.__table__.c


def backoff(attempts: int) -> timedelta:
    """1 min, 2, 4, 8… capped at 6 h: a server down overnight is tried a few times an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0  # permanent: needs the user (wrong address, too big…)
    deferred: int = 0  # temporary: tried again later by itself
    errors: list[tuple[int, ExternalServiceError]] = field(default_factory=list)
    ids: set[int] = field(default_factory=set)
    opted_out: int = 0  # commercial SMS to a number that said STOP: cancelled, not sent
    postponed: int = 0  # commercial SMS outside the sending window: wait for the next slot


@dataclass(frozen=True)
class _Outgoing:
    item_id: int
    attempts: int
    account_id: int | None
    created_by: int | None
    sender: str
    recipients: list[str]
    message: object  # EmailMessage, or the ExternalServiceError that stopped its loading


def send_due(ctx: Context, *, item_ids: Iterable[int] | None = None, timeout: float = 30.0,
             progress: Callable[[int, int], None] | None = None) -> tuple[SendReport, Changes]:
    """Send every due pending item (or only `item_ids`, due or not); returns what happened.
    `progress(done, expected)` is called after each account's group of a batch."""
    report = SendReport()
    wanted = None if item_ids is None else list(item_ids)
    due = len(wanted) if wanted is not None else _count_due(ctx) if progress else 0
    sms_wanted = None if wanted is None else list(wanted)
    while True:
        claimed = _claim(ctx, wanted, "mail")
        if not claimed:
            break
        if wanted is not None:
            wanted = [i for i in wanted if i not in claimed]
        outgoing = _load(ctx, claimed)
        by_account = groupby(sorted(outgoing, key=_account_key), key=_account_key)
        for _key, group in by_account:
            _send_group(ctx, list(group), report, timeout)
            if progress is not None:  # (done, expected): the status bar's "12 / 50"
                done = report.sent + report.failed + report.deferred
                progress(done, max(due, done))
        if wanted is not None and not wanted:
            break
    from extradesk.services.outbox import sms_sender  # after the mails; requests on demand

    sms_sender.drain(ctx, sms_wanted, report, timeout, progress)
    return report, Changes(outbox=frozenset(report.ids)) if report.ids else Changes()


def _count_due(ctx: Context) -> int:
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(func.count()).where(
            _C.state == PENDING, _C.channel == "mail",
            _C.next_attempt_at <= ctx.clock.now())).scalar()


def _account_key(o: _Outgoing) -> tuple[int, int]:
    return (o.account_id or 0, o.created_by or 0)


def _claim(ctx: Context, wanted: list[int] | None, channel: str = "mail", *,
           limit: int = BATCH) -> list[int]:
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        query = select(_C.id).where(_C.state == PENDING, _C.channel == channel)
        if wanted is None:
            query = query.where(_C.next_attempt_at <= now).order_by(_C.next_attempt_at, _C.id)
        else:
            query = query.where(_C.id.in_(wanted))
        ids = list(conn.execute(query.limit(limit)).scalars())
        if ids:
            conn.execute(update(OUT).where(_C.id.in_(ids)).values(
                attempts=_C.attempts + 1, next_attempt_at=now + LEASE, updated_at=now))
    return ids


def _load(ctx: Context, ids: list[int]) -> list[_Outgoing]:
    """Rows and attachment bytes of the claimed items, read in one short transaction."""
    with ctx.db.engine.connect() as conn:
        items = conn.execute(select(OUT).where(_C.id.in_(ids)).order_by(_C.id)).all()
        files: dict[int, list] = {}
        rows = conn.execute(select(OUT_FILES).where(OUT_FILES.c.item_id.in_(ids))
                            .order_by(OUT_FILES.c.item_id, OUT_FILES.c.position)).all()
        for f in rows:
            files.setdefault(f.item_id, []).append(f)
        loaded = []
        for item in items:
            sender, recipients = mail_channel.envelope(item)
            try:
                attached = [_bytes_of(ctx, conn, f) for f in files.get(item.id, ())]
                message = mail_channel.build(ctx, item, attached)
            except ExternalServiceError as error:
                message = error
            except (ValueError, UnicodeError) as exc:  # a header no message may carry
                message = ExternalServiceError("smtp.unencodable", retryable=False,
                                               detail=str(exc)[:200])
            loaded.append(_Outgoing(item.id, item.attempts, item.account_id, item.created_by,
                                    sender, recipients, message))
    return loaded


def _bytes_of(ctx: Context, conn, f) -> tuple[str, str, bytes]:
    if f.data is not None:
        return f.name, f.content_type, f.data
    if f.pdf_document_id is not None:
        pdf = conn.execute(select(_PDF.pdf).where(_PDF.document_id == f.pdf_document_id)
                           ).scalar()
        if pdf is not None:
            return f.name, f.content_type, pdf
    try:
        return f.name, f.content_type, notices.stored_path(ctx, f.sha256).read_bytes()
    except OSError:
        raise ExternalServiceError("mail.notice_missing", retryable=False,
                                   name=f.name) from None


def _send_group(ctx: Context, group: list[_Outgoing], report: SendReport,
                timeout: float) -> None:
    """One account's items over one connection (reopened if the server drops it); each
    outcome is recorded as soon as it is known."""
    try:
        settings = _settings(ctx, group[0], timeout)
    except ExternalServiceError as error:
        settings = error

    def record(outcome: Outcome) -> None:
        if outcome.accepted is not None and ctx.fault is not None:
            ctx.fault("outbox_accepted")
        _record(ctx, outcome, report)

    _deliver_group(group, settings, record)


def _deliver_group(group: list[_Outgoing], settings: SmtpSettings | ExternalServiceError,
                   on_outcome: Callable[[Outcome], None]) -> None:
    """The network part of one account's group: no Context, no database."""
    session = None
    try:
        for out in group:
            if isinstance(out.message, ExternalServiceError):
                on_outcome(Outcome(out, error=out.message))
                continue
            if session is None or session.closed:
                try:
                    if isinstance(settings, ExternalServiceError):
                        raise settings
                    session = SmtpSession(settings)
                except ExternalServiceError as error:
                    # The account, not the message, is at fault (password, port, TLS): every
                    # item waits with the reason, none is dropped.
                    for rest in group[group.index(out):]:
                        own = isinstance(rest.message, ExternalServiceError)
                        on_outcome(Outcome(rest, error=rest.message if own else error,
                                           keep=not own))
                    return
            try:
                accepted = session.send(out.message, sender=out.sender,
                                        recipients=out.recipients)
            except ExternalServiceError as error:
                on_outcome(Outcome(out, error=error))
                continue
            on_outcome(Outcome(out, accepted=accepted))
    finally:
        if session is not None:
            session.close()


def _settings(ctx: Context, out: _Outgoing, timeout: float) -> SmtpSettings:
    with ctx.db.engine.connect() as conn:
        account = (mail_channel.load_account(conn, out.account_id)
                   if out.account_id is not None
                   else mail_channel.account_for_user(conn, out.created_by))
    if account is None:
        raise ExternalServiceError("mail.account_gone", retryable=False)
    return mail_channel.settings_for(account, timeout=timeout)


# -- the same work as three steps, for the application: read (database worker) -> network
# (network pool, no Context) -> write (database worker). Between the server's acceptance and
# the write, the claimed items are leased (LEASE): a crash there resends them once, under
# the same Message-ID, exactly as in send_due.

@dataclass(frozen=True)
class Batch:
    """Claimed items, their messages and each account's settings (password included)."""

    groups: tuple[tuple[tuple[_Outgoing, ...], SmtpSettings | ExternalServiceError], ...]

    @property
    def size(self) -> int:
        return sum(len(items) for items, _settings in self.groups)


@dataclass(frozen=True)
class Outcome:
    out: _Outgoing
    accepted: object = None  # sync.smtp.Accepted when the server took it
    error: ExternalServiceError | None = None
    keep: bool = False  # an account problem: wait with backoff even if not retryable


def claim_batch(ctx: Context, *, limit: int = BATCH, timeout: float = 30.0) -> Batch | None:
    """Claim up to `limit` due mails and read what sending them needs; None when none is
    due. The database step before `deliver`."""
    claimed = _claim(ctx, None, limit=limit)
    if not claimed:
        return None
    groups = []
    for _key, group in groupby(sorted(_load(ctx, claimed), key=_account_key),
                               key=_account_key):
        items = tuple(group)
        try:
            settings = _settings(ctx, items[0], timeout)
        except ExternalServiceError as error:
            settings = error
        groups.append((items, settings))
    return Batch(tuple(groups))


def deliver(batch: Batch, *, progress: Callable[[int, int], None] | None = None
            ) -> list[Outcome]:
    """Send a claimed batch (network only: no Context, no database); `progress(done,
    total)` after each message."""
    outcomes: list[Outcome] = []

    def keep(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if progress is not None:
            progress(len(outcomes), batch.size)

    for items, settings in batch.groups:
        _deliver_group(list(items), settings, keep)
    return outcomes


def record_outcomes(ctx: Context, outcomes: list[Outcome]) -> tuple[SendReport, Changes]:
    """Write what `deliver` learnt: the database step after it."""
    report = SendReport()
    for outcome in outcomes:
        _record(ctx, outcome, report)
    return report, Changes(outbox=frozenset(report.ids)) if report.ids else Changes()


def _record(ctx: Context, outcome: Outcome, report: SendReport) -> None:
    if outcome.accepted is not None:
        _record_sent(ctx, outcome.out, outcome.accepted, report)
    else:
        _record_failure(ctx, outcome.out, outcome.error, report, keep=outcome.keep)


def _record_sent(ctx: Context, out: _Outgoing, accepted, report: SendReport) -> None:
    now = ctx.clock.now()
    values = {"state": SENT, "sent_at": now, "updated_at": now, "server_reply": accepted.reply,
              "last_error": None, "last_error_params": None, "next_attempt_at": None}
    if accepted.refused:
        values["last_error"] = "smtp.some_refused"
        values["last_error_params"] = json.dumps({"addresses": ", ".join(accepted.refused)})
    with unit_of_work(ctx.db, write=True) as session:
        # Whatever happened meanwhile (even a cancel), the server has it: record the truth.
        session.connection().execute(update(OUT).where(_C.id == out.item_id).values(**values))
    report.sent += 1
    report.ids.add(out.item_id)


def _record_failure(ctx: Context, out: _Outgoing, error: ExternalServiceError,
                    report: SendReport, *, keep: bool = False) -> None:
    """Temporary (or an account problem, `keep`): wait with backoff. Else: failed."""
    now = ctx.clock.now()
    values = {"last_error": error.message_id, "updated_at": now,
              "last_error_params": json.dumps(error.params, ensure_ascii=False, default=str)}
    if error.retryable or keep:
        wait = backoff(out.attempts)
        if error.params.get("retry_after"):  # the server said when (HTTP 429 Retry-After)
            wait = max(wait, timedelta(seconds=int(error.params["retry_after"])))
        values["next_attempt_at"] = now + wait
        report.deferred += 1
    else:
        values["state"] = FAILED
        values["next_attempt_at"] = None
        report.failed += 1
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(update(OUT).where(
            _C.id == out.item_id, _C.state == PENDING).values(**values))
    report.errors.append((out.item_id, error))
    report.ids.add(out.item_id)
