"""A centred message with optional buttons: empty lists and features that arrive later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from extradesk.ui.style import label, primary


class EmptyState(QWidget):
    def __init__(self, title: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label(title, "emptyTitle", wrap=True)
        self.text = label(text, "emptyText", wrap=True)
        for widget in (self.title, self.text):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            widget.setFixedWidth(600)  # a fixed width lets the wrapped text take its height
        self.text.setVisible(bool(text))
        self._buttons = QHBoxLayout()
        self._buttons.addStretch()
        self._buttons.addStretch()
        column = QVBoxLayout(self)
        column.addStretch(2)
        for widget in (self.title, self.text):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(12)
        column.addLayout(self._buttons)
        column.addStretch(3)

    def showEvent(self, event) -> None:
        # Wrapped labels under an alignment flag are sized from their one-line hint; give
        # them the height their text needs at their fixed width, once the style set the font.
        for widget in (self.title, self.text):
            widget.ensurePolished()
            widget.setFixedHeight(widget.heightForWidth(widget.width()))
        super().showEvent(event)

    def add_button(self, text: str, *, name: str, is_primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if is_primary:
            primary(button)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button
