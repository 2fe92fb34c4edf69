"""One editor per kind of preference (services/preferences.KINDS): the widget a person uses,
built from the option's description, and the value it holds now."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.style import label

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;Tous les fichiers (*)"
RADIO_MAX = 3  # more choices than this: a drop-down list
THUMB = 26  # pixels: the preview of a chosen image


class Editor(ABC):
    """`widget` goes in the form; `label_in_row`: whether the form writes the label beside it."""

    label_in_row = True

    def __init__(self, view, unset: str = "", hints: dict | None = None) -> None:
        self.view = view
        self.hints = hints or {}  # choice -> an example under its radio button
        self.widget = self.build(view, unset)
        self.widget.setObjectName(f"pref_{view.key}")
        self.set(view.value)

    @abstractmethod
    def build(self, view, unset: str) -> QWidget:
        ...

    @abstractmethod
    def set(self, value: Any) -> None:
        ...

    @abstractmethod
    def value(self) -> Any:
        ...


class BoolEditor(Editor):
    label_in_row = False

    def build(self, view, unset):
        self.box = QCheckBox(view.label)
        return self.box

    def set(self, value):
        self.box.setChecked(bool(value))

    def value(self):
        return self.box.isChecked()


class ChoiceEditor(Editor):
    """A few choices as radio buttons (all seen at once), more in a drop-down list."""

    def build(self, view, unset):
        self.buttons: dict[Any, QRadioButton] = {}
        if len(view.choices) > RADIO_MAX:
            self.combo = QComboBox()
            for choice, text in view.choices:
                self.combo.addItem(text, choice)
            return self.combo
        self.combo = None
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(holder)
        for choice, text in view.choices:
            button = QRadioButton(text)
            button.setObjectName(f"pref_{view.key}_{choice}")
            self.group.addButton(button)
            self.buttons[choice] = button
            column.addWidget(button)
            if choice in self.hints:
                hint = label(self.hints[choice], "hint")
                hint.setContentsMargins(22, 0, 0, 4)
                column.addWidget(hint)
        return holder

    def set(self, value):
        if self.combo is not None:
            self.combo.setCurrentIndex(max(self.combo.findData(value), 0))
        elif value in self.buttons:
            self.buttons[value].setChecked(True)

    def value(self):
        if self.combo is not None:
            return self.combo.currentData()
        return next((c for c, b in self.buttons.items() if b.isChecked()), self.view.value)


class IntEditor(Editor):
    def build(self, view, unset):
        self.spin = QSpinBox()
        values = [c for c, _ in view.choices] or [0, 9999]
        self.spin.setRange(min(values), max(values))
        return self.spin

    def set(self, value):
        self.spin.setValue(int(value))

    def value(self):
        return self.spin.value()


class ReferenceEditor(Editor):
    def build(self, view, unset):
        self.combo = QComboBox()
        self.combo.addItem(f"({unset})", None)
        for item_id, text in view.choices:
            self.combo.addItem(text, item_id)
        return self.combo

    def set(self, value):
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def value(self):
        return self.combo.currentData()


class TimeEditor(Editor):
    def build(self, view, unset):
        self.edit = QTimeEdit()
        self.edit.setDisplayFormat("HH:mm")
        return self.edit

    def set(self, value):
        hours, _, minutes = str(value).partition(":")
        self.edit.setTime(QTime(int(hours or 0), int(minutes or 0)))

    def value(self):
        return self.edit.time().toString("HH:mm")


class TextEditor(Editor):
    def build(self, view, unset):
        self.edit = QLineEdit()
        return self.edit

    def set(self, value):
        self.edit.setText("" if value is None else str(value))

    def value(self):
        return self.edit.text().strip()


class DecimalEditor(TextEditor):
    """Shown and typed the French way (0,045); stored with a point, as Decimal reads it."""

    def set(self, value):
        self.edit.setText(str(value or "").replace(".", ","))

    def value(self):
        return self.edit.text().strip().replace(" ", "").replace(",", ".")


class ListEditor(Editor):
    """Ticked items are the value; for an ordered list (dashboard tiles) « Monter » and
    « Descendre » set their order."""

    def build(self, view, unset):
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName(f"prefList_{view.key}")
        self.labels = dict(view.choices)
        row.addWidget(self.list, 1)
        self.ordered = isinstance(view.default, tuple) and bool(view.default)
        if self.ordered:
            buttons = QVBoxLayout()
            for text, step in (("Monter", -1), ("Descendre", 1)):
                button = QPushButton(text)
                button.setObjectName(f"prefMove{step:+d}")
                button.clicked.connect(lambda _c=False, s=step: self.move(s))
                buttons.addWidget(button)
            buttons.addStretch()
            row.addLayout(buttons)
        return holder

    def set(self, value):
        self.list.clear()
        chosen = list(value)
        # Chosen ones first in their order, then the others in their declared order.
        for choice in chosen + [c for c in self.labels if c not in chosen]:
            item = QListWidgetItem(self.labels.get(choice, choice))
            item.setData(Qt.ItemDataRole.UserRole, choice)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        # As tall as its items, no taller: the rows below stay in view.
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * self.list.count()
                                 + 2 * self.list.frameWidth() + 4)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentRow(row + step)

    def value(self):
        items = [self.list.item(i) for i in range(self.list.count())]
        chosen = [i.data(Qt.ItemDataRole.UserRole) for i in items
                  if i.checkState() == Qt.CheckState.Checked]
        return tuple(chosen) if self.ordered else tuple(c for c in self.labels if c in chosen)


class ImageEditor(Editor):
    """A path typed or chosen with « Choisir… », with a small preview; the service checks
    that the file is an image when the dialog is saved."""

    def build(self, view, unset):
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setFixedSize(THUMB, THUMB)
        self.preview.setObjectName("imagePreview")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("aucune image")
        self.edit.textChanged.connect(self._show)
        choose = QPushButton("Choisir…")
        choose.clicked.connect(self.choose)
        clear = QPushButton("Retirer")
        clear.clicked.connect(self.edit.clear)
        for widget in (self.preview, self.edit, choose, clear):
            row.addWidget(widget)
        row.setStretch(1, 1)
        self.file_dialog: QFileDialog | None = None
        return holder

    def choose(self) -> None:
        self.file_dialog = QFileDialog(self.widget, "Choisir une image", self.edit.text(),
                                       IMAGE_FILTER)
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog.fileSelected.connect(self.edit.setText)
        self.file_dialog.open()

    def _show(self, path: str) -> None:
        pixmap = QPixmap(path) if path else QPixmap()
        self.preview.setPixmap(pixmap.scaled(THUMB, THUMB, aspectMode=Qt.AspectRatioMode.KeepAspectRatio) if not
                               pixmap.isNull() else QPixmap())

    def set(self, value):
        self.edit.setText(value or "")

    def value(self):
        return self.edit.text().strip()


class ImagesEditor(Editor):
    """One image per home button; a button left empty keeps its default look."""

    label_in_row = False

    def build(self, view, unset):
        holder = QWidget()
        form = QFormLayout(holder)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(label(view.label, "sectionSubtitle"))
        self.parts: dict[str, ImageEditor] = {}
        for button_id, text in view.choices:
            part = ImageEditor(_Part(f"{view.key}.{button_id}", text, ""))
            self.parts[button_id] = part
            form.addRow(text, part.widget)
        return holder

    def set(self, value):
        for button_id, part in self.parts.items():
            part.set((value or {}).get(button_id, ""))

    def value(self):
        return {k: p.value() for k, p in self.parts.items() if p.value()}


class _Part:
    """The little a sub-editor needs of an option's description."""

    def __init__(self, key: str, label_text: str, value: Any) -> None:
        self.key, self.label, self.value, self.choices = key, label_text, value, ()


EDITORS = {"bool": BoolEditor, "choice": ChoiceEditor, "int": IntEditor,
           "reference": ReferenceEditor, "time": TimeEditor, "list": ListEditor,
           "image": ImageEditor, "images": ImagesEditor, "decimal": DecimalEditor,
           "text": TextEditor}


def editor_for(view, unset: str = "", hints: dict | None = None) -> Editor:
    return EDITORS.get(view.kind, TextEditor)(view, unset, hints)
