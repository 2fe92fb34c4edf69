"""The revenue exports: a preview of the first rows with the totals, and the file."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, Progress, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks

PREVIEW_ROWS = 200


def preview(tasks: Tasks, parent: QObject | None, *, name: str, start: date, end: date,
            journal_id: int | None = None, kinds: tuple[str, ...] = (),
            statuses: tuple[str, ...] = (), on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """(header, kinds, the first PREVIEW_ROWS rows as shown, the total row, row count,
    notes) of export `name`."""

    def job(ctx):
        from extradesk.services.exports import catalog, saving
        from extradesk.services.exports.model import ExportQuery

        table = catalog.run_export(ctx, name, query=ExportQuery(
            start, end, journal_id=journal_id, kinds=kinds, statuses=statuses))
        stream = iter(table.rows)
        first = list(itertools.islice(stream, PREVIEW_ROWS))
        if table.size is not None:  # a streamed export knows its size: read no further
            count = table.size
            getattr(stream, "close", lambda: None)()
        else:
            count = len(first) + sum(1 for _ in stream)
        options = saving.writer_options(table, rows=first)
        shown = [[options["label"](i, v) for i, v in enumerate(row)] for row in options["rows"]]
        return options["header"], options["kinds"], shown, table.total, count, table.notes

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save(tasks: Tasks, parent: QObject | None, *, name: str, start: date, end: date,
         path: Path, journal_id: int | None = None, kinds: tuple[str, ...] = (),
         statuses: tuple[str, ...] = (), cancelled: Callable[[], bool],
         progress: Progress = None, on_done: OnDone = None,
         on_error: OnError = None) -> Future:
    """Write export `name` to `path` (xlsx when its name ends so); the result is the number
    of rows written."""

    def job(ctx, report=None):
        from extradesk.services.exports import saving
        from extradesk.services.exports.model import ExportQuery

        _table, count = saving.save_export(
            ctx, name, query=ExportQuery(start, end, journal_id=journal_id, kinds=kinds,
                                         statuses=statuses), path=path,
            xlsx=path.suffix.lower() == ".xlsx", progress=report, cancelled=cancelled)
        return count

    return query(tasks, parent, job, on_done=on_done, on_error=on_error, progress=progress)


def fec_siren(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None) -> Future:
    """The company's SIREN (the FEC file is named after it), or None when it has none."""

    def job(ctx):
        from extradesk.core.errors import StateError
        from extradesk.services.exports import fec

        try:
            return fec.siren(ctx)
        except StateError:
            return None

    return query(tasks, parent, job, on_done=on_done)


def accounting(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The FEC's account numbers (services.exports.accounts.AccountingSettings)."""

    def job(ctx):
        from extradesk.services.exports import accounts

        return accounts.get_accounting(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_accounting(tasks: Tasks, parent: QObject | None, *, client_root: str, vat_root: str,
                    bank_account: str, journal_accounts: dict[str, str],
                    on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Change the FEC's account numbers (checked by the service: a refusal changes nothing)."""

    def job(ctx):
        from extradesk.services.exports import accounts

        return accounts.set_accounting(ctx, client_root=client_root, vat_root=vat_root,
                                       bank_account=bank_account,
                                       journal_accounts=journal_accounts)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
