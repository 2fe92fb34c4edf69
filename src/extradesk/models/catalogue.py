"""Supplier catalogues, kept apart from the article base: their lines, each import, and the
column mapping remembered per supplier."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Text

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import ScaledDecimal, UTCDateTime


class CatalogueImport(SQLModel, table=True):
    """One import of one file. Its lines are written while it is `pending` (invisible to
    lookups); applying it makes it `active` and the previous one `replaced` in one small
    transaction, so a catalogue is never seen half imported."""

    __tablename__ = "catalogue_imports"

    id: int | None = Field(default=None, primary_key=True)
    supplier_id: int = Field(sa_column=Column(Integer, ForeignKey("suppliers.id"),
                                              nullable=False, index=True))
    state: str = Field(sa_column=Column(String(12), nullable=False))  # pending active replaced
    file_name: str = Field(max_length=255)
    started_at: datetime = Field(sa_type=UTCDateTime)
    applied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lines: int = 0
    skipped: int = 0  # lines in error left out ("ignorer les lignes en erreur")
    added: int = 0
    removed: int = 0
    price_up: int = 0
    price_down: int = 0


class CatalogueLine(SQLModel, table=True):
    __tablename__ = "catalogue_lines"
    __table_args__ = (
        # A reference as normalised (w1245er) in each active import (one seek per
        # supplier), one import's lines for the re-import diff and for dropping it.
        Index("ix_catalogue_lines_import_ref", "import_id", "ref_norm"),
    )

    id: int | None = Field(default=None, primary_key=True)
    import_id: int = Field(sa_column=Column(Integer, ForeignKey("catalogue_imports.id"),
                                            nullable=False))
    supplier_id: int = Field(sa_column=Column(Integer, ForeignKey("suppliers.id"),
                                              nullable=False))
    ref: str = Field(sa_column=Column(String(60), nullable=False))  # as the supplier writes it
    ref_norm: str = Field(sa_column=Column(String(60), nullable=False))
    label: str = Field(sa_column=Column(String(300), nullable=False))
    family: str | None = Field(default=None, max_length=100)
    sub_family: str | None = Field(default=None, max_length=100)
    unit: str | None = Field(default=None, max_length=20)
    purchase_price: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(4)))
    public_price: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(4)))
    vat_rate: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(2)))
    ean: str | None = Field(default=None, max_length=20)


class CatalogueMapping(SQLModel, table=True):
    """How a supplier's file reads: format and which column holds what (JSON), last used.

    Not keyed by supplier: a supplier merge moves it like any other reference, and the
    newest one wins."""

    __tablename__ = "catalogue_mappings"

    id: int | None = Field(default=None, primary_key=True)
    supplier_id: int = Field(sa_column=Column(Integer, ForeignKey("suppliers.id"),
                                              nullable=False, index=True))
    encoding: str = Field(max_length=20)
    delimiter: str = Field(max_length=2)
    decimal: str = Field(max_length=1)
    has_header: bool = Field(sa_column=Column(Boolean, nullable=False))
    columns: str = Field(sa_column=Column(Text, nullable=False))  # {"ref": "Référence", ...}
    updated_at: datetime = Field(sa_type=UTCDateTime)
