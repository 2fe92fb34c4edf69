"""Operations on the users of this database and the session: who is working here."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.dto import UserInput
    from extradesk.ui.tasks import Tasks


def _user_state(ctx) -> dict:
    from extradesk.services import preferences, users

    return {"users": users.list_users(ctx), "user_id": ctx.user_id,
            "search_mode": preferences.get(ctx, preferences.SEARCH_MODE.key),
            "theme": preferences.get(ctx, preferences.THEME.key)}


def start_session(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """Once the database is open: the last user becomes the current one. The result is
    user_state's plus "network" (the database looks like it is on a network share) and "url".

    Also imports the search service, so the first keystroke does not pay for it; the
    documents, articles and catalogues services load on their first `**`/`*` search."""

    def job(ctx):
        from extradesk.services import context, search, users  # noqa: F401

        ctx.user_id = users.last_user_id(ctx)
        return {**_user_state(ctx), "network": context.on_network_share(ctx),
                "url": ctx.db.url}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def user_state(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """{"users": the active users, "user_id": the current one, "search_mode": theirs}."""
    return query(tasks, parent, _user_state, on_done=on_done, on_error=on_error)


def list_users(tasks: Tasks, parent: QObject | None, *, include_inactive: bool = False,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services import users

        return users.list_users(ctx, include_inactive=include_inactive)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_user(tasks: Tasks, parent: QObject | None, *, user_id: int | None, data: UserInput,
              on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Create (user_id None) or update; the result is (user id, changes)."""

    def job(ctx):
        from extradesk.services import users

        if user_id is None:
            return users.create_user(ctx, data)
        return user_id, users.update_user(ctx, user_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def switch_user(tasks: Tasks, parent: QObject | None, *, user_id: int, on_done: OnDone = None,
                on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services import users

        return users.switch_user(ctx, user_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
