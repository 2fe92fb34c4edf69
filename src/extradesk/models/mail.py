"""SMTP accounts (per user, or one for the company) and the mail templates per document kind."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import UTCDateTime


class SmtpAccount(SQLModel, table=True):
    """Where mail leaves from. `user_id` NULL is the company account every user may share;
    a user's own account wins over it. The password lives in the keyring, never here."""

    __tablename__ = "smtp_accounts"
    # One account per user; the single company row is kept single by the service (SQLite
    # and PostgreSQL both let several NULLs through a unique index).
    __table_args__ = (Index("ix_smtp_accounts_user_id", "user_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=True))
    provider: str = Field(default="other", max_length=20)
    sender_name: str | None = None
    sender_address: str = Field(sa_column=Column(String(254), nullable=False))
    host: str = Field(sa_column=Column(String(255), nullable=False))
    port: int
    security: str = Field(sa_column=Column(String(10), nullable=False))  # starttls|ssl|none
    login: str | None = None  # None: the server needs no authentication
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class MailTemplate(SQLModel, table=True):
    """The subject and body a kind of mail starts from, once the user edited the default
    (the defaults live in i18n, so a row exists only for what was changed)."""

    __tablename__ = "mail_templates"

    kind: str = Field(sa_column=Column(String(20), primary_key=True))  # devis, facture, alerte…
    subject: str = Field(sa_column=Column(String(300), nullable=False))
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)
