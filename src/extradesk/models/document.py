"""Commercial documents (quotes, orders, invoices, deposits, credit notes), lines, options,
number counters and the frozen PDFs of issued documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)

from extradesk.models.base import Field, SQLModel
from extradesk.models.reference import _ReferenceItem
from extradesk.models.types import ScaledDecimal, UTCDateTime


def _fk(target: str, *, nullable: bool = True, ondelete: str | None = None,
        index: bool = False) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


def _cents(*, nullable: bool = False) -> Column:
    return Column(ScaledDecimal(2), nullable=nullable,
                  default=Decimal(0) if not nullable else None)


class Journal(_ReferenceItem, table=True):
    """A journal (VT Ventes; CA Caisse, BQ Banque for payments): which book of the accounts
    a document or a payment goes to."""

    __tablename__ = "journals"

    code: str = Field(default="", max_length=10)
    kind: str = Field(default="vente", max_length=12)  # vente | tresorerie (cash, bank)


class Depot(_ReferenceItem, table=True):
    """A dépôt: the stock location a document's goods leave from ("Dépôt principal")."""

    __tablename__ = "depots"


class Document(SQLModel, table=True):
    __tablename__ = "documents"
    __table_args__ = (
        # The Pièces list: newest first, all kinds or one kind, straight off an index.
        Index("ix_documents_date", "issue_date", "id"),
        Index("ix_documents_kind_date", "kind", "issue_date", "id"),
        Index("ix_documents_status_date", "status", "issue_date", "id"),
        Index("ix_documents_client_date", "client_id", "issue_date", "id"),
        Index("ix_documents_gross", "gross", "id"),
        Index("ix_documents_number", "number", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_column=Column(String(12), nullable=False))  # core.workflow.DocumentKind
    status: str = Field(sa_column=Column(String(24), nullable=False))  # core.workflow.Status
    # Quotes and orders: at creation. Invoices, deposits, credit notes: at issue, never before.
    number: str | None = Field(default=None, sa_column=Column(String(20), nullable=True))
    client_id: int = Field(sa_column=_fk("clients.id", nullable=False))
    ouvrage_id: int | None = Field(default=None, sa_column=_fk("ouvrages.id", ondelete="SET NULL",
                                                               index=True))
    issue_date: date = Field(sa_column=Column(Date, nullable=False))
    validity_date: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    due_date: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    author_id: int | None = Field(default=None, sa_column=_fk("users.id", index=True))
    journal_id: int | None = Field(default=None, sa_column=_fk("journals.id", index=True))
    origin_id: int | None = Field(default=None, sa_column=_fk("contact_origins.id", index=True))
    depot_id: int | None = Field(default=None, sa_column=_fk("depots.id"))  # migration 0018
    source_id: int | None = Field(default=None, sa_column=_fk("documents.id", index=True))
    subject: str | None = None  # "Construction d'une piscine 8 × 4 m"
    notes: str | None = None  # printed under the lines
    # Totals: kept current on every edit of a draft; frozen once issued.
    net: Decimal = Field(default=Decimal(0), sa_column=_cents())
    vat: Decimal = Field(default=Decimal(0), sa_column=_cents())
    gross: Decimal = Field(default=Decimal(0), sa_column=_cents())
    deposits: Decimal = Field(default=Decimal(0), sa_column=_cents())  # TTC deducted
    vat_breakdown: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    deposit_refs: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    # The reform's mentions (migration 0014): goods | services | mixed (None: proposed from
    # the lines), the date of the service or delivery when not the invoice's own.
    operation_category: str | None = Field(default=None, sa_column=Column(String(12),
                                                                           nullable=True))
    service_date: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    # Retenue de garantie (loi 71-584, ≤ 5 % of the TTC): deducted from the net to pay until
    # its release date, one year after the works; released by a payment or a bank guarantee.
    retention_percent: Decimal | None = Field(default=None, sa_column=Column(
        ScaledDecimal(2), nullable=True))
    retention_amount: Decimal | None = Field(default=None, sa_column=_cents(nullable=True))
    retention_release_date: date | None = Field(default=None, sa_column=Column(Date,
                                                                               nullable=True))
    retention_released_on: date | None = Field(default=None, sa_column=Column(Date,
                                                                              nullable=True))
    retention_release_kind: str | None = Field(default=None, sa_column=Column(
        String(12), nullable=True))  # core.retention.RELEASE_KINDS
    retention_release_ref: str | None = Field(default=None, sa_column=Column(
        String(120), nullable=True))
    # A facture de situation: its step and cumulative progress per order line, as JSON
    # (services.documents.situations). None for every other document.
    progress: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # Autoliquidation (art. 283-2 nonies CGI): no VAT, the client pays it.
    reverse_charge: bool = Field(default=False, sa_column=Column(
        Boolean, nullable=False, server_default="0"))
    # Reduced-VAT attestation (migration 0019): the day the client signed it and the scanned
    # file (an attachment in the notice store), required before invoicing at 10 % or 5,5 %.
    vat_attestation_date: date | None = Field(default=None, sa_column=Column(Date,
                                                                             nullable=True))
    vat_attestation_file_id: int | None = Field(default=None, sa_column=_fk("attachments.id"))
    vat_attestation_name: str | None = Field(default=None, sa_column=Column(String(255),
                                                                            nullable=True))
    issued_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)  # bumped by every change: optimistic checks at issue
    # Who made the change that bumped `version` last: named when another PC's save is refused.
    updated_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class DocumentOption(SQLModel, table=True):
    """An option group of a quote: priced, shown, but not in the total unless accepted."""

    __tablename__ = "document_options"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=_fk("documents.id", nullable=False, ondelete="CASCADE",
                                           index=True))
    title: str = Field(default="", max_length=300)
    accepted: bool | None = Field(default=None, sa_column=Column(Boolean, nullable=True))


class DocumentLine(SQLModel, table=True):
    __tablename__ = "document_lines"
    __table_args__ = (Index("ix_document_lines_document_position", "document_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=_fk("documents.id", nullable=False, ondelete="CASCADE"))
    position: int
    kind: str = Field(sa_column=Column(String(8), nullable=False))  # core.documents.LineKind
    code: str | None = Field(default=None, max_length=40)
    label: str | None = None
    description: str | None = None
    quantity: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(3)))
    unit: str | None = Field(default=None, max_length=12)
    unit_price: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(4)))
    discount: Decimal = Field(default=Decimal(0), sa_column=_cents())  # percent
    vat_rate: Decimal | None = Field(default=None, sa_column=Column(ScaledDecimal(2)))
    net: Decimal | None = Field(default=None, sa_column=_cents(nullable=True))  # line total HT
    option_id: int | None = Field(default=None, sa_column=_fk("document_options.id",
                                                              ondelete="SET NULL", index=True))
    # The article a line was made from, and its family and sales account as they were then:
    # an issued invoice's accounts never move when the article is edited later (no foreign
    # key: the article may be deleted, the snapshot stays).
    article_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    family_name: str | None = Field(default=None, sa_column=Column(String(300), nullable=True))
    account_code: str | None = Field(default=None, sa_column=Column(String(12), nullable=True))


class DocumentCounter(SQLModel, table=True):
    """One strict sequence per kind and year. Updated with UPDATE … RETURNING inside the
    transaction that issues the document: no gap, no duplicate (never a SEQUENCE)."""

    __tablename__ = "document_counters"

    kind: str = Field(sa_column=Column(String(12), primary_key=True))
    year: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    last_value: int = 0
    last_date: date | None = Field(default=None, sa_column=Column(Date, nullable=True))


class DocumentPdf(SQLModel, table=True):
    """The PDF exactly as issued: printed again byte for byte, never regenerated."""

    __tablename__ = "document_pdfs"

    document_id: int = Field(sa_column=Column(Integer, ForeignKey("documents.id",
                                                                  ondelete="CASCADE"),
                                              primary_key=True, autoincrement=False))
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)


class IssuedLink(SQLModel, table=True):
    """One link of the chain of issued documents (core.chain): written in the transaction
    that issues the document, never updated nor deleted (triggers refuse it)."""

    __tablename__ = "issued_chain"

    seq: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=Column(Integer, ForeignKey("documents.id"),
                                              nullable=False, unique=True))
    previous_hash: str = Field(max_length=64)
    pdf_sha256: str = Field(default="", max_length=64)
    chain_hash: str = Field(max_length=64)
