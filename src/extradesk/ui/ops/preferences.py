"""Operations on preferences (options declared once in services/preferences.py)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def search_mode(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    """(the search modes offered, their labels, the current user's)."""

    def job(ctx):
        from extradesk.services import preferences

        option = preferences.SEARCH_MODE
        return option.choices, preferences.SEARCH_MODE_LABELS, preferences.get(ctx, option.key)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_option(tasks: Tasks, parent: QObject | None, *, option: str, value: Any,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Set the current user's `option`, named as in services/preferences.py (SEARCH_MODE,
    AGENDA_COLOR_BY…): the UI names an option without importing the services."""

    def job(ctx):
        from extradesk.services import preferences

        return preferences.set_value(ctx, getattr(preferences, option).key, value=value)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def get_option(tasks: Tasks, parent: QObject | None, *, option: str, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """The current user's value of `option` (named as in services/preferences.py)."""

    def job(ctx):
        from extradesk.services import preferences

        return preferences.get(ctx, getattr(preferences, option).key)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def values(tasks: Tasks, parent: QObject | None, *, keys: list[str], on_done: OnDone = None,
           on_error: OnError = None) -> Future:
    """{key: the current user's value} for the options `keys` (their keys, "search.mode")."""

    def job(ctx):
        from extradesk.services import preferences

        found = preferences.get_all(ctx)
        return {key: found[key] for key in keys}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
         on_error: OnError = None) -> Future:
    """Every option as the dialog shows it (services.preference_forms.OptionView), with the
    French "nothing chosen" label of each reference option: (views, {key: label})."""

    def job(ctx):
        from extradesk.services import preference_forms as forms

        views = forms.describe(ctx)
        return views, {v.key: forms.unset_label(v.key) for v in views if v.kind == "reference"}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save(tasks: Tasks, parent: QObject | None, *, values: dict[str, Any],
         on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Set several options of the current user at once (all checked, then all written)."""

    def job(ctx):
        from extradesk.services import preferences

        return preferences.set_values(ctx, values=values)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
