"""Create the SQLAlchemy engine with the pragmas durability needs (WAL, FULL sync, FKs)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from extradesk.core.errors import StorageError
from extradesk.db.head import HEAD, has_tables, is_newer, schema_revision

BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Database:
    """The engine, plus a twin that opens write transactions with BEGIN IMMEDIATE."""

    engine: Engine
    write_engine: Engine
    read_only: bool = False

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.engine.url.database:
            return None
        if self.engine.url.database == ":memory:":
            return None
        return Path(self.engine.url.database)

    def dispose(self) -> None:
        self.engine.dispose()


def url_for(target: str | Path) -> str:
    """A file path or a SQLAlchemy URL -> a URL."""
    text = str(target)
    if "://" in text:
        try:
            make_url(text)
        except ArgumentError as exc:
            raise StorageError("db.url_invalid", value=text) from exc
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Autocommit at the driver level; transactions are begun explicitly in _sqlite_begin
    # so that writers can say BEGIN IMMEDIATE (a deferred write upgrade fails under load).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # NORMAL can lose a committed invoice
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
    cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:
    # Nothing that writes: the file keeps its journal mode (a backup stays a single file).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _read_only_connector(path: Path):
    """sqlite3 connections that cannot write to `path`. In a folder that cannot be written
    either, SQLite cannot make the WAL index a WAL-mode file needs: nobody can change the
    file there, so it is opened as immutable."""
    uri = path.resolve().as_uri()

    def connect():
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
            return conn
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK):
                raise
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True,
                                   check_same_thread=False)

    return connect


def _sqlite_begin(conn) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


# One writer at a time on PostgreSQL too: every write transaction first takes this
# transaction-scoped advisory lock, as BEGIN IMMEDIATE takes SQLite's write lock. The
# invariants written for SQLite (numbering checked then taken, the hash chains of issued
# documents and payments, closings) then hold unchanged with several PCs; readers never
# wait. The key is any constant of ours (it only has to differ from other applications').
PG_WRITE_LOCK = 0x65787472  # "extr"
PG_LOCK_TIMEOUT = f"{BUSY_TIMEOUT_MS}ms"
PG_CONNECT_TIMEOUT = 5  # seconds  # as long as SQLite's busy timeout, then db.locked


def _pg_begin(conn) -> None:
    if conn.get_execution_options().get("pg_write_lock"):
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{PG_LOCK_TIMEOUT}'")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


def refuse_foreign_or_newer(path: Path) -> None:
    """Before any pragma writes to it: refuse a file that is not ours or is newer, leaving
    it exactly as found (journal mode included)."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        revision = schema_revision(path)
        if revision is None and has_tables(path):
            raise StorageError("db.not_extradesk", path=str(path))
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):  # ours but damaged: check, restore and repair need it
            return
        raise StorageError("db.not_extradesk", path=str(path)) from exc  # not a database
    if revision is not None and is_newer(revision):
        raise StorageError("db.newer_schema", found=revision, known=HEAD)


def open_database(target: str | Path, *, echo: bool = False,
                  read_only: bool = False) -> Database:
    """The database at `target`. `read_only` (SQLite files): nothing is ever written to the
    file, not even its journal mode — for read-only commands, backups opened with --db and
    data folders the user cannot write to."""
    url = url_for(target)
    file = Path(make_url(url).database or "") if url.startswith("sqlite") else None
    read_only = read_only and file is not None and file.is_file()
    options: dict = {"creator": _read_only_connector(file)} if read_only else {}
    if url.startswith("postgresql"):
        # A server restart or a dropped link: the next action reconnects instead of
        # failing on a dead pooled connection.
        options["pool_pre_ping"] = True
        # An unreachable server says so within seconds, not after the system's TCP time-out.
        options["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT}
    try:
        engine = create_engine(url, echo=echo, **options)
    except (ArgumentError, ImportError) as exc:
        raise StorageError("db.url_invalid", value=url) from exc
    if engine.dialect.name == "sqlite":
        if engine.url.database and engine.url.database != ":memory:":
            refuse_foreign_or_newer(Path(engine.url.database))
            if not read_only:
                Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect",
                     _sqlite_read_only_pragmas if read_only else _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _pg_begin)
        write_engine = engine.execution_options(pg_write_lock=True)
    else:
        write_engine = engine
    return Database(engine=engine, write_engine=write_engine, read_only=read_only)


def looks_like_network_path(path: Path) -> bool:
    """UNC paths, mapped network mounts and removable media are unsafe for SQLite."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    return text.startswith(("/media/", "/mnt/", "/run/media/", "/net/", "/smb/"))
