"""Long jobs on the whole database (the Fichier menu): backup, demonstration data."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, Progress, mutate, query

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
