"""Row-level agenda writes shared by the agenda services, CalDAV sync and .ics import.

Every write keeps appointment_users' copied times in step with the appointment, bumps
`revision` (the local version the sync status compares) and raises SEQUENCE when date, time
or status change, as RFC 5546 asks.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from extradesk.i18n.format import phone
from extradesk.i18n.messages import text
from extradesk.models import Appointment, AppointmentType, AppointmentUser, Client
from extradesk.services.clients.first_page import display_name
from extradesk.sync.ical import MAX_NOTES, MAX_TITLE, EventData, in_range, zone

A = Appointment.__table__
AU = AppointmentUser.__table__
T = AppointmentType.__table__
_C = Client.__table__.c
LONG = timedelta(days=7)  # longer appointments are listed by their own small index range
_SEQUENCED = ("start_utc", "end_utc", "all_day", "status")


def new_uid() -> str:
    return str(uuid.uuid4())  # plain UUID: no '@' or '/' to be mangled in hrefs


def set_users(conn: Connection, appointment_id: int, user_ids, start: datetime,
              end: datetime) -> None:
    conn.execute(AU.delete().where(AU.c.appointment_id == appointment_id))
    if user_ids:
        conn.execute(AU.insert(), [
            {"appointment_id": appointment_id, "user_id": u, "start_utc": start,
             "end_utc": end, "is_long": end - start > LONG} for u in dict.fromkeys(user_ids)])


def users_of(conn: Connection, appointment_ids) -> dict[int, list[int]]:
    result: dict[int, list[int]] = {}
    ids = list(appointment_ids)
    for i in range(0, len(ids), 500):
        for a_id, u_id in conn.execute(
                select(AU.c.appointment_id, AU.c.user_id)
                .where(AU.c.appointment_id.in_(ids[i:i + 500])).order_by(AU.c.user_id)):
            result.setdefault(a_id, []).append(u_id)
    return result


def insert(conn: Connection, values: dict, user_ids, *, now: datetime,
           created_by: int | None) -> int:
    values = {"uid": new_uid(), "sequence": 0, "updated_at": now, **values}
    new_id = conn.execute(A.insert().values(
        **values, revision=1, created_at=now, created_by=created_by,
    )).inserted_primary_key[0]
    set_users(conn, new_id, user_ids, values["start_utc"], values["end_utc"])
    return new_id


def update(conn: Connection, appointment_id: int, values: dict, user_ids=None, *,
           now: datetime) -> None:
    old = conn.execute(select(A).where(A.c.id == appointment_id)).one()
    sequence = old.sequence + (1 if any(
        k in values and values[k] != getattr(old, k) for k in _SEQUENCED) else 0)
    values = {"updated_at": now, **values}
    values["sequence"] = max(sequence, values.get("sequence", 0))
    conn.execute(A.update().where(A.c.id == appointment_id).values(
        **values, revision=old.revision + 1, deleted_at=None))
    start = values.get("start_utc", old.start_utc)
    end = values.get("end_utc", old.end_utc)
    if user_ids is None:
        user_ids = list(conn.execute(select(AU.c.user_id).where(
            AU.c.appointment_id == appointment_id)).scalars())
    set_users(conn, appointment_id, user_ids, start, end)


def tombstone(conn: Connection, appointment_id: int, *, now: datetime) -> None:
    conn.execute(A.update().where(A.c.id == appointment_id).values(
        deleted_at=now, updated_at=now, revision=A.c.revision + 1))


def type_labels(conn: Connection) -> dict[int, str]:
    return dict(conn.execute(select(T.c.id, T.c.label)).all())


def readable(row) -> bool:
    """False for a row with a date outside 1900-2200 (stored before dates were checked):
    it cannot be moved to another time zone, so exports and syncs leave it out."""
    return in_range(row.start_utc) and in_range(row.end_utc)


def contacts(conn: Connection, client_ids) -> dict[int, tuple[str, list[str]]]:
    """client id -> (display name, phones as written in France) of the given clients."""
    ids = [i for i in dict.fromkeys(client_ids) if i is not None]
    found: dict[int, tuple[str, list[str]]] = {}
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(_C.id, _C.last_name, _C.first_name, _C.company,
                                     _C.phone_mobile, _C.phone_home, _C.phone_work)
                              .where(_C.id.in_(ids[i:i + 500]))):
            phones = [phone(p) for p in (r.phone_mobile, r.phone_home, r.phone_work) if p]
            found[r.id] = (display_name(r.last_name, r.first_name, r.company), phones)
    return found


def _contact_parts(title: str, contact) -> tuple[str, str]:
    """(SUMMARY suffix, DESCRIPTION block) that carry the client to the phone."""
    name, phones = contact
    suffix = "" if not name or name.casefold() in title.casefold() else f" — {name}"
    lines = [name] if name else []
    if phones:
        lines.append(text("agenda.contact_phones", phones=", ".join(phones)))
    return suffix, "\n".join(lines)


def with_contact(event: EventData, contact) -> EventData:
    """The event as the installer on the road needs it: who in SUMMARY, who and the phones
    in DESCRIPTION before the notes (LOCATION already holds the work-site address). Writing
    it twice changes nothing, so an event edited on the phone never grows."""
    if contact is None:
        return event
    suffix, block = _contact_parts(event.title, contact)
    notes = event.notes or ""
    if block and not notes.startswith(block):
        notes = block + (f"\n\n{notes}" if notes else "")
    return replace(event, title=(event.title + suffix)[:MAX_TITLE],
                   notes=notes[:MAX_NOTES] or None)


def without_contact(values: dict, contact) -> dict:
    """The reverse of with_contact on column values coming back from a phone or a file."""
    if contact is None:
        return values
    name, _phones = contact
    title, notes = values.get("title") or "", values.get("notes") or ""
    if name and title.endswith(f" — {name}") and len(title) > len(name) + 3:
        title = title[:-len(name) - 3]
    block = _contact_parts(title, contact)[1]
    if block and notes.startswith(block):
        notes = notes[len(block):].removeprefix("\n\n")
    return {**values, "title": title, "notes": notes or None}


def event_of(row, type_label: str | None, contact=None) -> EventData:
    """An appointments row (or anything with its columns) -> the iCalendar view of it;
    `contact` (see contacts()) puts the client's name and phones into it."""
    tz = zone(row.tz)
    return with_contact(EventData(
        uid=row.uid, title=row.title, start=row.start_utc.astimezone(tz),
        end=row.end_utc.astimezone(tz), tz=row.tz, all_day=row.all_day,
        location=row.location, notes=row.notes, status=row.status, category=type_label,
        reminder_minutes=row.reminder_minutes, sequence=row.sequence, modified=row.updated_at),
        contact)


def values_of(event: EventData, type_ids: dict[str, int], *, keep_type: int | None = None) -> dict:
    """EventData -> appointments column values (no id, no bookkeeping)."""
    type_id = type_ids.get((event.category or "").casefold(), keep_type)
    return {
        "uid": event.uid, "title": event.title, "start_utc": event.start,
        "end_utc": max(event.end, event.start), "tz": event.tz, "all_day": event.all_day,
        "location": event.location, "notes": event.notes, "status": event.status,
        "type_id": type_id, "reminder_minutes": event.reminder_minutes,
        "sequence": event.sequence,
    }


def type_ids_by_label(conn: Connection) -> dict[str, int]:
    return {label.casefold(): i for i, label in type_labels(conn).items()}
