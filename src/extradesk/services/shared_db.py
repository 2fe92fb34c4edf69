"""A shared database on a PostgreSQL server: create it (`db init`) and move a single-PC SQLite
database onto it (`db copy`), every table and counter, in one transaction.

The copy goes through the models' column types (Decimal cents, dates, blobs read and written
by the same code the application uses), the search tables are copied as they are (same folded
text on both backends), the guard triggers are set aside only for the copy's own transaction,
and the server's id sequences are moved past the copied ids. The SQLite file is only read.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import Connection, func, inspect, select, text

from extradesk.core.changes import Changes
from extradesk.core.errors import StorageError
from extradesk.db import sequences
from extradesk.db.engine import open_database
from extradesk.db.head import HEAD
from extradesk.db.migrate import MigrationReport, current_revision, prepare
from extradesk.models import metadata
from extradesk.services.context import Context

BATCH = 2_000  # rows per executemany: memory stays flat on a million catalogue lines
SEARCH_TABLES = ("client_fts_tri", "article_fts_tri", "catalogue_fts_tri")
# Tables whose rows mean "this base is in use": a target holding any is refused.
IN_USE = ("users", "clients", "documents", "articles", "catalogue_lines", "payments")


@dataclass(frozen=True)
class CopyReport:
    counts: dict[str, int]  # table -> rows copied (equal on both sides, checked)
    target: str  # the target URL, password hidden


def init_database(url: str) -> MigrationReport:
    """Create (or bring to this version) the schema of the database at `url`."""
    db = open_database(url)
    try:
        return prepare(db)
    finally:
        db.dispose()


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar())


def copy_database(source: Path, url: str, *,
                  progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy the SQLite file `source` into the empty database at `url` (created if needed).

    Refused with nothing written when the source is not at this version's schema or the
    target already holds users, clients, documents, articles or payments."""
    if not Path(source).is_file():
        raise StorageError("dbcopy.source_missing", path=str(source))
    src = open_database(source, read_only=True)
    try:
        if not src.is_sqlite:
            raise StorageError("dbcopy.source_not_sqlite", value=str(source))
        found = current_revision(src)
        if found != HEAD:
            raise StorageError("dbcopy.source_version", found=found or "?", known=HEAD)
        target = open_database(url)
        try:
            if target.is_sqlite:
                raise StorageError("dbcopy.target_not_server", value=url)
            prepare(target)
            with src.engine.connect() as reading, target.write_engine.begin() as writing:
                busy = [t for t in IN_USE if _count(writing, t)]
                if busy:
                    raise StorageError("dbcopy.target_not_empty", tables=", ".join(busy))
                counts = _copy(reading, writing, progress)
            return CopyReport(counts=counts, target=target.url)
        finally:
            target.dispose()
    finally:
        src.dispose()


def _copy(reading: Connection, writing: Connection,
          progress: Callable[[str, int], None] | None) -> dict[str, int]:
    tables = [t for t in metadata.sorted_tables if inspect(reading).has_table(t.name)]
    names = [t.name for t in tables]
    # The guards refuse lines added to an issued invoice, which a copy must do; they are
    # off for this transaction only (ALTER TABLE is transactional on PostgreSQL).
    for name in names:
        writing.exec_driver_sql(f"ALTER TABLE {name} DISABLE TRIGGER USER")
    for table in reversed(tables):  # the seeded reference lists make way for the source's
        writing.execute(table.delete())
    counts: dict[str, int] = {}
    for table in tables:
        counts[table.name] = _stream(reading, writing, select(table), table.insert(),
                                     table.name, progress)
    for name in SEARCH_TABLES:
        insert = text(f"INSERT INTO {name} (rowid, text) VALUES (:rowid, :text)")
        query = text(f"SELECT rowid, text FROM {name} ORDER BY rowid")
        counts[name] = _stream(reading, writing, query, insert, name, progress)
    for name in names:
        writing.exec_driver_sql(f"ALTER TABLE {name} ENABLE TRIGGER USER")
    sequences.catch_up_all(writing)
    for name, copied in counts.items():  # read back inside the same transaction
        there = _count(writing, name)
        if there != copied or there != int(reading.execute(
                select(func.count()).select_from(text(name))).scalar()):
            raise StorageError("dbcopy.count_mismatch", table=name, source=copied, target=there)
    return counts


def _stream(reading: Connection, writing: Connection, query, insert, name: str,
            progress: Callable[[str, int], None] | None) -> int:
    done = 0
    result = reading.execution_options(yield_per=BATCH).execute(query)
    for batch in result.mappings().partitions(BATCH):
        writing.execute(insert, [dict(row) for row in batch])
        done += len(batch)
        if progress is not None:
            progress(name, done)
    return done


# -- several PCs see each other's changes ---------------------------------------------------

CHANNEL = "extradesk_changes"
PAYLOAD_LIMIT = 7_000  # bytes; PostgreSQL refuses 8,000: past it, "reload everything"
SENDER = uuid.uuid4().hex[:12]  # this process: its own announcements are not news to it


def encode(changes: Changes) -> str:
    """Changes as a NOTIFY payload: ids and flags, never row data (the others re-read)."""
    body = {f.name: sorted(getattr(changes, f.name)) if isinstance(
        getattr(changes, f.name), frozenset) else getattr(changes, f.name)
        for f in fields(Changes) if getattr(changes, f.name)}
    payload = json.dumps({"from": SENDER, "changes": body}, separators=(",", ":"))
    if len(payload.encode()) > PAYLOAD_LIMIT:
        payload = json.dumps({"from": SENDER, "changes": {"everything": True}})
    return payload


def decode(payload: str) -> tuple[str, Changes]:
    """(sender, Changes) of a payload; anything unreadable means "reload everything"."""
    try:
        data = json.loads(payload)
        known = {f.name: f for f in fields(Changes)}
        values = {}
        for name, value in data["changes"].items():
            if name in known:
                values[name] = value if isinstance(value, bool) else frozenset(value)
        return str(data.get("from", "")), Changes(**values)
    except (ValueError, KeyError, TypeError, AttributeError):
        return "", Changes(everything=True)


def announce(ctx: Context, changes: Changes) -> None:
    """Tell the other PCs what a committed mutation changed (PostgreSQL; nothing on SQLite)."""
    if ctx.db.is_sqlite or changes.empty:
        return
    with ctx.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_notify(:channel, :payload)"),
                     {"channel": CHANNEL, "payload": encode(changes)})
        conn.commit()


def listen(ctx: Context, on_changes: Callable[[Changes], None], stop: threading.Event, *,
           poll: float = 0.5, retry: float = 2.0, me: str = SENDER) -> None:
    """Until `stop` is set: call `on_changes` with what other PCs committed. Runs on a
    thread of its own (the network pool), on a connection of its own, never a Session; a
    lost server is retried every `retry` seconds and "everything" is reported on return."""
    if ctx.db.is_sqlite:
        return
    import psycopg

    dsn = ctx.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    lost = False
    while not stop.is_set():
        try:
            with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                if lost:  # what happened while we were away is unknown: reload it all
                    on_changes(Changes(everything=True))
                    lost = False
                while not stop.is_set():
                    for note in conn.notifies(timeout=poll):
                        sender, changes = decode(note.payload)
                        if sender != me:
                            on_changes(changes)
        except psycopg.Error:
            lost = True
            stop.wait(retry)
