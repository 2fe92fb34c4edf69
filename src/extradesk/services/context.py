"""What every service call needs: the database, the clock and who is acting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extradesk.core.clock import Clock, SystemClock
from extradesk.core.errors import StorageError
from extradesk.db.engine import Database, looks_like_network_path, open_database
from extradesk.db.migrate import MigrationReport, prepare

if TYPE_CHECKING:
    from extradesk.reports.layout import PrintDocument


@dataclass
class Context:
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    user_id: int | None = None
    # Test seams, None in the application. `fault` is called with a point's name inside the
    # write transactions that must survive a crash ("number_allocated", "pdf_stored"): the
    # kill tests stop the process there. `render_pdf` replaces reportlab where a test issues
    # hundreds of invoices and only the numbering matters.
    fault: Callable[[str], None] | None = None
    render_pdf: Callable[[PrintDocument], bytes] | None = None
    # Answers DNS TXT lookups (deliverability.spf_hints) where a test has no network.
    dns_txt: Callable[[str], list[str]] | None = None


def open_context(target: str | Path, *, clock: Clock | None = None,
                 read_only: bool = False) -> tuple[Context, MigrationReport]:
    """Open (create, upgrade after backup, or refuse) the database and return a Context.
    `read_only`: an existing file is only read — never upgraded, never switched to WAL."""
    db = open_database(target, read_only=read_only)
    try:
        report = _readable(db) if db.read_only else prepare(db)
    except Exception:
        db.dispose()
        raise
    return Context(db=db, clock=clock or SystemClock()), report


def _readable(db) -> MigrationReport:
    from sqlalchemy.exc import DBAPIError

    from extradesk.db.head import HEAD
    from extradesk.db.migrate import current_revision

    try:
        current = current_revision(db)
    except DBAPIError as exc:
        damaged = "malformed" in str(exc.orig)
        raise StorageError("db.damaged" if damaged else "db.unreachable",
                           detail=str(exc.orig)) from exc
    if current != HEAD:  # upgrading writes: a read-only opening cannot do it
        raise StorageError("db.read_only_upgrade", found=current or "?", known=HEAD)
    return MigrationReport(before=current, after=current, backup=None)


def on_network_share(ctx: Context) -> bool:
    """True when the SQLite file sits on a network share or removable disk: the UI warns."""
    path = ctx.db.sqlite_path
    return path is not None and looks_like_network_path(path)
