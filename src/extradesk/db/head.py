"""The schema revision this version knows, and a file's own, importable without SQLAlchemy
or alembic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# The newest revision in migrations/versions, known without importing alembic: alembic and
# its script directory cost ~300 ms at start-up, and an up-to-date database (every start
# but the first after an update) needs neither. A test keeps this equal to alembic's head.
HEAD = "0019"


def schema_revision(path: Path) -> str | None:
    """The alembic revision stored in a SQLite file, read without writing to it (not even
    its journal mode); None when it has none. Raises sqlite3.DatabaseError when the file is
    not a database."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in names:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def has_tables(path: Path) -> bool:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
    finally:
        conn.close()


def is_newer(revision: str) -> bool:
    """A revision this version does not know: ours are zero-padded numbers up to HEAD."""
    return not (revision.isdigit() and int(revision) <= int(HEAD))
