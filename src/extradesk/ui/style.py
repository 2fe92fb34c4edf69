"""The application's look: one small stylesheet and the few shared widget helpers built on it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

# Imported before the first paint: importing PySide6.QtCore.Qt costs ~45 ms, so not here.

STYLESHEET = """
QLabel#pageTitle { font-size: 18pt; font-weight: 600; }
QLabel#sectionTitle { font-size: 12pt; font-weight: 600; }
QLabel#sectionSubtitle { font-weight: 600; padding-top: 6px; }
QLabel#errorText { color: #b3261e; }
QListWidget#preferenceSections { font-size: 10.5pt; }
QListWidget#preferenceSections { outline: none; }
QListWidget#preferenceSections::item { padding: 6px 8px; }
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


# The dark theme: the colours above that assume a light background, darkened (same selectors,
# later in the sheet, so these win).
DARK_STYLESHEET = """
QLabel#hint, QLabel#dbPath, QLabel#emptyText { color: #b0b0b0; }
QLabel#emptyTitle { color: #e0e0e0; }
QLabel.fieldError, QLabel#errorText { color: #ff8a80; }
QFrame#duplicatesPanel { background: #4a3f12; border-color: #a08400; }
QFrame#errorPanel { background: #4a1f22; border-color: #d13438; }
QListWidget#searchResults { background: #3c3c3c; border-color: #5a5a5a; }
QListWidget#searchResults::item { border-bottom: 1px solid #3a3a3a; }
QListWidget#searchResults::item:selected { background: #2f4f78; color: white; }
QToolButton#userButton, QToolButton#agendaUsers, QToolButton#agendaDisplay {
    background: #3a3a3a; border-color: #5a5a5a;
}
QToolButton#userButton:hover, QToolButton#agendaUsers:hover,
QToolButton#agendaDisplay:hover { background: #44505e; border-color: #8aa9d6; }
"""
THEMES = ("system", "light", "dark")
_STARTED: dict = {}  # the style and palette the application had before any theme


def _palette(dark: bool):
    from PySide6.QtGui import QColor, QPalette

    role = QPalette.ColorRole
    # Fields lighter than the window: a check box or an empty field must stand out.
    colours = ({role.Window: "#2b2b2b", role.WindowText: "#e6e6e6", role.Base: "#3c3c3c",
                role.AlternateBase: "#353535", role.Text: "#e6e6e6", role.Button: "#3a3a3a",
                role.ButtonText: "#e6e6e6", role.Highlight: "#2f6fbf",
                role.HighlightedText: "#ffffff", role.ToolTipBase: "#3a3a3a",
                role.ToolTipText: "#e6e6e6", role.PlaceholderText: "#8c8c8c",
                role.Link: "#8ab4f8", role.BrightText: "#ff6b6b", role.Mid: "#4a4a4a",
                role.Dark: "#1e1e1e", role.Light: "#505050", role.Midlight: "#454545",
                role.Shadow: "#000000"}
               if dark else
               {role.Window: "#f3f3f3", role.WindowText: "#1e1e1e", role.Base: "#ffffff",
                role.AlternateBase: "#f6f6f6", role.Text: "#1e1e1e", role.Button: "#f0f0f0",
                role.ButtonText: "#1e1e1e", role.Highlight: "#2f6fbf",
                role.HighlightedText: "#ffffff", role.ToolTipBase: "#ffffdc",
                role.ToolTipText: "#1e1e1e", role.PlaceholderText: "#8a8a8a",
                role.Link: "#1a5fb4", role.BrightText: "#b3261e"})
    palette = QPalette()
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    disabled = QColor("#7a7a7a" if dark else "#a0a0a0")
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, disabled)
    return palette


def apply_theme(theme: str) -> bool:
    """Light, dark or the system's look on the running application, every window at once
    (Qt re-polishes them). Returns whether anything changed."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    theme = theme if theme in THEMES else "system"
    if app is None or app.property("extradeskTheme") == theme or (
            app.property("extradeskTheme") is None and theme == "system"):
        return False
    if not _STARTED:
        # Under a style sheet app.style() is Qt's sheet style, nameless: app.py noted the
        # platform's style before setting the sheet.
        started = app.style().name() or app.property("extradeskBaseStyle") or "fusion"
        _STARTED.update(style=started.lower(), now=started.lower(), palette=app.palette())
    dark = theme == "dark"
    # Each of these re-polishes every widget: only what differs (light <-> dark keeps Fusion
    # and changes the sheet; on Linux the system's style is often Fusion already).
    style = _STARTED["style"] if theme == "system" else "fusion"
    if _STARTED["now"] != style:
        # Fusion draws with the palette everywhere; native styles ignore parts of it.
        app.setStyle(style)
        _STARTED["now"] = style
    app.setPalette(_STARTED["palette"] if theme == "system" else _palette(dark))
    sheet = STYLESHEET + (DARK_STYLESHEET if dark else "")
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    app.setProperty("extradeskTheme", theme)
    return True


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
