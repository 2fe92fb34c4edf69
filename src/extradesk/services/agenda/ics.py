""".ics files: export a user's agenda (or a period), import another calendar's file by UID.

Import is idempotent: an event whose UID is already known updates that appointment (or is
counted unchanged), so importing the same file twice never duplicates. Events that cannot
be taken (recurring, no start, no UID, too long) are reported in French and skipped; the
others are imported in one transaction, so a half-imported file never exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, StateError, StorageError, ValidationError
from extradesk.core.validation import MAX_LINE
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import problem_text, text
from extradesk.models import User
from extradesk.services import files
from extradesk.services.agenda import store
from extradesk.services.agenda.appointments import MAX_DAYS
from extradesk.services.agenda.rights import rights_of
from extradesk.services.context import Context
from extradesk.sync import ical

A, AU = store.A, store.AU
_U = User.__table__
MAX_BYTES = 50 * 1024 * 1024  # a whole life of agenda is a few MB; more is not a calendar
# ical.parse problems after which the event was dropped (the others only warn).
_SKIPPING = {"ical.no_uid", "ical.no_start", "ical.recurring", "ical.unreadable",
             "ical.out_of_range", "ics.too_long", "ics.modify_refused"}
# Columns an import may change; equal values mean "unchanged" (no revision bump, no re-sync).
_COMPARED = ("title", "start_utc", "end_utc", "tz", "all_day", "location", "notes", "status",
             "type_id", "reminder_minutes")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    messages: list[str] = field(default_factory=list)  # French, one line each

    def summary(self) -> str:
        return text("ics.report", created=self.created, updated=self.updated,
                    unchanged=self.unchanged, skipped=self.skipped)


def _user_name(conn: Connection, user_id: int) -> str:
    name = conn.execute(select(_U.c.name).where(_U.c.id == user_id)).scalar()
    if name is None:
        from extradesk.core.errors import NotFoundError

        raise NotFoundError("user.not_found", id=user_id)
    return name


# --- export --------------------------------------------------------------------------------

def export_calendar(ctx: Context, user_id: int, *, start: datetime | None = None,
                    end: datetime | None = None) -> tuple[str, int]:
    """(iCalendar text, number of events) of the user's appointments overlapping
    [start, end); no bound means the whole agenda. Needs the right to see that agenda."""
    if start is not None and end is not None and end < start:
        raise ValidationError([Problem("end", "agenda.period_invalid")])
    with ctx.db.engine.connect() as conn:
        name = _user_name(conn, user_id)
        if not rights_of(conn, ctx.user_id, [user_id])[user_id][0]:
            raise StateError("ics.see_refused", name=name)
        query = (select(A).join(AU, AU.c.appointment_id == A.c.id)
                 .where(AU.c.user_id == user_id, A.c.deleted_at.is_(None))
                 .order_by(A.c.start_utc, A.c.id))
        if start is not None:
            query = query.where(AU.c.end_utc > start)
        if end is not None:
            query = query.where(AU.c.start_utc < end)
        rows = conn.execute(query).all()
        labels = store.type_labels(conn)
        people = store.contacts(conn, (r.client_id for r in rows))
    events = [store.event_of(r, labels.get(r.type_id), people.get(r.client_id))
              for r in rows if store.readable(r)]
    body = ical.to_calendar(events, now=ctx.clock.now(), name=text("agenda.calendar_name", name=name))
    return body, len(events)


def export_file(ctx: Context, user_id: int, *, path: str | Path,
                start: datetime | None = None, end: datetime | None = None) -> int:
    """Write the export to `path` (UTF-8, CRLF as RFC 5545 asks); returns the event count.
    Written atomically: a failed export never leaves half a file under the name."""
    body, count = export_calendar(ctx, user_id, start=start, end=end)
    files.write_atomic(path, body.encode("utf-8"))
    return count


# --- import --------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str, bool]:
    """(text, some lines were not UTF-8). UTF-8 as RFC 5545 says; some Windows tools still
    write ANSI (cp1252), and a file pasted together from two sources mixes both: each line
    is read as UTF-8 if it is, else as cp1252, so one ANSI line never garbles the others."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    lines = []
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "".join(lines), True


def _label(event: ical.EventData) -> str:
    return text("ical.event_name", title=event.title[:60])


def _check(event: ical.EventData) -> Problem | None:
    if event.end - event.start > timedelta(days=MAX_DAYS):
        return Problem(_label(event), "ics.too_long", {"days": MAX_DAYS})
    return None


def _take(conn: Connection, user_id: int, event: ical.EventData, types: dict, actor,
          report: ImportReport, now: datetime) -> int | None:
    """Create or update the appointment with the event's UID; its id, or None if unchanged."""
    values = store.values_of(event, types)
    if values["location"] and len(values["location"]) > MAX_LINE:
        values["location"] = values["location"][:MAX_LINE]
    row = conn.execute(select(A).where(A.c.uid == event.uid)).first()
    if row is None:
        values["updated_at"] = now
        report.created += 1
        return store.insert(conn, values, [user_id], now=now, created_by=actor)
    if values["type_id"] is None:
        values["type_id"] = row.type_id  # a file without our categories keeps the type
    if row.client_id is not None:  # our own export coming back: the client block goes
        values = store.without_contact(values, store.contacts(conn, [row.client_id])
                                       .get(row.client_id))
    users = store.users_of(conn, [row.id]).get(row.id, []) if row.deleted_at is None else []
    same = row.deleted_at is None and user_id in users and all(
        values[k] == getattr(row, k) for k in _COMPARED)
    if same:
        report.unchanged += 1
        return None
    values["updated_at"] = now
    store.update(conn, row.id, values, users if user_id in users else [*users, user_id],
                 now=now)
    report.updated += 1
    return row.id


def import_calendar(ctx: Context, user_id: int, *, data: bytes, name: str = ""
                    ) -> tuple[ImportReport, Changes]:
    """Import the events of an .ics file into the user's agenda (see the module docstring)."""
    if len(data) > MAX_BYTES:
        raise ValidationError([Problem(None, "ics.too_big", {"path": name,
                                                              "max": MAX_BYTES // 2**20})])
    content, ansi = _decode(data)
    events, problems = ical.parse(content, where=name)
    whole_file_broken = not events and [p.message_id for p in problems] == [
        "ical.calendar_unreadable"]
    if "BEGIN:VCALENDAR" not in content[:10_000].upper() or whole_file_broken:
        raise ValidationError([Problem(None, "ics.unreadable", {"path": name})])
    latest: dict[str, ical.EventData] = {}
    for event in events:  # one UID twice in a file: the higher SEQUENCE (else the last) wins
        if event.uid not in latest or event.sequence >= latest[event.uid].sequence:
            latest[event.uid] = event
    report, touched = ImportReport(), set()
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        who = _user_name(conn, user_id)
        if not rights_of(conn, ctx.user_id, [user_id])[user_id][1]:
            raise StateError("agenda.modify_refused", name=who)
        types = store.type_ids_by_label(conn)
        for event in latest.values():
            problem = _check(event) or _refused(conn, ctx.user_id, event)
            if problem is not None:
                problems.append(problem)
                continue
            changed = _take(conn, user_id, event, types, ctx.user_id, report, now)
            if changed is not None:
                touched.add(changed)
    report.skipped = sum(1 for p in problems if p.message_id in _SKIPPING)
    notes = [Problem(None, "ics.decoded_cp1252")] if ansi else []
    if "BEGIN:VEVENT" not in content.upper():
        notes.append(Problem(None, "ics.no_event"))
    report.messages = list(dict.fromkeys(problem_text(p) for p in notes + problems))
    changes = Changes(appointments=frozenset(touched),
                      users=frozenset({user_id}) if touched else frozenset())
    return report, changes


def _refused(conn: Connection, actor, event: ical.EventData) -> Problem | None:
    """An event already in someone else's agenda that the actor may not modify."""
    row = conn.execute(select(A.c.id).where(A.c.uid == event.uid,
                                            A.c.deleted_at.is_(None))).first()
    if row is None:
        return None
    owners = store.users_of(conn, [row.id]).get(row.id, [])
    refused = [u for u, (_, modify) in rights_of(conn, actor, owners).items() if not modify]
    if not refused:
        return None
    return Problem(_label(event), "ics.modify_refused", {"name": _user_name(conn, refused[0])})


def import_file(ctx: Context, user_id: int, *, path: str | Path) -> tuple[ImportReport, Changes]:
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise StorageError("ics.read_failed", path=str(source),
                           detail=exc.strerror or str(exc)) from exc
    return import_calendar(ctx, user_id, data=data, name=source.name)
