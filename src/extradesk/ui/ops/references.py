"""Operations on the reference lists (statuses, origins, journals, suppliers, types…)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def list_items(tasks: Tasks, parent: QObject | None, *, list_name: str,
               active_labels: bool = False, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The ReferenceItems of `list_name`; only the labels of the active ones with
    `active_labels`."""

    def job(ctx):
        from extradesk.services import references

        items = references.list_items(ctx, list_name)
        return [i.label for i in items if i.active] if active_labels else items

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def several_lists(tasks: Tasks, parent: QObject | None, *, lists: Mapping[str, str],
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """{key: the items of the list named lists[key]} in one job (a form's combos)."""

    def job(ctx):
        from extradesk.services import references

        return {key: references.list_items(ctx, list_name) for key, list_name in lists.items()}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def list_for_editing(tasks: Tasks, parent: QObject | None, *, list_name: str,
                     with_titles: bool = False, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """(the titles of every list or None, list_name, its items with their usage)."""

    def job(ctx):
        from extradesk.services import references

        titles = references.LIST_TITLES if with_titles else None
        return titles, list_name, references.list_items(ctx, list_name, with_usage=True)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def add_item(tasks: Tasks, parent: QObject | None, *, list_name: str, label: str,
             on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services import references

        return references.add_item(ctx, list_name, label=label)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def rename_item(tasks: Tasks, parent: QObject | None, *, list_name: str, item_id: int,
                label: str, on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services import references

        return references.rename_item(ctx, list_name, item_id=item_id, label=label)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_active(tasks: Tasks, parent: QObject | None, *, list_name: str,
               items: Sequence[tuple[int, bool]], on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """Set each (item id, active) of `items`."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services import references

        changes = Changes()
        for item_id, active in items:
            changes = changes | references.set_active(ctx, list_name, item_id=item_id,
                                                      active=active)
        return changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def merge_items(tasks: Tasks, parent: QObject | None, *, list_name: str, keep_id: int,
                duplicate_ids: list[int], on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    """Everything that used a duplicate uses `keep_id` from now on; the duplicates go."""

    def job(ctx):
        from extradesk.services import references

        return references.merge_items(ctx, list_name, keep_id=keep_id,
                                      duplicate_ids=duplicate_ids)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
