"""Appointment <-> iCalendar VEVENT: writing by hand (fast, exact), reading with icalendar.

Writing: Europe/Paris events carry a compact VTIMEZONE with two RRULE observances; the
RDATE lists icalendar generates come back from Radicale cut to their first date, which puts
summer appointments one hour off on phones that trust the VTIMEZONE (notes/caldav.md).
Reading is defensive: each VEVENT gives an EventData or a Problem (French via i18n), and a
hostile object never stops the others. Recurring events are reported and skipped: importing
one occurrence and pushing it back would erase the series on the phone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extradesk.core.errors import Problem
from extradesk.core.text import clean

PARIS_NAME = "Europe/Paris"
MAX_TITLE = 500
MAX_NOTES = 20_000
MAX_LOCATION = 1_000
# Dates a business agenda can hold: outside them a date is hostile or a typo, and 9999-12-31
# overflows as soon as it is moved to another time zone (export, sync).
FIRST_YEAR, LAST_YEAR = 1900, 2200
STATUSES = ("planned", "confirmed", "done", "cancelled")
_TO_ICAL = {"planned": "TENTATIVE", "confirmed": "CONFIRMED", "done": "CONFIRMED",
            "cancelled": "CANCELLED"}
_FROM_ICAL = {"TENTATIVE": "planned", "CONFIRMED": "confirmed", "CANCELLED": "cancelled"}

PARIS_VTIMEZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    "DTSTART:19810329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    "DTSTART:19961027T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
)


@dataclass(frozen=True)
class EventData:
    """What extradesk keeps of an event. start/end are aware; all-day: local midnights."""

    uid: str
    title: str
    start: datetime
    end: datetime
    tz: str = PARIS_NAME
    all_day: bool = False
    location: str | None = None
    notes: str | None = None
    status: str = "planned"
    category: str | None = None  # the appointment type's label
    reminder_minutes: int | None = None
    sequence: int = 0
    modified: datetime | None = None  # LAST-MODIFIED, UTC


def content_hash(event: EventData) -> str:
    """Hash of what the user sees: PRODID, DTSTAMP, VTIMEZONE, SEQUENCE rewrites are no change."""
    parts = (event.uid, event.title, event.start.astimezone(UTC).isoformat(),
             event.end.astimezone(UTC).isoformat(), str(event.all_day), event.location or "",
             event.notes or "", event.status, event.category or "",
             str(event.reminder_minutes))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or PARIS_NAME)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(PARIS_NAME)


# --- writing -------------------------------------------------------------------------------

def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, never cutting a UTF-8 character."""
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    out, chunk, limit = [], b"", 75
    for char in line:
        encoded = char.encode()
        if len(chunk) + len(encoded) > limit:
            out.append(chunk.decode())
            chunk, limit = b"", 74  # continuation lines start with a space
        chunk += encoded
    out.append(chunk.decode())
    return "\r\n ".join(out) + "\r\n"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, event: EventData, moment: datetime) -> str:
    if event.all_day:
        return f"{name};VALUE=DATE:{moment.astimezone(zone(event.tz)).strftime('%Y%m%d')}"
    if event.tz == PARIS_NAME:
        local = moment.astimezone(zone(PARIS_NAME))
        return f"{name};TZID={PARIS_NAME}:{local.strftime('%Y%m%dT%H%M%S')}"
    return f"{name}:{_stamp(moment)}"  # other zones travel as UTC: no VTIMEZONE to get wrong


def to_ics(event: EventData, *, now: datetime) -> str:
    lines = [
        "BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_stamp(now)}",
        f"LAST-MODIFIED:{_stamp(event.modified or now)}", f"SEQUENCE:{event.sequence}",
        _when("DTSTART", event, event.start), _when("DTEND", event, event.end),
        f"SUMMARY:{_escape(event.title)}", f"STATUS:{_TO_ICAL[event.status]}",
        f"X-EXTRADESK-STATUS:{event.status}",
    ]
    if event.location:
        lines.append(f"LOCATION:{_escape(event.location)}")
    if event.notes:
        lines.append(f"DESCRIPTION:{_escape(event.notes)}")
    if event.category:
        lines.append(f"CATEGORIES:{_escape(event.category)}")
    if event.reminder_minutes is not None:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(event.title)}",
                  f"TRIGGER:-PT{event.reminder_minutes}M", "END:VALARM"]
    lines.append("END:VEVENT")
    body = "".join(_fold(line) for line in lines)
    timezone = PARIS_VTIMEZONE if event.tz == PARIS_NAME and not event.all_day else ""
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//extradesk//agenda//FR\r\n"
            "CALSCALE:GREGORIAN\r\n" + timezone + body + "END:VCALENDAR\r\n")


def to_calendar(events: list[EventData], *, now: datetime, name: str | None = None) -> str:
    """Several events in one VCALENDAR (an .ics export): one VTIMEZONE, every VEVENT.

    `name` becomes X-WR-CALNAME, the title Outlook, Google and Apple give the imported
    calendar; METHOD:PUBLISH tells them it is a copy to import, not an invitation."""
    bodies = []
    for event in events:
        text = to_ics(event, now=now)
        bodies.append(text[text.index("BEGIN:VEVENT"):text.index("END:VCALENDAR")])
    header = "METHOD:PUBLISH\r\n"
    if name:
        header += _fold(f"X-WR-CALNAME:{_escape(name)}")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//extradesk//agenda//FR\r\n"
            "CALSCALE:GREGORIAN\r\n" + header + PARIS_VTIMEZONE + "".join(bodies)
            + "END:VCALENDAR\r\n")


# --- reading -------------------------------------------------------------------------------

def _text(component, name: str, limit: int, label: str, problems: list) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):  # a property given twice
        value = value[0]
    if hasattr(value, "cats"):  # CATEGORIES
        value = ",".join(str(v) for v in value.cats)
    text = clean(str(value), multiline=name == "DESCRIPTION").strip() or None
    if text and len(text) > limit:
        problems.append(Problem(label, "ical.truncated", {"what": name, "limit": limit}))
        text = text[:limit]
    return text


def _instant(prop, label: str, problems: list) -> tuple[datetime, bool, str]:
    """(aware instant, all-day, zone name) of a DTSTART/DTEND property."""
    value = prop.dt
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(), zone(PARIS_NAME)), True, PARIS_NAME
    if value.tzinfo is None:
        tzid = prop.params.get("TZID")
        if tzid:  # a TZID nobody knows: Paris is what this business means
            problems.append(Problem(label, "ical.unknown_tz", {"tzid": str(tzid)[:60]}))
        return value.replace(tzinfo=zone(PARIS_NAME)), False, PARIS_NAME
    key = getattr(value.tzinfo, "key", None)
    name = key if key and key != "UTC" else PARIS_NAME
    return value, False, name


def _reminder(event) -> int | None:
    for alarm in event.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        delta = getattr(trigger, "dt", None)
        if isinstance(delta, timedelta) and delta <= timedelta(0):
            return int(-delta.total_seconds() // 60)
    return None


def in_range(moment: datetime) -> bool:
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def _label(component) -> str:
    """« title » of an event for a message, whatever state the event is in."""
    try:
        title = clean(str(component.get("SUMMARY") or "")).strip() or "(sans titre)"
    except Exception:  # a SUMMARY too broken to read: still name the event somehow
        title = "(sans titre)"
    return f"« {title[:60]} »"


def _event(component, problems: list) -> EventData | None:
    uid = clean(str(component.get("UID") or "")).strip()
    title = _text(component, "SUMMARY", MAX_TITLE, uid, problems) or "(sans titre)"
    label = f"« {title[:60]} »"
    if not uid:
        problems.append(Problem(label, "ical.no_uid"))
        return None
    if component.get("RRULE") or component.get("RDATE") or component.get("RECURRENCE-ID"):
        problems.append(Problem(label, "ical.recurring"))
        return None
    if component.get("DTSTART") is None:
        problems.append(Problem(label, "ical.no_start"))
        return None
    start, all_day, tz = _instant(component["DTSTART"], label, problems)
    if component.get("DTEND") is not None:
        end = _instant(component["DTEND"], label, problems)[0]
    elif component.get("DURATION") is not None and in_range(start):
        end = start + component["DURATION"].dt
    else:  # RFC 5545: a date lasts one day, a date-time lasts no time at all
        end = start + timedelta(days=1) if all_day and in_range(start) else start
    if not (in_range(start) and in_range(end)):
        problems.append(Problem(label, "ical.out_of_range",
                                {"first": FIRST_YEAR, "last": LAST_YEAR}))
        return None
    if end < start:
        problems.append(Problem(label, "ical.end_before_start"))
        end = start
    raw_status = str(component.get("X-EXTRADESK-STATUS") or "").strip()
    status = raw_status if raw_status in STATUSES else _FROM_ICAL.get(
        str(component.get("STATUS") or "").upper(), "confirmed")
    modified = component.get("LAST-MODIFIED") or component.get("DTSTAMP")
    modified_at = getattr(modified, "dt", None)
    if not isinstance(modified_at, datetime) or modified_at.tzinfo is None:
        modified_at = None
    try:
        sequence = int(str(component.get("SEQUENCE") or 0))
    except ValueError:
        sequence = 0
    return EventData(
        uid=uid[:255], title=title, start=start, end=end, tz=tz, all_day=all_day,
        location=_text(component, "LOCATION", MAX_LOCATION, label, problems),
        notes=_text(component, "DESCRIPTION", MAX_NOTES, label, problems),
        status=status, category=_text(component, "CATEGORIES", 100, label, problems),
        reminder_minutes=_reminder(component), sequence=max(sequence, 0),
        modified=modified_at.astimezone(UTC) if modified_at else None,
    )


def parse(text: str, *, where: str = "") -> tuple[list[EventData], list[Problem]]:
    """Every readable VEVENT of an iCalendar text, and one Problem per event refused."""
    import icalendar  # ~60 ms to import: only sync and import pay for it

    problems: list[Problem] = []
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception:  # icalendar raises ValueError, KeyError, IndexError... in English
        return [], [Problem(where or None, "ical.calendar_unreadable")]
    events = []
    for component in calendar.walk("VEVENT"):
        try:
            event = _event(component, problems)
        except Exception:  # one broken property never stops the other events
            problems.append(Problem(_label(component), "ical.unreadable"))
            continue
        if event is not None:
            events.append(event)
    return events, problems


def with_sequence(event: EventData, sequence: int) -> EventData:
    return replace(event, sequence=sequence)
