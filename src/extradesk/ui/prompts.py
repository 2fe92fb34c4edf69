"""Questions to the user that do not block the caller: each opens a window-modal box and calls back.

No nested event loop (QMessageBox.exec) means results from the database worker keep arriving
while a question is on screen, and tests answer the box like a person would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

_Button = QMessageBox.StandardButton


def confirm(
    parent: QWidget, title: str, text: str, on_yes: Callable[[], None], *, yes_text: str = "Oui"
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("confirmBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(_Button.Yes | _Button.Cancel)
    box.button(_Button.Yes).setText(yes_text)
    box.button(_Button.Cancel).setText("Annuler")
    box.setDefaultButton(_Button.Cancel)
    box.finished.connect(lambda result: on_yes() if result == _Button.Yes else None)
    box.open()
    return box


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("informBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def ask_text(
    parent: QWidget, title: str, label: str, value: str, on_ok: Callable[[str], None]
) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setObjectName("askTextDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(value)
    dialog.setOkButtonText("Valider")
    dialog.setCancelButtonText("Annuler")
    dialog.textValueSelected.connect(on_ok)
    dialog.open()
    return dialog


def ask_int(
    parent: QWidget, title: str, label: str, *, value: int, minimum: int, maximum: int,
    on_ok: Callable[[int], None],
) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setObjectName("askIntDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setIntRange(minimum, maximum)
    dialog.setIntStep(500)
    dialog.setIntValue(value)
    dialog.setOkButtonText("Valider")
    dialog.setCancelButtonText("Annuler")
    dialog.intValueSelected.connect(on_ok)
    dialog.open()
    return dialog
