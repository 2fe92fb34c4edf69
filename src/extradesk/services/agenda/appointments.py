"""Appointments: list several users over a period, create, update, move, delete, with rights.

Listing is one index range per user (appointment_users(user_id, is_long, start_utc) holds the
times): a week of 30 users never reads the appointments of other weeks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, select, union_all

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StateError, ValidationError, raise_if
from extradesk.core.validation import MAX_LINE, MAX_NOTES, check_length, clean
from extradesk.db.session import unit_of_work
from extradesk.models import Client, Ouvrage
from extradesk.services.agenda import store
from extradesk.services.agenda.dto import AgendaEntry, Appointment, AppointmentInput
from extradesk.services.agenda.rights import rights_of
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.sync.ical import FIRST_YEAR, LAST_YEAR, STATUSES, in_range, zone

A, AU, T = store.A, store.AU, store.T
_C = Client.__table__.c
_O = Ouvrage.__table__.c
MAX_DAYS = 366


# core.Changes now has `appointments`: the old name stays for callers that imported it.
AgendaChanges = Changes


def _changes(ids, users=()) -> Changes:
    return Changes(appointments=frozenset(ids), users=frozenset(users))


def _validate(conn: Connection, data: AppointmentInput) -> dict:
    problems: list[Problem] = []
    title = clean(data.title)
    if not title:
        problems.append(Problem("title", "agenda.title_required"))
    problems += check_length("title", title, 500)
    if data.start is None or data.end is None or data.start.tzinfo is None \
            or data.end.tzinfo is None:
        raise ValidationError([Problem("start", "agenda.time_required")])
    tz = zone(data.tz)
    start, end = data.start, data.end
    if not (in_range(start) and in_range(end)):
        raise ValidationError([Problem("start", "agenda.out_of_range",
                                       {"first": FIRST_YEAR, "last": LAST_YEAR})])
    if data.all_day:  # local midnights, at least one day
        start = datetime.combine(start.astimezone(tz).date(), datetime.min.time(), tz)
        end = datetime.combine(end.astimezone(tz).date(), datetime.min.time(), tz)
        end = max(end, start + timedelta(days=1))
    if end < start:
        problems.append(Problem("end", "agenda.end_before_start"))
    elif end - start > timedelta(days=MAX_DAYS):
        problems.append(Problem("end", "agenda.too_long", {"days": MAX_DAYS}))
    if not data.user_ids:
        problems.append(Problem("user_ids", "agenda.users_required"))
    if data.status not in STATUSES:
        problems.append(Problem("status", "agenda.status_invalid", {"value": data.status}))
    if data.reminder_minutes is not None and not 0 <= data.reminder_minutes <= 40_320:
        problems.append(Problem("reminder_minutes", "agenda.reminder_invalid"))
    notes = (data.notes or "").strip() or None
    problems += check_length("notes", notes, MAX_NOTES)
    location = clean(data.location) or _default_location(conn, data.client_id, data.ouvrage_id)
    problems += check_length("location", location, MAX_LINE)
    raise_if(problems)
    return {"title": title, "start_utc": start, "end_utc": end, "tz": tz.key,
            "all_day": data.all_day, "client_id": data.client_id,
            "ouvrage_id": data.ouvrage_id, "location": location, "type_id": data.type_id,
            "notes": notes, "status": data.status, "reminder_minutes": data.reminder_minutes}


def _address(*parts) -> str | None:
    line, postal, city = parts
    place = " ".join(p for p in (postal, city) if p)
    return ", ".join(p for p in (line, place) if p) or None


def _default_location(conn: Connection, client_id, ouvrage_id) -> str | None:
    """The ouvrage's address, else the client's work site, else his billing address."""
    if ouvrage_id is not None:
        row = conn.execute(select(_O.client_id, _O.line1, _O.postal_code, _O.city)
                           .where(_O.id == ouvrage_id)).first()
        if row is None:
            raise NotFoundError("ouvrage.not_found", id=ouvrage_id)
        if client_id is not None and row.client_id != client_id:
            raise ValidationError([Problem("ouvrage_id", "agenda.ouvrage_other_client")])
        if _address(row.line1, row.postal_code, row.city):
            return _address(row.line1, row.postal_code, row.city)
        client_id = row.client_id
    if client_id is None:
        return None
    c = conn.execute(select(Client.__table__).where(_C.id == client_id)).first()
    if c is None:
        raise NotFoundError("client.not_found", id=client_id)
    if not c.site_same_as_billing and (c.site_line1 or c.site_city):
        return _address(c.site_line1, c.site_postal_code, c.site_city)
    return _address(c.billing_line1, c.billing_postal_code, c.billing_city)


def _check_modify(conn: Connection, ctx: Context, user_ids) -> None:
    rights = rights_of(conn, ctx.user_id, user_ids)
    refused = [u for u, (_see, modify) in rights.items() if not modify]
    if refused:
        from extradesk.models import User

        name = conn.execute(select(User.__table__.c.name)
                            .where(User.__table__.c.id == refused[0])).scalar()
        raise StateError("agenda.modify_refused", name=name or f"n° {refused[0]}")


def _row(conn: Connection, appointment_id: int):
    row = conn.execute(select(A).where(A.c.id == appointment_id, A.c.deleted_at.is_(None))
                       ).first()
    if row is None:
        raise NotFoundError("agenda.not_found", id=appointment_id)
    return row


def create_appointment(ctx: Context, data: AppointmentInput) -> tuple[int, Changes]:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        values = _validate(conn, data)
        _check_modify(conn, ctx, data.user_ids)
        new_id = store.insert(conn, values, data.user_ids, now=ctx.clock.now(),
                              created_by=ctx.user_id)
    return new_id, _changes({new_id}, data.user_ids)


def update_appointment(ctx: Context, appointment_id: int, *, data: AppointmentInput) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _row(conn, appointment_id)
        before = store.users_of(conn, [appointment_id]).get(appointment_id, [])
        values = _validate(conn, data)
        _check_modify(conn, ctx, {*before, *data.user_ids})
        store.update(conn, appointment_id, values, data.user_ids, now=ctx.clock.now())
    return _changes({appointment_id}, {*before, *data.user_ids})


def move_appointment(ctx: Context, appointment_id: int, *, start: datetime, end: datetime,
                     from_user: int | None = None, to_user: int | None = None) -> Changes:
    """Drag (start moves, duration kept by the caller) or resize; in a planning, a drag to
    another user's lane replaces `from_user` by `to_user`."""
    current = get_appointment(ctx, appointment_id)
    data = current.as_input()
    data.start, data.end = start, end
    if to_user is not None and from_user is not None and from_user != to_user:
        data.user_ids = tuple(dict.fromkeys(
            to_user if u == from_user else u for u in current.user_ids))
    return update_appointment(ctx, appointment_id, data=data)


def delete_appointment(ctx: Context, appointment_id: int) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _row(conn, appointment_id)
        users = store.users_of(conn, [appointment_id]).get(appointment_id, [])
        _check_modify(conn, ctx, users)
        store.tombstone(conn, appointment_id, now=ctx.clock.now())
    return _changes({appointment_id}, users)


def get_appointment(ctx: Context, appointment_id: int) -> Appointment:
    with ctx.db.engine.connect() as conn:
        row = _row(conn, appointment_id)
        users = store.users_of(conn, [appointment_id]).get(appointment_id, [])
        rights = rights_of(conn, ctx.user_id, users)
        if users and not any(see for see, _ in rights.values()):
            raise NotFoundError("agenda.not_found", id=appointment_id)
        kind = conn.execute(select(T.c.label, T.c.color).where(T.c.id == row.type_id)).first()
        client = conn.execute(select(_C.last_name, _C.first_name, _C.company)
                              .where(_C.id == row.client_id)).first()
    tz = zone(row.tz)
    return Appointment(
        id=row.id, uid=row.uid, title=row.title, start=row.start_utc.astimezone(tz),
        end=row.end_utc.astimezone(tz), tz=row.tz, all_day=row.all_day,
        user_ids=tuple(users), client_id=row.client_id,
        client_name=display_name(*client) if client else "", ouvrage_id=row.ouvrage_id,
        location=row.location, type_id=row.type_id, type_label=kind.label if kind else "",
        color=kind.color if kind else None, notes=row.notes, status=row.status,
        reminder_minutes=row.reminder_minutes, sequence=row.sequence,
        updated_at=row.updated_at, can_modify=all(m for _, m in rights.values()))


def period_query(user_ids, start: datetime, end: datetime):
    """The listing statement (public so a test can EXPLAIN it)."""
    columns = (AU.c.user_id, A.c.id, A.c.title, A.c.start_utc, A.c.end_utc, A.c.tz,
               A.c.all_day, A.c.status, A.c.type_id, A.c.client_id, A.c.location)
    joined = AU.join(A, A.c.id == AU.c.appointment_id)
    common = and_(AU.c.user_id.in_(list(user_ids)), AU.c.start_utc < end,
                  AU.c.end_utc > start, A.c.deleted_at.is_(None))
    short = select(*columns).select_from(joined).where(
        common, AU.c.is_long.is_(False), AU.c.start_utc >= start - store.LONG)
    long = select(*columns).select_from(joined).where(common, AU.c.is_long.is_(True))
    return union_all(short, long)


def list_appointments(ctx: Context, user_ids, *, start: datetime, end: datetime
                      ) -> list[AgendaEntry]:
    """Entries of the users the actor may see, overlapping [start, end), by start time."""
    with ctx.db.engine.connect() as conn:
        rights = rights_of(conn, ctx.user_id, user_ids)
        visible = [u for u in user_ids if rights[u][0]]
        if not visible:
            return []
        rows = conn.execute(period_query(visible, start, end)).all()
        colors = dict(conn.execute(select(T.c.id, T.c.color)).all())
        concerned = store.users_of(conn, {r.id for r in rows})
        everyone = {u for us in concerned.values() for u in us}
        rights.update(rights_of(conn, ctx.user_id, everyone - set(rights)))
        people = store.contacts(conn, {r.client_id for r in rows})
    entries = []
    for r in rows:
        tz = zone(r.tz)
        name, phones = people.get(r.client_id, ("", []))
        entries.append(AgendaEntry(
            appointment_id=r.id, user_id=r.user_id, title=r.title,
            start=r.start_utc.astimezone(tz), end=r.end_utc.astimezone(tz), all_day=r.all_day,
            status=r.status, type_id=r.type_id, color=colors.get(r.type_id),
            client_id=r.client_id, location=r.location,
            can_modify=all(rights[u][1] for u in concerned.get(r.id, ())),
            client_name=name, client_phones=tuple(phones)))
    entries.sort(key=lambda e: (e.start, e.user_id, e.appointment_id))
    return entries
