"""Operations of the "Base de données partagée…" dialog: they talk to a server, not to the
open database, so they run on the network pool (no Context)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from extradesk.ui.ops import OnDone, OnError, network

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.shared_server import ServerSettings
    from extradesk.ui.tasks import Tasks


def test_connection(tasks: Tasks, parent: QObject | None, *, settings: ServerSettings,
                    password: str | None, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    def job():
        from extradesk.services import shared_server

        return shared_server.test_connection(settings, password=password)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def create_database(tasks: Tasks, parent: QObject | None, *, settings: ServerSettings,
                    password: str | None, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    def job():
        from extradesk.services import shared_server

        return shared_server.create_database(settings, password=password)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def save(tasks: Tasks, parent: QObject | None, *, settings: ServerSettings,
         password: str | None, on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job():
        from extradesk.services import shared_server

        shared_server.save(settings, password=password)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)
