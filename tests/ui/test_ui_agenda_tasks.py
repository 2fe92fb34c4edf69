"""The network pool: a slow server never holds up database work, results come back on the GUI."""

from __future__ import annotations

import threading

from extradesk.core.errors import ExternalServiceError
from extradesk.services.clients import records as clients


def test_a_blocked_network_job_does_not_delay_database_work(qtbot, tasks, idle):
    release = threading.Event()
    seen = {}

    def slow_server():
        seen["net_thread"] = threading.current_thread().name
        release.wait(10)
        return "réponse"

    tasks.run_network(slow_server, lambda r: seen.update(net=r, net_done=threading.current_thread()))
    tasks.run_in_db(clients.count_clients, lambda n: seen.update(db=n))
    qtbot.waitUntil(lambda: "db" in seen)  # answered while the network job still waits
    assert "net" not in seen and seen["net_thread"].startswith("extradesk-net")
    release.set()
    idle()
    assert seen["net"] == "réponse" and seen["net_done"] is threading.main_thread()


def test_a_network_error_reaches_on_error(qtbot, tasks, idle):
    caught = []

    def refused():
        raise ExternalServiceError("caldav.auth_refused", retryable=False, url="http://x/")

    tasks.run_network(refused, on_error=caught.append)
    idle()
    assert isinstance(caught[0], ExternalServiceError)
