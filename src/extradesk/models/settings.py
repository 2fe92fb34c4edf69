"""Company settings: the legal identity printed on every quote and invoice (a single row)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Column, ForeignKey, Integer, LargeBinary, Text

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import ScaledDecimal, UTCDateTime


class CompanySettings(SQLModel, table=True):
    __tablename__ = "company_settings"

    id: int | None = Field(default=None, primary_key=True)  # always 1
    name: str | None = None
    legal_form: str | None = Field(default=None, max_length=60)
    capital: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(2),
                                                                   nullable=True))
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = Field(default=None, max_length=20)
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    siret: str | None = Field(default=None, max_length=20)
    rcs_rm: str | None = None
    vat_number: str | None = Field(default=None, max_length=20)
    vat_exempt: bool = False
    vat_on_debits: bool = Field(default=False, sa_column=Column(
        Boolean, nullable=False, server_default="0"))  # option pour la TVA d'après les débits
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    logo_name: str | None = None
    iban: str | None = Field(default=None, max_length=40)
    bic: str | None = Field(default=None, max_length=11)
    decennial_required: bool = True
    insurer: str | None = None
    insurance_policy: str | None = None
    insurance_coverage: str | None = None
    payment_days: int = 30
    payment_terms: str | None = None
    late_penalty: str | None = None
    recovery_indemnity: bool = True
    quote_validity_days: int = 90
    housing_vat_text: str | None = None
    default_journal_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("journals.id"), nullable=True))
    # The accountant's numbers for the FEC export (JSON: roots 411 / 44571, cash and bank
    # accounts per journal code), read and written by services.exports.accounts only.
    accounting: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
