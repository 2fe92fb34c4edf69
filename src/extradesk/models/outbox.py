"""The outbox: every mail or SMS waits here until a server accepted it, and stays as history.

Attachments are kept as they were when queued, so each retry sends the same bytes under
the same Message-ID: the PDF of a draft is stored in the row (it may change afterwards);
an issued document's PDF and a notice are referenced (document_pdfs and the notice store
never change under a given key), which keeps a 200 MB notice out of the database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, String, Text

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import UTCDateTime


def _fk(target: str, *, ondelete: str | None = "SET NULL", nullable: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


class OutboxItem(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        # The sender's question, "what is due?", straight off an index.
        Index("ix_outbox_state_due", "state", "next_attempt_at"),
        Index("ix_outbox_client", "client_id", "created_at"),
        Index("ix_outbox_document", "document_id"),
        Index("ix_outbox_message_id", "message_id", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(sa_column=Column(String(8), nullable=False))  # mail | sms
    kind: str = Field(sa_column=Column(String(20), nullable=False))  # devis, facture, alerte…
    state: str = Field(sa_column=Column(String(10), nullable=False))  # pending|sent|failed|cancelled
    # Message-ID (mail) or the gateway's idempotency key (SMS): set once, reused on retries.
    message_id: str = Field(sa_column=Column(String(255), nullable=False))
    account_id: int | None = Field(default=None, sa_column=_fk("smtp_accounts.id"))
    sender: str | None = None  # "Name <address>" (mail) or the SMS sender id
    # JSON {"to": [...], "cc": [...], "bcc": [...]}: addresses or E.164 numbers.
    recipients: str = Field(sa_column=Column(Text, nullable=False))
    to_display: str = Field(default="", sa_column=Column(String(500), nullable=False))
    subject: str | None = None
    body: str = Field(sa_column=Column(Text, nullable=False))
    headers: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=60)  # message id (i18n)
    last_error_params: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    server_reply: str | None = None  # the acceptance, as the server worded it
    document_id: int | None = Field(default=None, sa_column=_fk("documents.id"))
    client_id: int | None = Field(default=None, sa_column=_fk("clients.id"))
    created_by: int | None = Field(default=None, sa_column=_fk("users.id"))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OutboxAttachment(SQLModel, table=True):
    """One attached file: bytes in `data`, or the issued PDF of `pdf_document_id`, or the
    notice stored under `sha256`."""

    __tablename__ = "outbox_attachments"

    item_id: int = Field(sa_column=Column(Integer, ForeignKey("outbox.id", ondelete="CASCADE"),
                                          primary_key=True))
    position: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    name: str = Field(sa_column=Column(String(255), nullable=False))
    content_type: str = Field(default="application/octet-stream", max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    data: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    pdf_document_id: int | None = Field(default=None, sa_column=_fk(
        "document_pdfs.document_id", ondelete=None))
