"""The database worker: jobs off the GUI thread, results and errors back on it, in French."""

from __future__ import annotations

import logging
import threading

from PySide6.QtWidgets import QMessageBox, QWidget
from ui_helpers import wait_for

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError
from extradesk.services.clients import records as clients


def test_jobs_run_on_the_worker_and_answer_on_the_gui_thread(qtbot, tasks, idle):
    seen = {}

    def job(ctx):
        seen["job"] = threading.current_thread()
        return clients.count_clients(ctx)

    tasks.run_in_db(job, lambda count: seen.update(done=threading.current_thread(), count=count))
    idle()
    assert seen["job"] is not threading.main_thread()
    assert seen["done"] is threading.main_thread()
    assert seen["count"] == 0


def test_a_domain_error_is_shown_in_french(qtbot, tasks):
    owner = QWidget()
    qtbot.addWidget(owner)

    def job(ctx):
        return clients.get_client(ctx, 4242)

    tasks.run_in_db(job, lambda _r: None, owner=owner)
    box = wait_for(qtbot, QMessageBox, "errorBox")
    assert box.text() == "Le client n° 4242 n'existe pas (ou plus)."
    box.close()


def test_an_unexpected_error_is_logged_and_kept_vague(qtbot, tasks, caplog):
    def job(ctx):
        return 1 / 0

    with caplog.at_level(logging.ERROR, logger="extradesk.ui"):
        tasks.run_in_db(job)
        box = wait_for(qtbot, QMessageBox, "errorBox")
    assert box.text().startswith("Une erreur inattendue s'est produite")
    assert "Traceback" not in box.text() and "division" not in box.text()
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text
    box.close()


def test_on_error_receives_the_exception(qtbot, tasks, idle):
    caught = []
    tasks.run_in_db(lambda ctx: clients.get_client(ctx, 7), on_error=caught.append)
    idle()
    assert isinstance(caught[0], NotFoundError)


def test_a_mutation_tells_every_page_what_changed(qtbot, tasks):
    from extradesk.services.dto import ClientInput

    with qtbot.waitSignal(tasks.changed) as signal:
        tasks.mutate(lambda ctx: clients.create_client(ctx, ClientInput(last_name="Roux")))
    changes = signal.args[0]
    assert isinstance(changes, Changes) and len(changes.clients) == 1


def test_progress_reaches_the_gui_and_ends_at_the_total(qtbot, tasks, idle):
    steps = []

    def job(ctx, report):
        for done in range(0, 1001, 100):
            report(done, 1000)
        return "fini"

    results = []
    tasks.run_in_db(job, results.append, progress=lambda d, t: steps.append((d, t)))
    idle()
    assert results == ["fini"]
    assert steps[-1] == (1000, 1000)


def test_callbacks_of_a_destroyed_widget_are_dropped(qtbot, tasks, idle):
    owner = QWidget()
    called = []
    gate = threading.Event()

    def job(ctx):
        gate.wait(5)
        return 1

    tasks.run_in_db(job, called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    gate.set()
    idle()
    assert called == []


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_qt_calls_cannot_exhaust_the_singletons(qtbot):
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call, to True per emit."""
    import sys

    from PySide6.QtCore import QObject, Signal

    from extradesk.ui.qt import guard_singleton_refcounts

    class Chatty(QObject):
        said = Signal()

    chatty = Chatty()
    guard_singleton_refcounts()
    for _ in range(20_000):  # more than the ordinary reference count of True
        chatty.said.emit()
        chatty.setObjectName("chatty")
    assert sys.getrefcount(True) > 1000 and sys.getrefcount(None) > 1000
