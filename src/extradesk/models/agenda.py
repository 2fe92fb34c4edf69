"""Appointments, who they concern, agenda rights, CalDAV accounts and their sync status."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String

from extradesk.models.base import Field, SQLModel
from extradesk.models.reference import _ReferenceItem
from extradesk.models.types import UTCDateTime


def _fk(target: str, *, ondelete: str | None = None, nullable: bool = True,
        primary_key: bool = False, index: bool = False) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable,
                  primary_key=primary_key, index=index)


class AppointmentType(_ReferenceItem, table=True):
    """Visite, pose, entretien, SAV...: a reference list whose items carry a colour."""

    __tablename__ = "appointment_types"

    color: str = Field(default="#3465a4", sa_column=Column(
        String(7), nullable=False, default="#3465a4", server_default="#3465a4"))


class Appointment(SQLModel, table=True):
    """One appointment; instants in UTC plus the IANA zone it was planned in.

    `deleted_at` is a tombstone: sync must still push the deletion to every phone.
    `revision` grows on every change (the local "etag" of the sync status); `sequence` is
    iCalendar's SEQUENCE, raised only when date, time or status change.
    """

    __tablename__ = "appointments"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    title: str
    start_utc: datetime = Field(sa_type=UTCDateTime)
    end_utc: datetime = Field(sa_type=UTCDateTime)
    tz: str = Field(default="Europe/Paris", max_length=64)
    all_day: bool = False
    client_id: int | None = Field(default=None, sa_column=_fk(
        "clients.id", ondelete="SET NULL", index=True))
    ouvrage_id: int | None = Field(default=None, sa_column=_fk(
        "ouvrages.id", ondelete="SET NULL"))
    type_id: int | None = Field(default=None, sa_column=_fk("appointment_types.id", index=True))
    location: str | None = None
    notes: str | None = None
    status: str = Field(default="planned", max_length=12)
    reminder_minutes: int | None = None
    sequence: int = 0
    revision: int = 1
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AppointmentUser(SQLModel, table=True):
    """Who an appointment concerns, with its times copied in so that a week of several users
    is one index range per user (no lookup of every appointment a user ever had)."""

    __tablename__ = "appointment_users"
    __table_args__ = (
        Index("ix_appointment_users_user_span", "user_id", "is_long", "start_utc"),
    )

    appointment_id: int = Field(sa_column=_fk(
        "appointments.id", ondelete="CASCADE", nullable=False, primary_key=True))
    user_id: int = Field(sa_column=_fk(
        "users.id", ondelete="CASCADE", nullable=False, primary_key=True))
    start_utc: datetime = Field(sa_type=UTCDateTime)
    end_utc: datetime = Field(sa_type=UTCDateTime)
    # Longer than LONG_DAYS: found by a separate (small) range, see services.agenda.
    is_long: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, default=False))


class AgendaRight(SQLModel, table=True):
    """Who may see / modify whose agenda. An owner without rows shares with everyone."""

    __tablename__ = "agenda_rights"

    owner_id: int = Field(sa_column=_fk(
        "users.id", ondelete="CASCADE", nullable=False, primary_key=True))
    grantee_id: int = Field(sa_column=_fk(
        "users.id", ondelete="CASCADE", nullable=False, primary_key=True))
    can_modify: bool = False


class CalDavAccount(SQLModel, table=True):
    """A user's CalDAV calendar; the password lives in the keyring, never here."""

    __tablename__ = "caldav_accounts"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_fk(
        "users.id", ondelete="CASCADE", nullable=False))
    provider: str = Field(default="other", max_length=20)
    url: str
    login: str
    calendar_url: str | None = None
    calendar_name: str | None = None
    enabled: bool = True
    conflict_policy: str = Field(default="most_recent", max_length=20)
    sync_token: str | None = None
    last_sync_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None


class SyncStatus(SQLModel, table=True):
    """vdirsyncer's status row: what both sides looked like after the last successful sync."""

    __tablename__ = "sync_status"
    __table_args__ = (Index("ix_sync_status_href", "account_id", "href"),)

    account_id: int = Field(sa_column=_fk(
        "caldav_accounts.id", ondelete="CASCADE", nullable=False, primary_key=True))
    uid: str = Field(sa_column=Column(String(255), primary_key=True))
    href: str
    etag: str | None = None
    local_revision: int = 0
    hash: str = Field(max_length=64)


class SyncLogEntry(SQLModel, table=True):
    """What a sync did that the user should know about (conflicts, refused events, errors)."""

    __tablename__ = "sync_log"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=_fk(
        "caldav_accounts.id", ondelete="CASCADE", nullable=False, index=True))
    at: datetime = Field(sa_type=UTCDateTime)
    kind: str = Field(max_length=20)  # conflict | skipped | error | report
    message: str
