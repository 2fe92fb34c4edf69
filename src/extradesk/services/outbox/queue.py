"""Put a message in the outbox inside the caller's transaction (the document moving to
"Envoyé" and its mail commit together, or neither does)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from extradesk.models import OutboxAttachment, OutboxItem
from extradesk.services.context import Context

PENDING, SENT, FAILED, CANCELLED = "pending", "sent", "failed", "cancelled"
STATES = (PENDING, SENT, FAILED, CANCELLED)
OUT = OutboxItem.__table__
OUT_FILES = OutboxAttachment.__table__


@dataclass(frozen=True)
class FileSpec:
    """An attachment as queued: bytes (`data`), an issued PDF (`pdf_document_id`) or a
    stored notice (`sha256` with no data). `size` and `sha256` describe the content."""

    name: str
    content_type: str
    size: int
    sha256: str
    data: bytes | None = None
    pdf_document_id: int | None = None

    @classmethod
    def of_bytes(cls, name: str, data: bytes, content_type: str) -> FileSpec:
        return cls(name, content_type, len(data), hashlib.sha256(data).hexdigest(), data)


@dataclass(frozen=True)
class Message:
    channel: str  # mail | sms
    kind: str  # devis, facture, alerte, relance, test…
    to: Sequence[str]
    body: str
    subject: str | None = None
    sender: str | None = None  # "Name <address>"
    account_id: int | None = None
    cc: Sequence[str] = ()
    bcc: Sequence[str] = ()
    headers: dict[str, str] = field(default_factory=dict)
    files: Sequence[FileSpec] = ()
    document_id: int | None = None
    client_id: int | None = None


def new_message_id(sender: str | None) -> str:
    """A Message-ID under the sender's domain, fixed at queue time and kept on retries."""
    domain = (sender or "").rpartition("@")[2].strip(" >") or "extradesk.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"


def enqueue(conn: Connection, ctx: Context, message: Message) -> int:
    """Insert the item (due at once) and its attachments; the caller's transaction commits."""
    now = ctx.clock.now()
    item_id = conn.execute(OUT.insert().values(
        channel=message.channel, kind=message.kind, state=PENDING,
        message_id=new_message_id(message.sender), account_id=message.account_id,
        sender=message.sender,
        recipients=json.dumps({"to": list(message.to), "cc": list(message.cc),
                               "bcc": list(message.bcc)}, ensure_ascii=False),
        to_display=", ".join(message.to)[:500], subject=message.subject, body=message.body,
        headers=json.dumps(message.headers, ensure_ascii=False) if message.headers else None,
        attempts=0, next_attempt_at=now, document_id=message.document_id,
        client_id=message.client_id, created_by=ctx.user_id, created_at=now, updated_at=now,
    )).inserted_primary_key[0]
    if message.files:
        conn.execute(OUT_FILES.insert(), [
            {"item_id": item_id, "position": i, "name": f.name, "content_type": f.content_type,
             "size": f.size, "sha256": f.sha256, "data": f.data,
             "pdf_document_id": f.pdf_document_id}
            for i, f in enumerate(message.files, start=1)])
    return item_id


def enqueue_many(conn: Connection, ctx: Context, messages: Sequence[Message]) -> list[int]:
    """Many small messages in one statement (a campaign, the benchmark): no attachments."""
    now = ctx.clock.now()
    rows = [{
        "channel": m.channel, "kind": m.kind, "state": PENDING,
        "message_id": new_message_id(m.sender), "account_id": m.account_id, "sender": m.sender,
        "recipients": json.dumps({"to": list(m.to), "cc": list(m.cc), "bcc": list(m.bcc)},
                                 ensure_ascii=False),
        "to_display": ", ".join(m.to)[:500], "subject": m.subject, "body": m.body,
        "headers": json.dumps(m.headers, ensure_ascii=False) if m.headers else None,
        "attempts": 0, "next_attempt_at": now, "document_id": m.document_id,
        "client_id": m.client_id, "created_by": ctx.user_id, "created_at": now,
        "updated_at": now} for m in messages]
    if any(m.files for m in messages):
        raise ValueError("enqueue_many takes messages without attachments")
    # Inside the caller's write transaction nobody else inserts: the new ids follow the max.
    before = conn.execute(select(func.max(OUT.c.id))).scalar() or 0
    conn.execute(OUT.insert(), rows)
    return list(conn.execute(select(OUT.c.id).where(OUT.c.id > before).order_by(OUT.c.id))
                .scalars())
