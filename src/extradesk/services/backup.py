"""Backups of the database: on demand, automatic (daily and on exit, rotated), verified;
integrity checks at start, restore and repair, for the CLI and the Fichier menu."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from extradesk import paths
from extradesk.core.clock import PARIS
from extradesk.core.errors import StorageError
from extradesk.db import backup as db_backup
from extradesk.db import pg_backup
from extradesk.db import restore as db_restore
from extradesk.services.context import Context

AUTO = "auto"
PG_SUFFIX = ".dump"  # pg_dump custom format
START_CHECK_SECONDS = 3.0  # a quick_check of a few hundred MB; longer ones finish later
# Kept automatic copies: the newest of each of the last N days, ISO weeks and months.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = re.compile(r"-(\d{8})-(\d{6})-([\w-]+)\.sqlite3$")


def backups_folder(ctx: Context) -> Path:
    """Copies go to a `backups` folder beside the database file, so a database opened with
    --db keeps its backups with it."""
    source = ctx.db.sqlite_path
    return source.parent / "backups" if source is not None else paths.backups_dir()


def _live(ctx: Context) -> Path:
    if ctx.db.sqlite_path is None:
        raise StorageError("backup.sqlite_only")
    return ctx.db.sqlite_path


def make_backup(
    ctx: Context,
    *,
    target: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    reason: str = "sauvegarde",
) -> Path:
    """Write a verified copy while the database stays in use; returns where it went.
    On PostgreSQL: a pg_dump file (custom format) of the shared database."""
    if not ctx.db.is_sqlite:
        url = ctx.db.engine.url
        name = f"{url.database}-{_local_now(ctx):%Y%m%d-%H%M%S}-{reason}{PG_SUFFIX}"
        return pg_backup.dump(url, target or backups_folder(ctx) / name)
    return db_backup.backup_sqlite(ctx.db, backups_folder(ctx), target=target,
                                   progress=progress, reason=reason, now=_local_now(ctx))


def _local_now(ctx: Context) -> datetime:
    """Backup names carry the office's wall-clock time (Paris), as the user reads them."""
    return ctx.clock.now().astimezone(PARIS).replace(tzinfo=None)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime
    reason: str
    size: int


def list_backups(ctx: Context) -> list[BackupFile]:
    """The copies in the backups folder, newest first (name stamps, not file times)."""
    return _backups_in(backups_folder(ctx))


def _backups_in(folder: Path) -> list[BackupFile]:
    found = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else ():
        match = _STAMP.search(path.name)
        if match is None:
            continue
        taken = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
        found.append(BackupFile(path, taken, match[3], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def auto_backup(ctx: Context, *, on_exit: bool = False,
                keep: tuple[int, int, int] = (KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY)
                ) -> Path | None:
    """The automatic copy: at the first start of each day, and at every normal exit; then
    the rotation. Returns the new copy, or None when today's start copy already exists."""
    _live(ctx)
    now = _local_now(ctx)
    autos = [b for b in list_backups(ctx) if b.reason == AUTO]
    if not on_exit and any(b.taken.date() == now.date() for b in autos):
        return None
    made = make_backup(ctx, reason=AUTO)
    rotate(ctx, keep=keep)
    return made


def rotate(ctx: Context, *, keep: tuple[int, int, int] = (KEEP_DAILY, KEEP_WEEKLY,
                                                          KEEP_MONTHLY)) -> list[Path]:
    """Delete automatic copies beyond the newest of the last `keep` days, weeks and months.
    Copies made by hand or before an upgrade are never deleted. Returns what went."""
    autos = [b for b in list_backups(ctx) if b.reason == AUTO]
    kept = keep_set([b.taken for b in autos], *keep)
    gone = []
    for b in autos:
        if b.taken not in kept:
            b.path.unlink(missing_ok=True)
            gone.append(b.path)
    return gone


def keep_set(stamps: list[datetime], daily: int, weekly: int, monthly: int) -> set[datetime]:
    """Grandfather-father-son: for each period kind, the newest stamp of each of the last
    N periods that have a copy."""
    kept: set[datetime] = set()
    for count, period in ((daily, lambda d: d), (weekly, lambda d: d.isocalendar()[:2]),
                          (monthly, lambda d: (d.year, d.month))):
        newest: dict[object, datetime] = {}
        for stamp in sorted(stamps, reverse=True):
            newest.setdefault(period(stamp.date()), stamp)
        kept.update(sorted(newest.values(), reverse=True)[:count])
    return kept


@dataclass(frozen=True)
class StartCheck:
    ok: bool
    finished: bool
    problems: tuple[str, ...]
    latest_good: Path | None  # the newest backup to offer when the database is damaged


def check_database(ctx: Context, *, time_limit: float | None = START_CHECK_SECONDS,
                   full: bool = False) -> StartCheck:
    """`quick_check` of the live file (time-boxed at start; `finished` False when the rest
    must run later); when damaged, which backup to offer."""
    if ctx.db.sqlite_path is None:
        return StartCheck(True, True, (), None)
    return check_path(ctx.db.sqlite_path, time_limit=time_limit, full=full)


def check_path(live: Path, *, time_limit: float | None = None, full: bool = True
               ) -> StartCheck:
    """The same, on a file not opened as a Context (a database too damaged to open)."""
    check = db_backup.check_file(live, full=full, time_limit=time_limit)
    latest = None
    if not check.ok:
        latest = next((b.path for b in _backups_in(live.parent / "backups")
                       if db_backup.check_file(b.path).ok), None)
    return StartCheck(check.ok, check.finished, check.problems, latest)


def restore(live: Path, *, backup: Path, now: datetime | None = None) -> Path:
    """Replace the database at `live` by `backup` (verified first); the current file is
    kept aside in the backups folder. Refused while another program has it open. Takes a
    path, not a Context: nothing may hold the database open while it is swapped."""
    return db_restore.restore_file(live, backup, aside_folder=live.parent / "backups",
                                   now=now or datetime.now())


def restore_server(url: str, *, backup: Path) -> None:
    """Load a pg_dump file into the empty PostgreSQL database `url` (created beforehand,
    e.g. by `extradesk db init`'s server or createdb); a database with tables is refused."""
    from sqlalchemy import create_engine

    from extradesk.db.engine import url_for

    engine = create_engine(url_for(url))
    try:
        pg_backup.restore(engine, backup)
    finally:
        engine.dispose()


def repair(live: Path, *, now: datetime | None = None) -> db_restore.Recovery:
    """Save what a damaged database still holds into a new file that takes its place; the
    damaged file is kept aside (`…-endommagee.sqlite3`)."""
    stamp = now or datetime.now()
    fresh = live.with_name(f"{live.stem}-{stamp:%Y%m%d-%H%M%S}-reparee.sqlite3")
    result = db_restore.recover(live, fresh)
    aside_folder = live.parent / "backups"
    aside_folder.mkdir(parents=True, exist_ok=True)
    db_restore.take_exclusive(live).close()
    aside = aside_folder / db_backup.backup_name(live, "endommagee", stamp)
    live.replace(aside)
    for suffix in db_restore.SIDE_FILES:
        side = Path(str(live) + suffix)
        if side.exists():
            side.replace(Path(str(aside) + suffix))
    fresh.replace(live)
    result.target = live
    return result


def clean_leftovers(ctx: Context) -> list[Path]:
    """Remove half-written copies (`*.partial`) left by a crash or a full disk, beside the
    database and in its backups folder. Returns what was removed."""
    live = _live(ctx)
    removed = []
    for folder in (live.parent, backups_folder(ctx)):
        for path in folder.glob("*" + db_backup.PARTIAL) if folder.is_dir() else ():
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed


COMPACT_FREE_SHARE = 0.25  # offer "Compacter la base" when a quarter of the file is free
COMPACT_MIN_BYTES = 20 * 1024 * 1024  # and at least 20 MB would be given back


@dataclass(frozen=True)
class StartReport:
    """What the application learns about its database at start, off the GUI thread."""

    check: StartCheck
    auto_copy: Path | None  # the day's automatic copy, when one was made
    auto_error: StorageError | None  # a failed automatic copy (said, never fatal)
    removed: tuple[Path, ...]  # half-written files left by a crash, now gone


def at_start(ctx: Context, *, time_limit: float = START_CHECK_SECONDS) -> StartReport:
    """Leftovers removed, the database checked (time-boxed: `check.finished` False means
    the rest runs later), and the day's automatic copy made when it is sound.

    Files only, through connections of its own (never the Context's engine): the
    application runs it beside the database worker, whose searches it must not hold up
    (a check and a copy of a 125 MB base: ~2 s)."""
    if ctx.db.sqlite_path is None:
        return StartReport(StartCheck(True, True, (), None), None, None, ())
    removed = tuple(clean_leftovers(ctx))
    check = check_database(ctx, time_limit=time_limit)
    copy, error = None, None
    if check.ok:
        try:
            copy = auto_backup(ctx)
        except StorageError as exc:  # a full disk must not stop the day's work
            error = exc
    return StartReport(check, copy, error, removed)


def at_exit(ctx: Context) -> Path | None:
    """On a normal exit: the exit copy, then the WAL folded back into the file."""
    if ctx.db.sqlite_path is None:
        return None
    try:
        made = auto_backup(ctx, on_exit=True)
    finally:
        checkpoint(ctx)
    return made


def checkpoint(ctx: Context) -> None:
    """Fold the WAL into the database file and truncate it (after big imports, at exit)."""
    if ctx.db.sqlite_path is None:
        return
    with ctx.db.engine.connect() as conn:
        _outside_transaction(conn, "PRAGMA wal_checkpoint(TRUNCATE)")


def _outside_transaction(conn, statement: str) -> None:
    """VACUUM and a full checkpoint refuse to run in a transaction, and SQLAlchemy begins
    one on first use: speak to the driver (which autocommits) directly."""
    conn.connection.driver_connection.execute(statement)


def reclaimable_bytes(ctx: Context) -> int:
    """Free pages in the file (a replaced catalogue can leave most of it empty)."""
    if ctx.db.sqlite_path is None:
        return 0
    with ctx.db.engine.connect() as conn:
        free = conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0
        size = conn.exec_driver_sql("PRAGMA page_size").scalar() or 4096
    return free * size


def should_compact(ctx: Context) -> bool:
    free = reclaimable_bytes(ctx)
    path = ctx.db.sqlite_path
    total = path.stat().st_size if path is not None and path.exists() else 0
    return free >= COMPACT_MIN_BYTES and total > 0 and free / total >= COMPACT_FREE_SHARE


def compact(ctx: Context) -> int:
    """VACUUM the database (the user asked: it holds the write lock for a while); returns
    the bytes given back."""
    path = _live(ctx)
    before = path.stat().st_size
    with ctx.db.engine.connect() as conn:
        _outside_transaction(conn, "VACUUM")
        _outside_transaction(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
    return max(0, before - path.stat().st_size)
