"""What every service call needs: the database, the clock and who is acting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extradesk.core.clock import Clock, SystemClock
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


def open_context(target: str | Path, *, clock: Clock | None = None) -> tuple[Context, MigrationReport]:
    """Open (create, upgrade after backup, or refuse) the database and return a Context."""
    db = open_database(target)
    try:
        report = prepare(db)
    except Exception:
        db.dispose()
        raise
    return Context(db=db, clock=clock or SystemClock()), report


def on_network_share(ctx: Context) -> bool:
    """True when the SQLite file sits on a network share or removable disk: the UI warns."""
    path = ctx.db.sqlite_path
    return path is not None and looks_like_network_path(path)
