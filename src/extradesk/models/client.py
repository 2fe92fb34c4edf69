"""Clients and their ouvrages (installations or projects)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import UTCDateTime


def _ref(table: str) -> Column:
    return Column(Integer, ForeignKey(f"{table}.id"), nullable=True, index=True)


class Client(SQLModel, table=True):
    __tablename__ = "clients"
    __table_args__ = (
        Index("ix_clients_archived_sort", "archived", "sort_key"),
        Index("ix_clients_billing_postal_code", "billing_postal_code"),
        Index("ix_clients_billing_city", "billing_city"),
    )

    id: int | None = Field(default=None, primary_key=True)
    civility_id: int | None = Field(default=None, sa_column=_ref("civilities"))
    last_name: str | None = None
    first_name: str | None = None
    company: str | None = None
    # A business client's identity on its invoices (e-invoicing reform, migration 0014).
    siren: str | None = Field(default=None, max_length=9)
    vat_number: str | None = Field(default=None, max_length=20)  # autoliquidation needs it
    status_id: int | None = Field(default=None, sa_column=_ref("client_statuses"))
    origin_id: int | None = Field(default=None, sa_column=_ref("contact_origins"))

    billing_line1: str | None = None
    billing_line2: str | None = None
    billing_postal_code: str | None = None
    billing_city: str | None = None
    billing_country: str = Field(default="FR", max_length=2)

    # The work site: where the trade actually happens, often a second home.
    site_same_as_billing: bool = True
    site_line1: str | None = None
    site_line2: str | None = None
    site_postal_code: str | None = None
    site_city: str | None = None

    phone_mobile: str | None = Field(default=None, index=True)  # E.164
    phone_home: str | None = Field(default=None, index=True)
    phone_work: str | None = Field(default=None, index=True)
    email: str | None = Field(default=None, index=True)  # stored lower-case
    email2: str | None = Field(default=None, index=True)
    notes: str | None = None

    archived: bool = False
    sort_key: str = ""  # folded "company last first": alphabetical order and prefix search
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    created_by: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("users.id"), nullable=True)
    )


class Ouvrage(SQLModel, table=True):
    __tablename__ = "ouvrages"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(
        sa_column=Column(Integer, ForeignKey("clients.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    )
    type_id: int | None = Field(default=None, sa_column=_ref("ouvrage_types"))
    name: str
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    install_date: date | None = None
    notes: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
