"""Operations on the outbox: the sender's three steps (claim on the database worker, deliver on
the network pool, record on the database worker), the count waiting, a client's history,
"Réessayer" and "Annuler"."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, network, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def claim(tasks: Tasks, parent: QObject | None, *, limit: int, on_done: OnDone = None,
          on_error: OnError = None) -> Future:
    """The sender's first step: claim up to `limit` due mails. The result is (Batch or None
    when nothing is due, the count still waiting after it, the ids claimed, changes: none
    told yet, the record step tells them)."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.outbox import items, sender

        batch = sender.claim_batch(ctx, limit=limit)
        ids = frozenset(o.item_id for group, _s in batch.groups for o in group) if batch \
            else frozenset()
        return batch, items.count_waiting(ctx), ids, Changes()

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def deliver(tasks: Tasks, parent: QObject | None, *, batch: Any, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """The network step: [Outcome], one per claimed item (no Context here)."""

    def job():
        from extradesk.services.outbox import sender

        return sender.deliver(batch)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def record(tasks: Tasks, parent: QObject | None, *, outcomes: list, on_done: OnDone = None,
           on_error: OnError = None) -> Future:
    """The last step: the outcomes written; the result is (SendReport, changes)."""

    def job(ctx):
        from extradesk.services.outbox import sender

        return sender.record_outcomes(ctx, outcomes)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def count_waiting(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.outbox import items

        return items.count_waiting(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def client_history(tasks: Tasks, parent: QObject | None, *, client_id: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The client's mails, newest first ([OutboxRow])."""

    def job(ctx):
        from extradesk.services.outbox import items

        return items.list_items(ctx, client_id=client_id, limit=200)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def _each(tasks, parent, action: str, item_ids: Sequence[int], on_done, on_error) -> Future:
    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.outbox import items

        changes = Changes()
        for item_id in item_ids:
            changes = changes | getattr(items, action)(ctx, item_id)
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def retry(tasks: Tasks, parent: QObject | None, *, item_ids: Sequence[int],
          on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Make the items due now (same Message-ID); a sent one is refused in French."""
    return _each(tasks, parent, "retry", list(item_ids), on_done, on_error)


def cancel(tasks: Tasks, parent: QObject | None, *, item_ids: Sequence[int],
           on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Stop the items; a sent one cannot be called back (refused in French)."""
    return _each(tasks, parent, "cancel", list(item_ids), on_done, on_error)
