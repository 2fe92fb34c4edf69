"""UI fixtures: a database worker over the test Context, a main window, helpers to find dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from extradesk.services import clients
from extradesk.services.dto import ClientInput
from extradesk.ui.main_window import MainWindow
from extradesk.ui.qt import guard_singleton_refcounts
from extradesk.ui.style import STYLESHEET
from extradesk.ui.tasks import Tasks

guard_singleton_refcounts()  # PySide6 6.12 + Python 3.11: see extradesk/ui/qt.py


@pytest.fixture
def tasks(qapp, ctx):
    qapp.setStyleSheet(STYLESHEET)
    worker = Tasks(ctx)
    yield worker
    worker.shutdown(dispose=False)  # the ctx fixture closes the database


@pytest.fixture
def idle(qtbot, tasks):
    """Call to wait until the worker has run every queued job and its callback."""
    return lambda: qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


@pytest.fixture
def window(qtbot, tasks):
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.show()
    main.start_session()
    qtbot.waitUntil(lambda: main.ready and main.clients_page.model.loaded, timeout=15_000)
    return main


def add_client(ctx, **values) -> int:
    client_id, _changes = clients.create_client(ctx, ClientInput(**values))
    return client_id


def visible(cls: type[QWidget], name: str | None = None) -> list[QWidget]:
    """Visible windows (dialogs, message boxes) of a type, optionally by object name."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, cls) and w.isVisible() and (name is None or w.objectName() == name)]


def wait_for(qtbot, cls: type[QWidget], name: str | None = None) -> QWidget:
    found: list[QWidget] = []
    qtbot.waitUntil(lambda: bool(found.extend(visible(cls, name)) or found))
    return found[0]


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a person, accents included (QTest.keyClicks only knows ASCII keys)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
