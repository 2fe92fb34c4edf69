"""Put a backup back in place of the live database, or save what a damaged file still holds.

Both leave the file they replace aside under a dated name, never deleted: a restore made by
mistake can itself be undone.
"""

from __future__ import annotations

import gc
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from extradesk.core.errors import StorageError
from extradesk.db.backup import PARTIAL, backup_name, check_file
from extradesk.db.head import HEAD, is_newer, schema_revision
from extradesk.i18n.os_errors import describe_os_error

SIDE_FILES = ("-wal", "-shm", "-journal")


def take_exclusive(path: Path) -> sqlite3.Connection:
    """A connection that proves no other program has the database open, or StorageError.

    Leaving WAL mode needs every other connection closed (an idle extradesk keeps its WAL
    index mapped), so it is the test; it also folds the WAL into the file before it moves.
    Connections of this very process that only unreachable objects still hold (automatic
    garbage collection is off, see ui/qt.GuiThreadGarbageCollector) are freed first: they are
    not "another program"."""
    gc.collect()
    conn = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageError("restore.in_use", path=str(path)) from exc
        raise StorageError("restore.failed", detail=str(exc)) from exc
    except sqlite3.DatabaseError:  # too damaged to change mode: a write lock is the test
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            conn.close()
            raise StorageError("restore.in_use", path=str(path)) from exc
        return conn
    if mode != "delete":
        conn.close()
        raise StorageError("restore.in_use", path=str(path))
    return conn


def restore_file(live: Path, backup: Path, *, aside_folder: Path, now: datetime) -> Path:
    """Replace `live` by a verified copy of `backup`; returns where the old file was put."""
    if not backup.is_file():
        raise StorageError("restore.missing", path=str(backup))
    check = check_file(backup, full=True)
    if not check.ok:
        raise StorageError("restore.damaged", path=str(backup),
                           detail="; ".join(check.problems[:3]))
    revision = schema_revision(backup)
    if revision is None:
        raise StorageError("restore.not_extradesk", path=str(backup))
    if is_newer(revision):
        raise StorageError("db.newer_schema", found=revision, known=HEAD)
    aside = aside_folder / backup_name(live, "avant-restauration", now)
    partial = live.with_name(live.name + PARTIAL)
    try:
        aside_folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup, partial)  # the slow part, before the live file is touched
        if live.exists():
            take_exclusive(live).close()
            live.replace(aside)
            for suffix in SIDE_FILES:  # a damaged file may keep its WAL: it goes along
                side = Path(str(live) + suffix)
                if side.exists():
                    side.replace(Path(str(aside) + suffix))
        partial.replace(live)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StorageError("restore.failed", detail=describe_os_error(exc, live)) from exc
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    return aside


@dataclass
class Recovery:
    """What `recover` saved: rows per table, and the tables or ranges it had to give up."""

    target: Path
    rows: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)


_SHADOW = re.compile(r"_(data|idx|content|docsize|config)$")
BATCH = 500


def recover(source: Path, target: Path) -> Recovery:
    """Copy every readable row of a damaged file into a new one (`.recover`, as far as the
    sqlite3 module goes): the schema first, then each table by rowid ranges, skipping a
    range that cannot be read and halving it down to single rows."""
    if target.exists():
        raise StorageError("repair.target_exists", path=str(target))
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(str(target), isolation_level=None)
    result = Recovery(target=target)
    try:
        schema = src.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END"
        ).fetchall()
        virtual = {name for kind, name, _t, sql in schema
                   if kind == "table" and sql.upper().startswith("CREATE VIRTUAL")}
        shadows = {name for _k, name, _t, _s in schema
                   if any(name.startswith(v + "_") and _SHADOW.search(name) for v in virtual)}
        dst.execute("BEGIN")
        for kind, name, _table, sql in schema:
            if name in shadows or name.startswith("sqlite_"):
                continue
            try:
                dst.execute(sql)
            except sqlite3.Error:
                result.lost.append(f"{kind} {name}")
        for kind, name, _table, _sql in schema:
            # Search tables (FTS5) are read through their virtual table, like any other;
            # their shadow tables are written by FTS5 itself in the new file.
            if kind != "table" or name in shadows or name.startswith("sqlite_"):
                continue
            result.rows[name] = _copy_table(src, dst, name, result.lost)
        dst.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        dst.close()
        target.unlink(missing_ok=True)
        raise StorageError("repair.unreadable", detail=str(exc)) from exc
    finally:
        src.close()
    dst.close()
    return result


def _copy_table(src: sqlite3.Connection, dst: sqlite3.Connection, name: str,
                lost: list[str]) -> int:
    quoted = '"' + name.replace('"', '""') + '"'
    try:
        columns = [r[1] for r in src.execute(f"PRAGMA table_info({quoted})")]
        names = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
        top = src.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "rowid" not in str(exc):
            lost.append(f"table {name}")
            return 0
        return _copy_whole(src, dst, quoted, names, lost)  # a WITHOUT ROWID table
    except sqlite3.DatabaseError:
        lost.append(f"table {name}")
        return 0
    if top is None:
        return 0
    select = f"SELECT rowid, {names} FROM {quoted} WHERE rowid >= ? AND rowid < ?"
    insert = (f"INSERT OR IGNORE INTO {quoted} (rowid, {names}) "
              f"VALUES ({', '.join('?' * (len(columns) + 1))})")
    copied = 0
    stack = [(lo, min(lo + BATCH, top + 1)) for lo in range(0, top + 1, BATCH)][::-1]
    while stack:
        lo, hi = stack.pop()
        try:
            rows = src.execute(select, (lo, hi)).fetchall()
        except sqlite3.DatabaseError:
            if hi - lo > 1:
                mid = (lo + hi) // 2
                stack.extend([(mid, hi), (lo, mid)])
            else:
                lost.append(f"{name} rowid {lo}")
            continue
        dst.executemany(insert, rows)
        copied += len(rows)
    return copied


def _copy_whole(src: sqlite3.Connection, dst: sqlite3.Connection, quoted: str, names: str,
                lost: list[str]) -> int:
    try:
        rows = src.execute(f"SELECT {names} FROM {quoted}").fetchall()
    except sqlite3.DatabaseError:
        lost.append(f"table {quoted}")
        return 0
    marks = ", ".join("?" * len(names.split(", ")))
    dst.executemany(f"INSERT OR IGNORE INTO {quoted} ({names}) VALUES ({marks})", rows)
    return len(rows)
