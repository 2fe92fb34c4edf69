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
    """Write a copy while the database stays in use; returns where it went."""
    return backup_sqlite(ctx.db, paths.backups_dir(), target=target, progress=progress)
