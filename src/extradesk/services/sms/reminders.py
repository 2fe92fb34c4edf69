"""Appointment reminders by SMS: planned from each appointment (per-appointment on/off and
delay, else the creator's default delay), kept in step when it moves or is cancelled, and
queued in the outbox when due. Reconciling is idempotent: the application after every agenda
change and `extradesk reminders` (a daily task) may both run it, nothing is queued twice.

A reminder planned and not yet handed to the gateway follows its appointment (rescheduled);
once it went out, a move makes a new reminder for the new time, plus a short "déplacé"
notice when the appointment asks for one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import (
    Appointment,
    AppointmentSms,
    Civility,
    Client,
    SmsReminder,
    UserPreference,
)
from extradesk.services import company
from extradesk.services.context import Context
from extradesk.services.outbox import queue
from extradesk.services.preferences import SMS_NOTIFY_MOVED, SMS_REMINDER_DELAY
from extradesk.services.sms import texts
from extradesk.services.sms.gateway import mobile_number, sms_message

DELAYS = SMS_REMINDER_DELAY.choices
_DAYS = {"1d": 1, "2d": 2, "1w": 7}
HORIZON = timedelta(days=8)  # the longest delay and a day: reminders further off wait
PLANNED, QUEUED, CANCELLED, REPLACED = "planned", "queued", "cancelled", "replaced"
_A = Appointment.__table__.c
_S = AppointmentSms.__table__
_R = SmsReminder.__table__
_CL = Client.__table__.c
_CV = Civility.__table__.c
_P = UserPreference.__table__.c
_OUT = queue.OUT.c


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool
    delay: str
    notify_moved: bool
    mobile: str | None  # the client's first mobile, None: no reminder possible
    planned_at: datetime | None  # when the reminder would leave (UTC)


@dataclass(frozen=True)
class QueuedReminder:
    appointment_id: int
    kind: str  # rappel | deplace
    to: str
    planned_at: datetime
    text: str
    outbox_id: int | None  # None on a dry run


def planned_time(start: datetime, tz: str, delay: str, *, all_day: bool = False
                 ) -> datetime | None:
    """When the reminder leaves: the same wall-clock time 1, 2 or 7 days before (an all-day
    appointment: 8:00), or 8:00 the same day; None for no reminder."""
    if delay == "none":
        return None
    zone = ZoneInfo(tz or "Europe/Paris")
    local = start.astimezone(zone)
    at = time(8, 0) if all_day or delay == "same_day" else local.time()
    day = local.date() - timedelta(days=_DAYS.get(delay, 0))
    planned = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
    return planned if planned < start else start - timedelta(hours=1)


def first_mobile(*phones: str | None) -> str | None:
    for phone in phones:
        number = mobile_number(phone)
        if number:
            return number
    return None


def _defaults(conn) -> dict[tuple[int, str], object]:
    keys = (SMS_REMINDER_DELAY.key, SMS_NOTIFY_MOVED.key)
    return {(r.user_id, r.key): json.loads(r.value)
            for r in conn.execute(select(_P.user_id, _P.key, _P.value).where(_P.key.in_(keys)))}


_COLUMNS = (_A.id, _A.start_utc, _A.tz, _A.all_day, _A.status, _A.deleted_at, _A.client_id,
            _A.location, _A.created_by, _CL.phone_mobile, _CL.phone_home, _CL.phone_work,
            _CL.last_name, _CL.company, _CL.billing_line1, _CL.billing_postal_code,
            _CL.billing_city, _CV.label.label("civility"), _S.c.enabled, _S.c.delay,
            _S.c.notify_moved)


def _query():
    return (select(*_COLUMNS).select_from(Appointment.__table__)
            .outerjoin(Client.__table__, _CL.id == _A.client_id)
            .outerjoin(Civility.__table__, _CV.id == _CL.civility_id)
            .outerjoin(_S, _S.c.appointment_id == _A.id))


def _settings(row, defaults) -> tuple[bool, str, bool]:
    if row.enabled is not None:
        return bool(row.enabled), row.delay, bool(row.notify_moved)
    delay = defaults.get((row.created_by, SMS_REMINDER_DELAY.key), SMS_REMINDER_DELAY.default)
    moved = defaults.get((row.created_by, SMS_NOTIFY_MOVED.key), SMS_NOTIFY_MOVED.default)
    return True, delay if delay in DELAYS else SMS_REMINDER_DELAY.default, bool(moved)


def _desired(row, defaults, now: datetime) -> tuple[datetime | None, bool]:
    enabled, delay, moved = _settings(row, defaults)
    live = (row.deleted_at is None and row.status != "cancelled" and row.start_utc > now
            and row.client_id is not None
            and first_mobile(row.phone_mobile, row.phone_home, row.phone_work) is not None)
    if not (live and enabled):
        return None, moved
    return planned_time(row.start_utc, row.tz, delay, all_day=row.all_day), moved


def get_settings(ctx: Context, appointment_id: int) -> ReminderSettings:
    """What the appointment dialog shows: on/off, delay, the "déplacé" tick, planned time."""
    with ctx.db.engine.connect() as conn:
        row = conn.execute(_query().where(_A.id == appointment_id)).first()
        if row is None:
            raise NotFoundError("sms.appointment_not_found", id=appointment_id)
        defaults = _defaults(conn)
    enabled, delay, moved = _settings(row, defaults)
    mobile = first_mobile(row.phone_mobile, row.phone_home, row.phone_work)
    planned = (planned_time(row.start_utc, row.tz, delay, all_day=row.all_day)
               if enabled and mobile else None)
    return ReminderSettings(enabled, delay, moved, mobile, planned)


def set_settings(ctx: Context, appointment_id: int, *, enabled: bool, delay: str,
                 notify_moved: bool = False) -> Changes:
    """Keep the appointment's choice and re-plan its reminder at once."""
    if delay not in DELAYS:
        raise ValidationError([Problem("delay", "sms.delay_unknown", {"value": delay})])
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if conn.execute(select(_A.id).where(_A.id == appointment_id)).scalar() is None:
            raise NotFoundError("sms.appointment_not_found", id=appointment_id)
        conn.execute(_S.delete().where(_S.c.appointment_id == appointment_id))
        conn.execute(_S.insert().values(appointment_id=appointment_id, enabled=enabled,
                                        delay=delay, notify_moved=notify_moved))
        _reconcile(conn, ctx, only=[appointment_id])
    return Changes(appointments=frozenset({appointment_id}))


def _cancel_pending_item(conn, outbox_id: int | None, now: datetime) -> bool:
    """Take back a queued message the sender has not touched yet; False when it is gone."""
    if outbox_id is None:
        return True
    done = conn.execute(update(queue.OUT).where(
        _OUT.id == outbox_id, _OUT.state == queue.PENDING, _OUT.attempts == 0).values(
        state=queue.CANCELLED, next_attempt_at=None, updated_at=now))
    return done.rowcount == 1


def _reconcile(conn, ctx: Context, *, only: list[int] | None = None) -> None:
    now = ctx.clock.now()
    query = _query()
    if only is not None:
        query = query.where(_A.id.in_(only))
    else:
        followed = select(_R.c.appointment_id).where(_R.c.state.in_((PLANNED, QUEUED)),
                                                     _R.c.for_start > now - timedelta(days=1))
        query = query.where(or_(_A.start_utc.between(now, now + HORIZON), _A.id.in_(followed)))
    rows = conn.execute(query).all()
    if not rows:
        return
    defaults = _defaults(conn)
    existing: dict[int, list] = {}
    for r in conn.execute(select(_R).where(_R.c.appointment_id.in_([r.id for r in rows]),
                                           _R.c.kind == "rappel").order_by(_R.c.id)):
        existing.setdefault(r.appointment_id, []).append(r)
    for row in rows:
        desired, moved = _desired(row, defaults, now)
        _follow(conn, row, existing.get(row.id, []), desired, moved, now)


def _set(conn, reminder_id: int, **values) -> None:
    conn.execute(_R.update().where(_R.c.id == reminder_id).values(**values))


def _add(conn, appointment_id: int, kind: str, start: datetime, planned: datetime,
         now: datetime) -> None:
    """A new reminder, unless one of that kind already exists for that start (a "déplacé"
    notice for a time the appointment had before and comes back to is not sent twice)."""
    if conn.execute(select(_R.c.id).where(_R.c.appointment_id == appointment_id,
                                          _R.c.kind == kind, _R.c.for_start == start)
                    ).first() is None:
        conn.execute(_R.insert().values(appointment_id=appointment_id, kind=kind,
                                        for_start=start, planned_at=planned, state=PLANNED,
                                        created_at=now))


def _follow(conn, row, reminders: list, desired: datetime | None, moved: bool,
            now: datetime) -> None:
    start = row.start_utc
    active = [r for r in reminders if r.state in (PLANNED, QUEUED)]
    current = active[-1] if active else None
    if desired is None:  # cancelled, deleted, switched off, no mobile any more
        for r in active:
            if r.state == PLANNED or _cancel_pending_item(conn, r.outbox_id, now):
                _set(conn, r.id, state=CANCELLED)
        return
    same_time = {r.for_start: r for r in reminders}.get(start)
    if current is None:
        if same_time is None:
            _add(conn, row.id, "rappel", start, desired, now)
        elif same_time.state == CANCELLED:  # switched on again
            _set(conn, same_time.id, state=PLANNED, planned_at=desired, outbox_id=None)
        return
    if current.for_start == start:
        if current.state == PLANNED and current.planned_at != desired:  # delay changed
            _set(conn, current.id, planned_at=desired)
        return
    # The appointment moved.
    if current.state == PLANNED or _cancel_pending_item(conn, current.outbox_id, now):
        if same_time is not None and same_time.id != current.id:
            conn.execute(_R.delete().where(_R.c.id == same_time.id))  # moved back
        _set(conn, current.id, state=PLANNED, for_start=start, planned_at=desired,
             outbox_id=None)
        return
    _set(conn, current.id, state=REPLACED)  # it went out for the old time
    if same_time is None or same_time.state == CANCELLED:
        if same_time is not None:
            conn.execute(_R.delete().where(_R.c.id == same_time.id))
        _add(conn, row.id, "rappel", start, desired, now)
    if moved:
        _add(conn, row.id, "deplace", start, now, now)


class _DryRun(Exception):
    """Raised inside the unit of work to roll back a dry run."""


def queue_due(ctx: Context, *, dry_run: bool = False) -> tuple[list[QueuedReminder], Changes]:
    """Re-plan, then queue every reminder whose time has come; `dry_run` says what would be
    queued and changes nothing."""
    result: list[QueuedReminder] = []
    try:
        with unit_of_work(ctx.db, write=True) as session:
            conn = session.connection()
            _reconcile(conn, ctx)
            result = _queue(conn, ctx, dry_run=dry_run)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    ids = frozenset(r.outbox_id for r in result if r.outbox_id)
    return result, Changes(outbox=ids) if ids else Changes()


def _queue(conn, ctx: Context, *, dry_run: bool) -> list[QueuedReminder]:
    now = ctx.clock.now()
    due = conn.execute(select(_R).where(_R.c.state == PLANNED, _R.c.planned_at <= now)
                       .order_by(_R.c.planned_at, _R.c.id)).all()
    if not due:
        return []
    rows = {r.id: r for r in conn.execute(_query().where(
        _A.id.in_({d.appointment_id for d in due})))}
    identity = company.load(conn)
    templates = texts.templates_of(conn, ("rappel", "deplace"))
    result = []
    for reminder in due:
        row = rows.get(reminder.appointment_id)
        number = row and first_mobile(row.phone_mobile, row.phone_home, row.phone_work)
        if row is None or number is None or row.start_utc <= now or \
                row.deleted_at is not None or row.status == "cancelled":
            _set(conn, reminder.id, state=CANCELLED)
            continue
        text = texts.fill(reminder.kind, templates[reminder.kind], _fields(row, identity))
        outbox_id = None
        if not dry_run:
            outbox_id = queue.enqueue(conn, ctx, sms_message(
                kind=reminder.kind, to=number, text=text, client_id=row.client_id))
        _set(conn, reminder.id, state=QUEUED, outbox_id=outbox_id)
        result.append(QueuedReminder(row.id, reminder.kind, number, reminder.planned_at, text,
                                     outbox_id))
    return result


def _fields(row, identity) -> dict[str, str]:
    local = row.start_utc.astimezone(ZoneInfo(row.tz or "Europe/Paris"))
    place = row.location or ", ".join(p for p in (
        row.billing_line1, " ".join(p for p in (row.billing_postal_code, row.billing_city)
                                    if p)) if p)
    return {"civilite": row.civility or "", "nom": row.last_name or row.company or "",
            "date": fmt.day(local.date()), "heure": local.strftime("%H:%M"),
            "adresse": place, "entreprise": identity.name or "",
            "telephone_entreprise": fmt.phone(identity.phone) if identity.phone else ""}


def pending_reminders(ctx: Context, appointment_id: int) -> list[tuple[str, datetime, str]]:
    """(kind, planned time, state) of an appointment's reminders, oldest first."""
    with ctx.db.engine.connect() as conn:
        return [(r.kind, r.planned_at, r.state) for r in conn.execute(
            select(_R).where(_R.c.appointment_id == appointment_id).order_by(_R.c.id))]
