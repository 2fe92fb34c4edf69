"""The search box's operations: one query fanned out to clients, documents, articles and
catalogues by services/search.py."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def search(tasks: Tasks, parent: QObject | None, *, text: str, mode: str | None = None,
           limit: int = 50, on_done: OnDone = None, on_error: OnError = None) -> Future:
    """A SearchResult: hits of the scope the text asks for (see services/search.py)."""

    def job(ctx):
        from extradesk.services import search as search_service

        return search_service.search(ctx, text, mode=mode, limit=limit)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def clients(tasks: Tasks, parent: QObject | None, *, text: str, limit: int = 50,
            on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The client hits only (the client picker)."""

    def job(ctx):
        from extradesk.services import search as search_service

        return [h for h in search_service.search(ctx, text, limit=limit).hits
                if h.kind == "client"]

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)
