"""Consistent copies of the database, for `extradesk backup` and the Fichier menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extradesk import paths
from extradesk.db.backup import backup_sqlite
from extradesk.services.context import Context


def make_backup(
    ctx: Context,
    *,
    target: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write a copy while the database stays in use; returns where it went.

    Copies go to a `backups` folder beside the database file, so a database opened with
    --db keeps its backups with it.
    """
    source = ctx.db.sqlite_path
    folder = source.parent / "backups" if source is not None else paths.backups_dir()
    return backup_sqlite(ctx.db, folder, target=target, progress=progress)
