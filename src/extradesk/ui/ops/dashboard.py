"""The home page's reads (one per tile and per chart, so each paints as soon as it is
known) and the dashboard mails queued when due."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.ui.tasks import Tasks


def layout(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
           on_error: OnError = None) -> Future:
    """(the user's tiles in their order, the home page's background image path or "", the
    images of the home buttons {button id: path})."""

    def job(ctx):
        from extradesk.services import preferences
        from extradesk.services.dashboard import tiles

        background = preferences.get(ctx, preferences.HOME_BACKGROUND.key)
        buttons = preferences.get(ctx, preferences.HOME_BUTTONS.key)
        return (tiles.chosen_tiles(ctx), background if isinstance(background, str) else "",
                buttons if isinstance(buttons, dict) else {})

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def tile(tasks: Tasks, parent: QObject | None, *, name: str, on_done: OnDone = None,
         on_error: OnError = None) -> Future:
    """The current user's tile `name` as text (services.dashboard.texts.TileText)."""

    def job(ctx):
        from extradesk.services.dashboard import texts, tiles

        return texts.tile_text(name, tiles.figure(ctx, name, user_id=ctx.user_id))

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def monthly(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """[(month label, this year, a year earlier)] of the last 13 months, oldest first."""

    def job(ctx):
        from extradesk.services.dashboard import figures, texts

        return texts.monthly_bars(figures.monthly(ctx, user_id=ctx.user_id))

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def origins(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    """[(origin label, revenue HT of the year)], largest first, the small ones summed."""

    def job(ctx):
        from extradesk.services.dashboard import figures, texts

        return texts.origin_shares(figures.by_origin(ctx, user_id=ctx.user_id))

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def queue_due_mails(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    """Queue every user's dashboard mail whose time has come (once per period); the result
    is the list of outbox ids queued."""

    def job(ctx):
        from extradesk.services.dashboard import mail

        return mail.queue_due(ctx)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
