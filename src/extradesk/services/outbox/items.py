"""Read the outbox (lists for the "Envoi" page, the CLI, a client's history) and act on an
item: retry now, cancel."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, StateError
from extradesk.db.session import unit_of_work
from extradesk.services.context import Context
from extradesk.services.outbox.queue import CANCELLED, OUT, OUT_FILES, PENDING, SENT

_C = OUT.c
_F = OUT_FILES.c


@dataclass(frozen=True)
class OutboxRow:
    id: int
    channel: str
    kind: str
    to: str
    subject: str | None
    state: str  # pending | sent | failed | cancelled
    attempts: int
    error: str | None  # message id; i18n.messages.text(error, **error_params)
    error_params: dict[str, Any]
    message_id: str
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None
    document_id: int | None
    client_id: int | None
    files: tuple[str, ...]


_COLUMNS = (_C.id, _C.channel, _C.kind, _C.to_display, _C.subject, _C.state, _C.attempts,
            _C.last_error, _C.last_error_params, _C.message_id, _C.created_at, _C.sent_at,
            _C.next_attempt_at, _C.document_id, _C.client_id)


def list_items(ctx: Context, *, states: Sequence[str] | None = None,
               client_id: int | None = None, document_id: int | None = None,
               limit: int = 500) -> list[OutboxRow]:
    """Newest first; a Core select, attachment names in one more query."""
    query = select(*_COLUMNS).order_by(_C.created_at.desc(), _C.id.desc()).limit(limit)
    if states:
        query = query.where(_C.state.in_(list(states)))
    if client_id is not None:
        query = query.where(_C.client_id == client_id)
    if document_id is not None:
        query = query.where(_C.document_id == document_id)
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(query).all()
        names: dict[int, list[str]] = {}
        if rows:
            for item_id, name in conn.execute(
                    select(_F.item_id, _F.name).where(_F.item_id.in_([r[0] for r in rows]))
                    .order_by(_F.item_id, _F.position)):
                names.setdefault(item_id, []).append(name)
    return [OutboxRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                      json.loads(r[8]) if r[8] else {}, r[9], r[10], r[11], r[12], r[13],
                      r[14], tuple(names.get(r[0], ()))) for r in rows]


def get_item(ctx: Context, item_id: int) -> OutboxRow:
    query = select(*_COLUMNS).where(_C.id == item_id)
    with ctx.db.engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            raise NotFoundError("outbox.not_found", id=item_id)
        names = tuple(conn.execute(select(_F.name).where(_F.item_id == item_id)
                                   .order_by(_F.position)).scalars())
    return OutboxRow(*row[:8], json.loads(row[8]) if row[8] else {}, *row[9:], names)


def count_waiting(ctx: Context) -> int:
    """Pending items (the status bar's "n en attente")."""
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(func.count()).where(_C.state == PENDING)).scalar()


def _change_state(ctx: Context, item_id: int, *, values: dict) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        state = conn.execute(select(_C.state).where(_C.id == item_id)).scalar()
        if state is None:
            raise NotFoundError("outbox.not_found", id=item_id)
        if state == SENT:
            raise StateError("outbox.already_sent", id=item_id)
        conn.execute(update(OUT).where(_C.id == item_id).values(
            **values, updated_at=ctx.clock.now()))
    return Changes(outbox=frozenset({item_id}))


def retry(ctx: Context, item_id: int) -> Changes:
    """A failed or waiting item becomes due now (same Message-ID, same content)."""
    return _change_state(ctx, item_id, values={"state": PENDING, "next_attempt_at": ctx.clock.now()})


def cancel(ctx: Context, item_id: int) -> Changes:
    """Stop a waiting or failed item; a sent one cannot be called back."""
    return _change_state(ctx, item_id, values={"state": CANCELLED, "next_attempt_at": None})
