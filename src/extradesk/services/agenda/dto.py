"""Plain values of the agenda that cross from services to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class AppointmentInput:
    """What the appointment dialog holds. start/end are aware; all-day: local midnights,
    end exclusive (a one-day appointment ends at the next midnight)."""

    title: str | None
    start: datetime
    end: datetime
    user_ids: tuple[int, ...] = ()
    tz: str = "Europe/Paris"
    all_day: bool = False
    client_id: int | None = None
    ouvrage_id: int | None = None
    location: str | None = None  # blank: the ouvrage's, else the client's site address
    type_id: int | None = None
    notes: str | None = None
    status: str = "planned"
    reminder_minutes: int | None = None


@dataclass(frozen=True)
class Appointment:
    id: int
    uid: str
    title: str
    start: datetime  # aware, in `tz`
    end: datetime
    tz: str
    all_day: bool
    user_ids: tuple[int, ...]
    client_id: int | None
    client_name: str
    ouvrage_id: int | None
    location: str | None
    type_id: int | None
    type_label: str
    color: str | None  # the type's colour
    notes: str | None
    status: str
    reminder_minutes: int | None
    sequence: int
    updated_at: datetime
    can_modify: bool

    def as_input(self) -> AppointmentInput:
        return AppointmentInput(
            title=self.title, start=self.start, end=self.end, user_ids=self.user_ids,
            tz=self.tz, all_day=self.all_day, client_id=self.client_id,
            ouvrage_id=self.ouvrage_id, location=self.location, type_id=self.type_id,
            notes=self.notes, status=self.status, reminder_minutes=self.reminder_minutes)


@dataclass(frozen=True)
class AgendaEntry:
    """One appointment in one user's lane of a day/week/month/planning view."""

    appointment_id: int
    user_id: int
    title: str
    start: datetime  # aware, in the appointment's zone
    end: datetime
    all_day: bool
    status: str
    type_id: int | None
    color: str | None
    client_id: int | None
    location: str | None
    can_modify: bool  # the actor may modify the agenda of every user concerned
    client_name: str = ""
    client_phones: tuple[str, ...] = ()  # as written in France: "06 12 34 56 78"
