"""Verified copies of a SQLite database: integrity checks, backups, restore and repair.

A backup is one `VACUUM INTO` under a single read transaction: writers (WAL) never restart
it, so it finishes under a steady stream of invoices, unlike the page-stepped backup API
which starts over whenever another connection writes. Every copy is checked with
`integrity_check` before it takes its real name; a copy that fails is deleted, never kept
as if it were good.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from extradesk.core.errors import StorageError
from extradesk.db.engine import Database
from extradesk.i18n.os_errors import describe_os_error

BACKUP_TIME_LIMIT = 120.0  # seconds; an office PC copies ~100 MB/s, our files are < 1 GB
PROGRESS_STEPS = 20_000  # SQLite VM instructions between two looks at the clock
PARTIAL = ".partial"


@dataclass(frozen=True)
class Check:
    """What an integrity check found: `ok`, the first problems, and whether it finished."""

    ok: bool
    problems: tuple[str, ...] = ()
    finished: bool = True


def _read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: a check or a copy never writes to the file it reads (not even the WAL mode).
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _deadline(conn: sqlite3.Connection, seconds: float | None,
              cancelled: Callable[[], bool] | None = None) -> None:
    """Interrupt the running statement once `seconds` passed (or `cancelled()` says so)."""
    if seconds is None and cancelled is None:
        return
    end = time.monotonic() + seconds if seconds is not None else None

    def stop() -> int:
        return int((end is not None and time.monotonic() > end)
                   or (cancelled is not None and cancelled()))

    conn.set_progress_handler(stop, PROGRESS_STEPS)


def check_file(path: Path, *, full: bool = False, time_limit: float | None = None) -> Check:
    """`quick_check` (or `integrity_check` when `full`) of the file at `path`.

    With a time limit, a check that runs out of time returns `finished=False` and ok=True so
    far: the caller carries on and may check again in the background."""
    try:
        conn = _read_only(path)
    except sqlite3.Error as exc:
        return Check(ok=False, problems=(str(exc),))
    try:
        _deadline(conn, time_limit)
        pragma = "integrity_check(20)" if full else "quick_check(20)"
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                return Check(ok=True, finished=False)
            return Check(ok=False, problems=(str(exc),))
        except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
            return Check(ok=False, problems=(str(exc),))
    finally:
        conn.close()
    return Check(ok=rows == ["ok"], problems=() if rows == ["ok"] else tuple(rows))


def copy_database(source: Path, target: Path, *, time_limit: float = BACKUP_TIME_LIMIT,
                  cancelled: Callable[[], bool] | None = None) -> Path:
    """Write a verified, self-contained copy of `source` at `target`, atomically.

    Raises StorageError (message id `backup.*`) and leaves nothing behind when the source is
    damaged, time runs out, the disk is full, or the copy does not pass integrity_check."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL)
    partial.unlink(missing_ok=True)
    try:
        conn = _read_only(source)
        try:
            _deadline(conn, time_limit, cancelled)
            conn.execute("VACUUM INTO ?", (str(partial),))
        finally:
            conn.close()
        check = check_file(partial, full=True)
        if not check.ok:
            raise StorageError("backup.copy_damaged", detail="; ".join(check.problems[:3]))
        _fsync(partial)
        partial.replace(target)  # a crash never leaves half a copy under the real name
        _fsync_folder(target.parent)
    except sqlite3.OperationalError as exc:
        partial.unlink(missing_ok=True)
        if "interrupt" in str(exc):
            if cancelled is not None and cancelled():
                raise StorageError("backup.cancelled") from exc
            raise StorageError("backup.timeout", seconds=int(time_limit)) from exc
        raise storage_error("backup.failed", exc, target) from exc
    except sqlite3.DatabaseError as exc:  # the source is damaged
        partial.unlink(missing_ok=True)
        raise StorageError("backup.source_damaged", detail=str(exc)) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise storage_error("backup.failed", exc, target) from exc
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    return target


def storage_error(message_id: str, exc: BaseException, where: Path) -> StorageError:
    """A StorageError whose detail is French for the usual causes (full disk, no right)."""
    return StorageError(message_id, detail=describe_os_error(exc, where))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_name(source: Path, reason: str, now: datetime) -> str:
    return f"{source.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"


def backup_sqlite(
    db: Database,
    folder: Path,
    *,
    reason: str = "sauvegarde",
    target: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    time_limit: float = BACKUP_TIME_LIMIT,
    now: datetime | None = None,
) -> Path:
    """Check the live database, then copy it into `target` (or a dated file in `folder`)."""
    source_path = db.sqlite_path
    if source_path is None:
        raise StorageError("backup.sqlite_only")
    check = check_file(source_path, time_limit=time_limit / 4)
    if not check.ok:
        raise StorageError("backup.source_damaged", detail="; ".join(check.problems[:3]))
    if target is None:
        target = folder / backup_name(source_path, reason, now or datetime.now())
    if progress is not None:
        progress(0, 1)
    copy_database(source_path, target, time_limit=time_limit)
    if progress is not None:
        progress(1, 1)
    return target
