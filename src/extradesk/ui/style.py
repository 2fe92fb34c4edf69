"""The application's look: one small stylesheet and the few shared widget helpers built on it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

# Imported before the first paint: importing PySide6.QtCore.Qt costs ~45 ms, so not here.

STYLESHEET = """
QLabel#pageTitle { font-size: 18pt; font-weight: 600; }
QLabel#sectionTitle { font-size: 12pt; font-weight: 600; }
QLabel#hint, QLabel#dbPath { color: #5e5e5e; }
QLabel#emptyTitle { font-size: 15pt; font-weight: 600; color: #3a3a3a; }
QLabel#emptyText { color: #5e5e5e; font-size: 11pt; }
QLabel.fieldError { color: #b3261e; }
QFrame#duplicatesPanel { background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; }
QFrame#errorPanel { background: #fde7e9; border: 1px solid #d13438; border-radius: 4px; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 1px solid #d13438; }
QPushButton[primary="true"] {
    background: #2f6fbf; color: white; font-weight: 600; padding: 5px 14px;
    border: 1px solid #255a9c; border-radius: 4px;
}
QPushButton[primary="true"]:hover { background: #2a63ab; }
QPushButton[primary="true"]:disabled { background: #9db6d6; }
QLineEdit#searchEdit { padding: 5px 8px; font-size: 11pt; }
QListWidget#searchResults {
    border: 1px solid #8a8a8a; background: white; font-size: 10.5pt; outline: none;
}
QListWidget#searchResults::item { padding: 5px 8px; border-bottom: 1px solid #ececec; }
QListWidget#searchResults::item:selected { background: #dbe7f6; color: black; }
QToolButton#userButton, QToolButton#agendaUsers, QToolButton#agendaDisplay {
    padding: 4px 22px 4px 8px; border: 1px solid #b4b4b4; border-radius: 3px;
    background: #fbfbfb;
}
QToolButton#userButton:hover, QToolButton#agendaUsers:hover,
QToolButton#agendaDisplay:hover { background: #eef3fa; border-color: #8aa9d6; }
QToolButton#userButton::menu-indicator, QToolButton#agendaUsers::menu-indicator,
QToolButton#agendaDisplay::menu-indicator {
    subcontrol-origin: padding; subcontrol-position: center right; right: 6px;
}
"""


def label(text: str, name: str | None = None, *, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def error_label() -> QLabel:
    widget = QLabel()
    widget.setProperty("class", "fieldError")
    widget.setWordWrap(True)
    widget.hide()
    return widget


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Red border through the `invalid` property; re-polish so the stylesheet sees the change."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def primary(button: QPushButton) -> QPushButton:
    """The one obvious action of a screen, drawn in the accent colour."""
    button.setProperty("primary", True)
    return button


def selectable(widget: QLabel) -> QLabel:
    from PySide6.QtCore import Qt

    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget
