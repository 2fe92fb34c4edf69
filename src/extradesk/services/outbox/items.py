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


def _filtered(query, states, client_id, document_id):
    if states:
        query = query.where(_C.state.in_(list(states)))
    if client_id is not None:
        query = query.where(_C.client_id == client_id)
    if document_id is not None:
        query = query.where(_C.document_id == document_id)
    return query


def item_ids(ctx: Context, *, states: Sequence[str] | None = None,
             client_id: int | None = None, oldest_first: bool = False,
             limit: int | None = None) -> list[int]:
    """The ordered id snapshot of the "Envoi" page: newest first (ids grow with time, so
    the primary key orders it), rows fetched by pages; the first `limit` when given."""
    query = _filtered(select(_C.id).order_by(_C.id if oldest_first else _C.id.desc()),
                      states, client_id, None)
    if limit is not None:
        query = query.limit(limit)
    with ctx.db.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def item_rows(ctx: Context, ids: Sequence[int]) -> list[OutboxRow]:
    """The rows of one page of ids, in the order given."""
    if not ids:
        return []
    with ctx.db.engine.connect() as conn:
        rows = {r[0]: r for r in conn.execute(select(*_COLUMNS).where(_C.id.in_(list(ids))))}
        names = _names(conn, list(rows))
    return [_row(rows[i], names) for i in ids if i in rows]


def _names(conn, ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if ids:
        for item_id, name in conn.execute(select(_F.item_id, _F.name).where(
                _F.item_id.in_(ids)).order_by(_F.item_id, _F.position)):
            names.setdefault(item_id, []).append(name)
    return names


def _row(r, names: dict[int, list[str]]) -> OutboxRow:
    return OutboxRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                     json.loads(r[8]) if r[8] else {}, r[9], r[10], r[11], r[12], r[13],
                     r[14], tuple(names.get(r[0], ())))


def list_items(ctx: Context, *, states: Sequence[str] | None = None,
               client_id: int | None = None, document_id: int | None = None,
               limit: int = 500) -> list[OutboxRow]:
    """Newest first; a Core select, attachment names in one more query."""
    query = _filtered(select(*_COLUMNS).order_by(_C.id.desc())
                      .limit(limit), states, client_id, document_id)
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(query).all()
        names = _names(conn, [r[0] for r in rows])
    return [_row(r, names) for r in rows]


def get_item(ctx: Context, item_id: int) -> OutboxRow:
    found = item_rows(ctx, [item_id])
    if not found:
        raise NotFoundError("outbox.not_found", id=item_id)
    return found[0]


def count_items(ctx: Context, *, states: Sequence[str] | None = None) -> int:
    """How many items `item_ids` lists (the "Envoi" page's count)."""
    with ctx.db.engine.connect() as conn:
        return conn.execute(_filtered(select(func.count()).select_from(OUT), states, None,
                                      None)).scalar()


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
