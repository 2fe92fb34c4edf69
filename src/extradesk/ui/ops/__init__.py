"""UI operations: what the widgets ask of the services, run on the database worker.

Widgets call the typed functions of the capability modules here (`ops.documents.issue(tasks,
parent, document_id=…, on_done=…)`), never write worker closures themselves; the same call,
its error handling and its Changes are then written once. Every operation has one shape:

    op(tasks, parent, *, <its arguments>, on_done=None, on_error=None) -> Future

`parent` owns the request: `on_done` is dropped when it has been destroyed meanwhile, and a
failure is shown over it in French by the one error presenter (ui/errors.py) unless `on_error`
is given. A mutation publishes its Changes through `Tasks.changed` (even when `parent` is
gone: the data changed all the same). Each operation imports its service inside the job, on
the worker: these modules are imported before the first paint and must not load SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks

OnDone = Callable[[Any], None] | None
OnError = Callable[[BaseException], None] | None
Progress = Callable[[int, int], None] | None


def query(tasks: Tasks, parent: QObject | None, fn: Callable[..., Any], *,
          on_done: OnDone = None, on_error: OnError = None,
          progress: Progress = None) -> Future:
    """Run the read `fn(ctx)` (`fn(ctx, report)` with `progress`); `on_done(result)` after."""
    return tasks.run_in_db(fn, on_done, on_error=on_error, progress=progress, owner=parent)


def mutate(tasks: Tasks, parent: QObject | None, fn: Callable[..., Any], *,
           on_done: OnDone = None, on_error: OnError = None,
           progress: Progress = None) -> Future:
    """Run the write `fn(ctx)`, which returns Changes (or `(value, …, changes)`); published
    once through `tasks.changed` before `on_done(result)`; a failure publishes nothing."""
    return tasks.mutate(fn, on_done, on_error=on_error, progress=progress, owner=parent)


def network(tasks: Tasks, parent: QObject | None, fn: Callable[[], Any], *,
            on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Run `fn()` on the network pool: no Context there (read -> network -> write)."""
    return tasks.run_network(fn, on_done, on_error=on_error, owner=parent)
