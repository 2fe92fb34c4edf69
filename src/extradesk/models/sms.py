"""SMS: the company's gateway settings, the consent register, opt-outs (STOP), appointment
reminders, SMS templates, quote follow-ups and campaigns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Text

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import UTCDateTime


def _fk(target: str, *, ondelete: str | None = "CASCADE", nullable: bool = True,
        primary_key: bool = False) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable,
                  primary_key=primary_key)


class SmsSettings(SQLModel, table=True):
    """One row (id 1): the gateway and the sending window of commercial messages. The
    gateway's keys live in the keyring, never here."""

    __tablename__ = "sms_settings"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)  # ovh | brevo | smsmode | twilio | android
    url: str | None = None  # base URL (Android gateway: the phone or the cloud)
    sender: str | None = Field(default=None, max_length=20)
    account: str | None = None  # OVH service name, Twilio account SID
    stop_number: str | None = Field(default=None, max_length=20)  # "STOP au 36111"
    window_days: str = Field(default="012345", max_length=7)  # Monday = 0
    window_start: int = 480  # minutes after midnight, Europe/Paris
    window_end: int = 1200
    window_holidays: bool = Field(default=True, sa_column=Column(Boolean, nullable=False,
                                                                 default=True))
    updated_at: datetime = Field(sa_type=UTCDateTime)


class SmsConsent(SQLModel, table=True):
    """The register of consents to commercial SMS: who, when, how (CPCE L.34-5)."""

    __tablename__ = "sms_consents"

    client_id: int = Field(sa_column=_fk("clients.id", nullable=False, primary_key=True))
    given_at: datetime = Field(sa_type=UTCDateTime)
    source: str = Field(max_length=100)  # "formulaire signé", "site web"…
    recorded_by: int | None = Field(default=None, sa_column=_fk("users.id", ondelete="SET NULL"))


class SmsOptOut(SQLModel, table=True):
    """A number that answered STOP or was opted out by hand: no commercial SMS ever again."""

    __tablename__ = "sms_opt_outs"

    number: str = Field(sa_column=Column(String(20), primary_key=True))  # E.164
    at: datetime = Field(sa_type=UTCDateTime)
    source: str = Field(max_length=10)  # stop | manual
    client_id: int | None = Field(default=None, sa_column=_fk("clients.id",
                                                               ondelete="SET NULL"))


class SmsTemplate(SQLModel, table=True):
    """The user's edit of an SMS template (rappel, deplace, relance); absent = the default."""

    __tablename__ = "sms_templates"

    kind: str = Field(sa_column=Column(String(20), primary_key=True))
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)


class AppointmentSms(SQLModel, table=True):
    """Per appointment: reminder on/off, its delay, and the "moved" notice tick."""

    __tablename__ = "sms_appointment_settings"

    appointment_id: int = Field(sa_column=_fk("appointments.id", nullable=False,
                                              primary_key=True))
    enabled: bool = Field(default=True, sa_column=Column(Boolean, nullable=False, default=True))
    delay: str = Field(default="1d", max_length=10)
    notify_moved: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                               default=False))


class SmsReminder(SQLModel, table=True):
    """A reminder (or a "moved" notice) planned for one start time of an appointment.

    planned → queued (in the outbox) | cancelled | replaced (moved after it went out)."""

    __tablename__ = "sms_reminders"
    __table_args__ = (
        Index("ix_sms_reminders_due", "state", "planned_at"),
        Index("ix_sms_reminders_appointment", "appointment_id", "kind", "for_start",
              unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    appointment_id: int = Field(sa_column=_fk("appointments.id", nullable=False))
    kind: str = Field(max_length=10)  # rappel | deplace
    for_start: datetime = Field(sa_type=UTCDateTime)
    planned_at: datetime = Field(sa_type=UTCDateTime)
    state: str = Field(max_length=10)
    outbox_id: int | None = Field(default=None, sa_column=_fk("outbox.id", ondelete="SET NULL"))
    created_at: datetime = Field(sa_type=UTCDateTime)


class QuoteFollowUp(SQLModel, table=True):
    """A follow-up of a quote: when, by which channel, what was said."""

    __tablename__ = "quote_followups"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "documents.id", ondelete="CASCADE"), nullable=False, index=True))
    at: datetime = Field(sa_type=UTCDateTime)
    channel: str = Field(max_length=8)  # sms | mail
    text: str = Field(sa_column=Column(Text, nullable=False))
    outbox_id: int | None = Field(default=None, sa_column=_fk("outbox.id", ondelete="SET NULL"))
    user_id: int | None = Field(default=None, sa_column=_fk("users.id", ondelete="SET NULL"))


class SmsCampaign(SQLModel, table=True):
    """A commercial campaign: its text, target (JSON), planned slot and cost basis."""

    __tablename__ = "sms_campaigns"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    text: str = Field(sa_column=Column(Text, nullable=False))  # as sent, STOP mention included
    target: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    send_at: datetime = Field(sa_type=UTCDateTime)
    segments: int
    encoding: str = Field(max_length=5)  # gsm7 | ucs2
    price_per_segment: str = Field(max_length=12)  # Decimal as text, euros
    recipients: int
    excluded: int
    created_by: int | None = Field(default=None, sa_column=_fk("users.id", ondelete="SET NULL"))
    created_at: datetime = Field(sa_type=UTCDateTime)


class SmsCampaignRecipient(SQLModel, table=True):
    __tablename__ = "sms_campaign_recipients"

    outbox_id: int = Field(sa_column=_fk("outbox.id", nullable=False, primary_key=True))
    campaign_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "sms_campaigns.id", ondelete="CASCADE"), nullable=False, index=True))
    client_id: int | None = Field(default=None, sa_column=_fk("clients.id",
                                                               ondelete="SET NULL"))
