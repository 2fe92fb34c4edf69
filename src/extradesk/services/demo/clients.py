"""Deterministic, realistic French demo data (clients, ouvrages, users), bulk-loaded in chunks.

Speed: rows (made by services.demo.rows) are written as plain value lists with executemany,
CHUNK clients per transaction, search index filled in the same transaction (DESIGN.md §4):
100,000 clients with their ouvrages in about 25 s on a 2-core machine.
Cancelling keeps the chunks already committed: each chunk is whole (clients, their ouvrages
and their search entries), so a cancelled demo is smaller, never inconsistent.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, text

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, ValidationError
from extradesk.db import sequences
from extradesk.db.session import unit_of_work
from extradesk.models import Client, Ouvrage
from extradesk.services import users
from extradesk.services.clients import search_index
from extradesk.services.context import Context
from extradesk.services.demo.rows import RowMaker, read_references
from extradesk.services.dto import UserInput

MAX_CLIENTS = 2_000_000
CHUNK = 10_000  # clients per transaction: big enough for speed, small enough for progress
DEMO_USERS = (
    UserInput(name="Marc Lefèvre", initials="ML", color="#75507b"),
    UserInput(name="Sophie Garnier", initials="SG", color="#c4a000"),
    UserInput(name="Karim Benali", initials="KB", color="#4e9a06"),
)
_CLIENTS = Client.__table__
_OUVRAGE_TABLE = Ouvrage.__table__
_CLIENT_FIELDS = [c.name for c in _CLIENTS.columns if c.name != "id"]
_OUVRAGE_FIELDS = [c.name for c in _OUVRAGE_TABLE.columns if c.name not in ("id", "client_id")]


@dataclass(frozen=True)
class DemoReport:
    clients: int
    ouvrages: int
    seconds: float


def _ensure_users(ctx: Context) -> Changes:
    """A fresh database has only the default user: add a small team to assign work to."""
    existing = users.list_users(ctx, include_inactive=True)
    if len(existing) > 1:
        return Changes()
    taken = {u.initials.upper() for u in existing}
    changes = Changes()
    for data in DEMO_USERS:
        if data.initials not in taken:
            changes |= users.create_user(ctx, data)[1]
    return changes


class _Binder:
    """Row dicts -> value lists in one column order, bound by SQLAlchemy's own column types.

    Core's executemany spends ~25 µs a row processing parameters; here only the columns that
    need it (datetimes, dates, booleans) go through their dialect's bind processor, and SQLite
    gets plain lists. Other databases get Core inserts (which bind the values themselves).
    """

    def __init__(self, table, columns: list[str], dialect, *, bound: set[str] = frozenset()) -> None:
        self.table, self.columns = table, columns
        self.raw = dialect.name == "sqlite"
        self.processors = [
            (i, p) for i, name in enumerate(columns)
            if self.raw and name not in bound
            and (p := table.c[name].type.bind_processor(dialect)) is not None
        ]
        self.sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})")

    def values(self, row: dict) -> list:
        value = [row[name] for name in self.columns]
        for i, process in self.processors:
            value[i] = process(value[i])
        return value

    def insert(self, conn: Connection, values: list[list]) -> None:
        if not values:
            return
        if self.raw:
            conn.connection.driver_connection.executemany(self.sql, values)
        else:
            conn.execute(self.table.insert(), [dict(zip(self.columns, v, strict=True)) for v in values])
            if "id" in self.columns:
                sequences.catch_up(conn, [self.table.name])


@dataclass
class _Chunk:
    clients: list[list]  # id (column 0) is filled in at write time
    ouvrages: list[list]  # client_id (column 0) holds the client's offset until then
    indexed: list[list]  # INDEXED_COLUMNS values, id filled in at write time


class _Builder:
    """Turns the maker's rows into bound value lists, one chunk at a time.

    (Building on a second thread while SQLite writes was tried: no gain, the GIL hand-offs
    after each SQLite step cost what the overlap saved.)
    """

    def __init__(self, maker: RowMaker, dialect) -> None:
        self.maker = maker
        self.clients = _Binder(_CLIENTS, ["id", *_CLIENT_FIELDS], dialect)
        # An ouvrage's created_at/updated_at are its client's, already bound: not bound again.
        self.ouvrages = _Binder(_OUVRAGE_TABLE, ["client_id", *_OUVRAGE_FIELDS], dialect,
                                bound={"created_at", "updated_at"})
        self.created = self.clients.columns.index("created_at")
        self.indexed = [c.name for c in search_index.INDEXED_COLUMNS]

    def chunk(self, first: int, count: int) -> _Chunk:
        chunk = _Chunk([], [], [])
        for offset in range(count):
            client, ouvrages = self.maker.client(first + offset)
            client["id"] = None
            values = self.clients.values(client)
            chunk.clients.append(values)
            chunk.indexed.append([client[name] for name in self.indexed])
            for ouvrage in ouvrages:
                ouvrage["client_id"] = offset
                ouvrage["created_at"] = ouvrage["updated_at"] = values[self.created]
                chunk.ouvrages.append(self.ouvrages.values(ouvrage))
        return chunk


def _write_chunk(conn: Connection, builder: _Builder, chunk: _Chunk) -> int:
    """Insert one chunk; client ids continue after the current max (we hold the write lock)."""
    first_id = (conn.execute(select(func.max(_CLIENTS.c.id))).scalar() or 0) + 1
    for offset, (client, indexed) in enumerate(zip(chunk.clients, chunk.indexed, strict=True)):
        client[0] = indexed[0] = first_id + offset
    for ouvrage in chunk.ouvrages:
        ouvrage[0] += first_id
    builder.clients.insert(conn, chunk.clients)
    builder.ouvrages.insert(conn, chunk.ouvrages)
    search_index.index_new_clients(conn, chunk.indexed)
    return len(chunk.ouvrages)


def generate(
    ctx: Context,
    *,
    clients: int = 2000,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[DemoReport, Changes]:
    """Add `clients` demo clients (and their ouvrages) to the database, CHUNK per transaction.

    Same seed, same data. Appends to what is there. On cancel, the chunks already committed
    stay (each is complete and indexed) and the report counts only them.
    """
    if isinstance(clients, bool) or not isinstance(clients, int) \
            or not 0 <= clients <= MAX_CLIENTS:
        raise ValidationError([Problem("clients", "demo.count_invalid", {"max": MAX_CLIENTS})])
    started = time.perf_counter()
    _ensure_users(ctx)
    with ctx.db.engine.connect() as conn:
        refs = read_references(conn)
    builder = _Builder(RowMaker(random.Random(seed), refs, ctx.clock.now(), clients),
                       ctx.db.engine.dialect)
    done = ouvrages = 0
    if progress is not None:
        progress(0, clients)
    collecting = gc.isenabled()
    gc.disable()  # millions of young, acyclic objects: collections cost ~20 % and free nothing
    try:
        while done < clients:
            if cancelled is not None and cancelled():
                break
            chunk = builder.chunk(done, min(CHUNK, clients - done))  # before taking the lock
            with unit_of_work(ctx.db, write=True) as session:
                ouvrages += _write_chunk(session.connection(), builder, chunk)
            done += len(chunk.clients)
            if progress is not None:
                progress(done, clients)
    finally:
        if collecting:
            gc.enable()
    if done:  # both backends: the planner needs statistics after a bulk load
        with ctx.db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))  # fresh statistics for the planner after a bulk load
            conn.commit()
    seconds = time.perf_counter() - started
    return DemoReport(clients=done, ouvrages=ouvrages, seconds=seconds), Changes(everything=True)
