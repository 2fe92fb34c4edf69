"""The revenue exports: a preview of the first rows with the totals, and the file."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, Progress, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks

PREVIEW_ROWS = 200


def preview(tasks: Tasks, parent: QObject | None, *, name: str, start: date, end: date,
            journal_id: int | None = None, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """(header, kinds, the first PREVIEW_ROWS rows as shown, the total row, row count,
    notes) of export `name`."""

    def job(ctx):
        from extradesk.services.exports import catalog, saving
        from extradesk.services.exports.model import ExportQuery

        table = catalog.run_export(ctx, name, query=ExportQuery(start, end,
                                                                journal_id=journal_id))
        rows = list(table.rows)
        options = saving.writer_options(table, rows=rows[:PREVIEW_ROWS])
        shown = [[options["label"](i, v) for i, v in enumerate(row)] for row in options["rows"]]
        return options["header"], options["kinds"], shown, table.total, len(rows), table.notes

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save(tasks: Tasks, parent: QObject | None, *, name: str, start: date, end: date,
         path: Path, journal_id: int | None = None, cancelled: Callable[[], bool],
         progress: Progress = None, on_done: OnDone = None,
         on_error: OnError = None) -> Future:
    """Write export `name` to `path` (xlsx when its name ends so); the result is the number
    of rows written."""

    def job(ctx, report=None):
        from extradesk.services.exports import saving
        from extradesk.services.exports.model import ExportQuery

        _table, count = saving.save_export(
            ctx, name, query=ExportQuery(start, end, journal_id=journal_id), path=path,
            xlsx=path.suffix.lower() == ".xlsx", progress=report, cancelled=cancelled)
        return count

    return query(tasks, parent, job, on_done=on_done, on_error=on_error, progress=progress)
