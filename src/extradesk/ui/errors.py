"""The one error presenter: domain errors in French, anything else logged and kept vague."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from extradesk.core.errors import ExtradeskError
from extradesk.i18n import messages

log = logging.getLogger("extradesk.ui")
_orphans: set[QMessageBox] = set()


def describe(error: BaseException) -> str:
    """The French a user reads about `error`; unexpected errors are logged with their traceback."""
    if isinstance(error, ExtradeskError):
        return messages.error_text(error)
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    from extradesk.i18n.os_errors import describe_unexpected

    said = describe_unexpected(error)  # a full disk, the shared server gone… in French
    if said is not None:
        return said[0].upper() + said[1:] + "."
    return messages.text("unexpected", detail=f"{type(error).__name__} (détail dans le journal)")


def show_error(parent: QWidget | None, error: BaseException, *, title: str = "extradesk") -> QMessageBox:
    """Show `error` in a window-modal box that does not block the caller (no nested loop)."""
    text = describe(error)
    parent = parent if parent is not None else QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if parent is None:  # nothing owns a parentless box: keep it alive until it is closed
        _orphans.add(box)
        box.finished.connect(lambda _r: _orphans.discard(box))
    box.open()
    return box
