"""Consistent copies of a SQLite database with the online backup API (safe while in use)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from extradesk.core.errors import StorageError
from extradesk.db.engine import Database


def backup_sqlite(
    db: Database,
    folder: Path,
    *,
    reason: str = "sauvegarde",
    target: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Copy the database page by page into `target` (or a dated file in `folder`)."""
    source_path = db.sqlite_path
    if source_path is None:
        raise StorageError("backup.sqlite_only")
    if target is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{source_path.stem}-{stamp}-{reason}.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        source = sqlite3.connect(str(source_path))
        try:
            dest = sqlite3.connect(str(partial))
            try:
                source.backup(dest, pages=1024, progress=report)
                dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            finally:
                dest.close()
        finally:
            source.close()
        partial.replace(target)  # atomic: a crash never leaves a half backup under the real name
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError("backup.failed", detail=str(exc)) from exc
    return target
