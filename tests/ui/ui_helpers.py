"""Helpers for the UI tests: add a client, find a visible dialog, type like a person.

Not in conftest.py: tests/documents has a conftest too, and `from conftest import …` picks
whichever was imported first when both folders run in one pytest call.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput


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


def open_section(qtbot, dialog, key: str) -> None:
    """Click the section `key` ("search", "mail"…) in the list on the left of the
    preferences dialog, as a person would."""
    from PySide6.QtCore import Qt

    from extradesk.ui.dialogs.preferences_dialog import SECTIONS

    row = [k for k, _ in SECTIONS].index(key)
    rect = dialog.sections.visualItemRect(dialog.sections.item(row))
    qtbot.mouseClick(dialog.sections.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.pages.currentIndex() == row
