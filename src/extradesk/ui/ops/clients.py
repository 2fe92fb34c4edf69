"""Operations on clients and their ouvrages (installations, projects)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, mutate, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.dto import ClientInput, OuvrageInput
    from extradesk.ui.tasks import Tasks


def get(tasks: Tasks, parent: QObject | None, *, client_id: int, on_done: OnDone = None,
        on_error: OnError = None) -> Future:
    """The ClientDetail of `client_id`, with its ouvrages."""

    def job(ctx):
        from extradesk.services.clients import records

        return records.get_client(ctx, client_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def likely_duplicates(tasks: Tasks, parent: QObject | None, *, data: ClientInput,
                      exclude_id: int | None, limit: int = 5, on_done: OnDone = None,
                      on_error: OnError = None) -> Future:
    """Clients that look like the one typed (same phone or e-mail, close name and place)."""

    def job(ctx):
        from extradesk.services.clients import records

        return records.likely_duplicates(ctx, data, exclude_id=exclude_id, limit=limit)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save(tasks: Tasks, parent: QObject | None, *, client_id: int | None, data: ClientInput,
         on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Create (client_id None) or update; the result is (client id, changes)."""

    def job(ctx):
        from extradesk.services.clients import records

        if client_id is None:
            return records.create_client(ctx, data)
        return client_id, records.update_client(ctx, client_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_archived(tasks: Tasks, parent: QObject | None, *, client_id: int, archived: bool,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.clients import records

        return records.set_archived(ctx, client_id, archived=archived)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- ouvrages -----------------------------------------------------------------------------------

def save_ouvrage(tasks: Tasks, parent: QObject | None, *, client_id: int,
                 ouvrage_id: int | None, data: OuvrageInput, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """Add an ouvrage to the client (ouvrage_id None) or update it; the result is
    (ouvrage id, changes)."""

    def job(ctx):
        from extradesk.services.clients import ouvrages

        if ouvrage_id is None:
            return ouvrages.add_ouvrage(ctx, client_id, data=data)
        return ouvrage_id, ouvrages.update_ouvrage(ctx, ouvrage_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def rename_ouvrage(tasks: Tasks, parent: QObject | None, *, ouvrage_id: int, name: str,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.clients import ouvrages

        return ouvrages.rename_ouvrage(ctx, ouvrage_id, name=name)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def delete_ouvrage(tasks: Tasks, parent: QObject | None, *, ouvrage_id: int,
                   on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.clients import ouvrages

        return ouvrages.delete_ouvrage(ctx, ouvrage_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)

