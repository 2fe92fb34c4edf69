"""Payments received (règlements), their allocation to invoices, cheque deposit slips, period
closings, the chain hashing them, and reminder letters for unpaid invoices."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy import text as sql_text

from extradesk.models.base import Field, SQLModel
from extradesk.models.document import Document
from extradesk.models.types import ScaledDecimal, UTCDateTime

# What may still be owed: issued invoices and deposit invoices not (fully) paid, a few
# thousand rows even at a million documents. The overdue list and the "en retard" filter
# read this partial index alone, never the documents' wide rows (declared here, beside
# the payments that keep those statuses current).
OPEN_INVOICES_WHERE = ("status IN ('emise', 'payee_partiellement') "
                       "AND kind IN ('facture', 'acompte')")
Index("ix_documents_open", Document.__table__.c.due_date, Document.__table__.c.client_id,
      Document.__table__.c.gross, Document.__table__.c.deposits, Document.__table__.c.number,
      Document.__table__.c.issue_date, Document.__table__.c.kind,
      sqlite_where=sql_text(OPEN_INVOICES_WHERE), postgresql_where=sql_text(OPEN_INVOICES_WHERE))


def _fk(target: str, *, nullable: bool = True, ondelete: str | None = None,
        unique: bool = False) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable,
                  unique=unique)


def _cents() -> Column:
    return Column(ScaledDecimal(2), nullable=False)


class DepositSlip(SQLModel, table=True):
    """A remise de chèques en banque: its cheques point here, and are locked from then on."""

    __tablename__ = "deposit_slips"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(sa_column=Column(Date, nullable=False))
    journal_id: int | None = Field(default=None, sa_column=_fk("journals.id"))
    bank: str | None = None  # printed on the slip (the business's bank)
    total: Decimal = Field(sa_column=_cents())
    count: int
    created_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    created_at: datetime = Field(sa_type=UTCDateTime)


class Payment(SQLModel, table=True):
    """One payment as entered: never changed afterwards (triggers), except its deposit slip
    set once and the cancel fields set once; a correction is a cancelling entry
    (`cancels_id`, the opposite amount) plus a new payment. A refund is a negative amount."""

    __tablename__ = "payments"
    __table_args__ = (
        Index("ix_payments_client_day", "client_id", "day", "id"),
        Index("ix_payments_day", "day", "id"),
        Index("ix_payments_undeposited", "mode", "deposit_slip_id", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(sa_column=_fk("clients.id", nullable=False))
    day: date = Field(sa_column=Column(Date, nullable=False))
    amount: Decimal = Field(sa_column=_cents())
    mode: str = Field(sa_column=Column(String(12), nullable=False))  # core.payments.Mode
    journal_id: int | None = Field(default=None, sa_column=_fk("journals.id"))
    reference: str | None = None
    note: str | None = None
    cheque_bank: str | None = None
    cheque_number: str | None = Field(default=None, max_length=30)
    drawer: str | None = None  # the cheque's signatory when not the client
    cancels_id: int | None = Field(default=None, sa_column=_fk("payments.id", unique=True))
    cancelled_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deposit_slip_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("deposit_slips.id"), nullable=True, index=True))
    created_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    created_at: datetime = Field(sa_type=UTCDateTime)


class PaymentAllocation(SQLModel, table=True):
    """Part of a payment (or of a credit note) set against an invoice or deposit invoice.
    Append-only: a cancelled payment's allocations are mirrored by negative ones."""

    __tablename__ = "payment_allocations"
    __table_args__ = (
        # Paid so far per invoice straight off the index (document_id, amount).
        Index("ix_payment_allocations_document", "document_id", "amount"),
        CheckConstraint("(payment_id IS NULL) <> (credit_note_id IS NULL)", name="one_source"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=_fk("documents.id", nullable=False))
    payment_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("payments.id"), nullable=True, index=True))
    credit_note_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("documents.id"), nullable=True, index=True))
    amount: Decimal = Field(sa_column=_cents())
    created_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    created_at: datetime = Field(sa_type=UTCDateTime)


class PaymentClosing(SQLModel, table=True):
    """A clôture: the totals of a day, month or year by mode and journal; no payment may be
    dated inside a closed period afterwards (a trigger refuses it)."""

    __tablename__ = "payment_closings"
    __table_args__ = (Index("ix_payment_closings_period", "period", "first_day", unique=True),
                      Index("ix_payment_closings_days", "first_day", "last_day"))

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(sa_column=Column(String(6), nullable=False))  # core.payments.Period
    first_day: date = Field(sa_column=Column(Date, nullable=False))
    last_day: date = Field(sa_column=Column(Date, nullable=False))
    total: Decimal = Field(sa_column=_cents())
    count: int
    totals: str = Field(sa_column=Column(Text, nullable=False))  # JSON, cents
    closed_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    closed_at: datetime = Field(sa_type=UTCDateTime)


class PaymentLink(SQLModel, table=True):
    """One link of the payments chain (core.payments): a payment or a closing, in the order
    entered; never updated nor deleted (triggers)."""

    __tablename__ = "payment_chain"

    seq: int | None = Field(default=None, primary_key=True)
    payment_id: int | None = Field(default=None, sa_column=_fk("payments.id", unique=True))
    closing_id: int | None = Field(default=None, sa_column=_fk("payment_closings.id",
                                                               unique=True))
    previous_hash: str = Field(max_length=64)
    chain_hash: str = Field(max_length=64)


class DunningLetter(SQLModel, table=True):
    """A reminder (relance) of an unpaid invoice: its level, day, how it left, the letter."""

    __tablename__ = "dunning_letters"
    __table_args__ = (Index("ix_dunning_letters_document", "document_id", "level"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(sa_column=_fk("documents.id", nullable=False))
    level: int
    day: date = Field(sa_column=Column(Date, nullable=False))
    channel: str = Field(sa_column=Column(String(8), nullable=False))  # mail | print
    outbox_id: int | None = Field(default=None, sa_column=_fk("outbox.id", ondelete="SET NULL"))
    amount: Decimal = Field(sa_column=_cents())  # remaining when it was written
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    created_at: datetime = Field(sa_type=UTCDateTime)


class DunningTemplate(SQLModel, table=True):
    """The user's own text of a reminder level (the French defaults live in i18n.payments)."""

    __tablename__ = "dunning_templates"

    level: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    subject: str
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)
