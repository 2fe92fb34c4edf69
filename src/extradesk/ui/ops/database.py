"""Jobs on the whole database: backups, checks, restore, repair and compaction, demonstration
data."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, Progress, mutate, network, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def backup(tasks: Tasks, parent: QObject | None, *, progress: Progress = None,
           on_done: OnDone = None, on_error: OnError = None) -> Future:
    """A consistent copy of the database beside it; the result is the copy's path."""

    def job(ctx, report=None):
        from extradesk.services import backup as backup_service

        return backup_service.make_backup(ctx, progress=report)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error, progress=progress)


def load_demo(tasks: Tasks, parent: QObject | None, *, clients: int,
              cancelled: Callable[[], bool], progress: Progress = None,
              on_done: OnDone = None, on_error: OnError = None) -> Future:
    """`clients` fictitious clients with their ouvrages and documents; the result is
    (DemoReport, changes)."""

    def job(ctx, report=None):
        from extradesk.services.demo import dataset

        return dataset.generate(ctx, clients=clients, seed=1, progress=report,
                                cancelled=cancelled)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error, progress=progress)


def start_checks(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """At start, once the session is up: leftovers removed, the database checked (time-boxed),
    the day's automatic copy; the result is services.backup.StartReport. On the network
    pool, not the database worker: it reads the file through connections of its own and
    must not hold up the first searches."""
    ctx = tasks.ctx  # only its file's path and its clock are used there

    def job():
        from extradesk.services import backup as backup_service

        return backup_service.at_start(ctx)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def reclaimable(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    """Bytes a compaction would give back (free pages)."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return backup_service.reclaimable_bytes(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def full_check(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The rest of a start check that ran out of time (big files), in the background."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return backup_service.check_database(ctx, time_limit=None)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def list_backups(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """The copies beside the database, newest first (services.backup.BackupFile)."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return backup_service.list_backups(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def _reopen(tasks: Tasks, ctx, swap: Callable[[Any], Any]):
    """Close the database, `swap(live_path)`, open it again: the one Context the worker owns
    is replaced, so every later job sees the restored file. Runs on the worker."""
    from extradesk.core.changes import Changes
    from extradesk.services.context import open_context

    live, user_id, clock = ctx.db.sqlite_path, ctx.user_id, ctx.clock
    ctx.db.dispose()
    try:
        result = swap(live)
    finally:  # restored, or refused and left as it was: the application goes on either way
        fresh, _report = open_context(live, clock=clock)
        fresh.user_id = user_id
        tasks.ctx = fresh
    return result, Changes(everything=True)


def restore(tasks: Tasks, parent: QObject | None, *, backup_path: Path,
            on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Put a backup in place of the open database; the result is (where the replaced file
    went, changes)."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return _reopen(tasks, ctx, lambda live: backup_service.restore(live, backup=backup_path))

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def repair(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
           on_error: OnError = None) -> Future:
    """Save what the damaged database holds into a new file in its place; the result is
    (services.backup's Recovery, changes)."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return _reopen(tasks, ctx, backup_service.repair)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def compact(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """VACUUM; the result is the number of bytes given back."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return backup_service.compact(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def at_exit(tasks: Tasks) -> Future:
    """The exit copy and the WAL checkpoint; app.main waits for it before closing."""

    def job(ctx):
        from extradesk.services import backup as backup_service

        return backup_service.at_exit(ctx)

    return query(tasks, None, job, on_error=lambda _error: None)  # never blocks an exit
