"""Operations on supplier catalogues: lookup, importing an article, price files, suppliers."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, Progress, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.articles.dto import SupplierInput
    from extradesk.services.catalogues.parse import FileFormat
    from extradesk.ui.tasks import Tasks


# -- lookup -------------------------------------------------------------------------------------

def has_lines(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
              on_error: OnError = None) -> Future:
    """Whether any supplier catalogue is there to search."""

    def job(ctx):
        from extradesk.services.catalogues import lookup

        return lookup.has_lines(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def search(tasks: Tasks, parent: QObject | None, *, text: str, limit: int = 100,
           on_done: OnDone = None, on_error: OnError = None) -> Future:
    """CatalogueMatches by reference or words of the label."""

    def job(ctx):
        from extradesk.services.catalogues import lookup

        return lookup.search(ctx, text, limit=limit)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def line_ref(tasks: Tasks, parent: QObject | None, *, line_id: int, on_done: OnDone = None,
             on_error: OnError = None) -> Future:
    """The supplier reference of catalogue line `line_id`."""

    def job(ctx):
        from extradesk.services.catalogues import lookup

        return lookup.get_line(ctx, line_id).ref

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def import_article(tasks: Tasks, parent: QObject | None, *, line_id: int,
                   take: set[str] | frozenset[str], on_done: OnDone = None,
                   on_error: OnError = None) -> Future:
    """Create an article from a catalogue line; the result is (its LineInput, changes)."""

    def job(ctx):
        from extradesk.services.catalogues import lookup
        from extradesk.services.documents import article_lines

        article_id, changes = lookup.import_article(ctx, line_id, take=take)
        return article_lines.line_input(ctx, article_id), changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- price files --------------------------------------------------------------------------------

def inspect_file(tasks: Tasks, parent: QObject | None, *, path: str, supplier: str,
                 imposed: dict, on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(supplier id or None, detected format, remembered columns, guessed columns)."""

    def job(ctx):
        from extradesk.services.catalogues import importing

        return importing.inspect_file(ctx, path, supplier=supplier, imposed=imposed)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def preview_file(tasks: Tasks, parent: QObject | None, *, path: str, file_format: FileFormat,
                 mapping: dict[str, int], on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """The first 30 lines as the import will read them (on the worker: the GUI never reads
    a file)."""

    def job(_ctx):
        from extradesk.services.catalogues import parse

        return parse.preview(path, file_format, mapping, limit=30)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def stage(tasks: Tasks, parent: QObject | None, *, supplier_id: int | None, supplier: str,
          path: str, file_format: FileFormat, mapping: dict[str, int], skip_bad: bool,
          headers: list[str], cancelled: Callable[[], bool], progress: Progress = None,
          on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Read the file into a pending import (nothing visible yet); the result is a StagedImport.
    A new supplier (`supplier_id` None) is created once its file has been read."""

    def job(ctx, report=None):
        from extradesk.services.catalogues import importing

        return importing.stage(ctx, supplier_id, supplier=supplier, path=path,
                               fmt=file_format, columns=mapping, skip_bad=skip_bad,
                               headers=headers, progress=report, cancelled=cancelled)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error, progress=progress)


def apply_import(tasks: Tasks, parent: QObject | None, *, import_id: int,
                 progress: Progress = None, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """The staged lines become the supplier's catalogue (the previous one is replaced)."""

    def job(ctx, report=None):
        from extradesk.core.changes import Changes
        from extradesk.services.catalogues import importing

        # The supplier may be new (created when the import started): lists refresh.
        return importing.apply(ctx, import_id, progress=report) | Changes(
            references=frozenset({"supplier"}))

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error, progress=progress)


def discard_import(tasks: Tasks, parent: QObject | None, *, import_id: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.catalogues import importing

        return importing.discard(ctx, import_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def history(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """Every import, newest first (ImportRecords)."""

    def job(ctx):
        from extradesk.services.catalogues import importing

        return importing.history(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- suppliers ----------------------------------------------------------------------------------

def get_supplier(tasks: Tasks, parent: QObject | None, *, supplier_id: int,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.catalogues import suppliers

        return suppliers.get_supplier(ctx, supplier_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_supplier(tasks: Tasks, parent: QObject | None, *, supplier_id: int | None,
                  data: SupplierInput, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """Create (supplier_id None) or update; the result is (supplier id, changes)."""

    def job(ctx):
        from extradesk.services.catalogues import suppliers

        return suppliers.save_supplier(ctx, supplier_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
