"""Operations of the health check « Avez-vous les bons réflexes ? »."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def run(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
        on_error: OnError = None) -> Future:
    """The AuditReport of the database (score out of 10 and findings)."""

    def job(ctx):
        from extradesk.services import audit

        return audit.run(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def merge(tasks: Tasks, parent: QObject | None, *, proposal: Any, on_done: OnDone = None,
          on_error: OnError = None) -> Future:
    """Carry out a duplicate finding's MergeProposal (refused if the list changed since)."""

    def job(ctx):
        from extradesk.services import audit

        return audit.merge(ctx, proposal)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
