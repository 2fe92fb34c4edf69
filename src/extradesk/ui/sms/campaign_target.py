"""The target of an SMS campaign: client statuses, contact origins, ouvrage types (none
ticked: all), a postal code or city prefix, an ouvrage installed before a date, no document
since a date. Emits `changed` on every edit; the dialog counts the recipients."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from extradesk.ui.widgets.form import form_layout


def _list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setMaximumHeight(92)
    return widget


class _DateFilter(QWidget):
    """A tick and a French date: off, no condition."""

    changed = Signal()

    def __init__(self, name: str, text: str) -> None:
        super().__init__()
        self.check = QCheckBox(text)
        self.check.setObjectName(f"{name}Check")
        self.date = QDateEdit()
        self.date.setObjectName(f"{name}Date")
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.date)
        row.addStretch()
        self.check.toggled.connect(self.date.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.date.dateChanged.connect(lambda _d: self.changed.emit())

    def set(self, day: date) -> None:
        self.date.blockSignals(True)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.blockSignals(False)

    def value(self) -> date | None:
        return self.date.date().toPython() if self.check.isChecked() else None


class TargetForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statuses = _list("targetStatuses")
        self.origins = _list("targetOrigins")
        self.ouvrage_types = _list("targetOuvrageTypes")
        self.place = QLineEdit()
        self.place.setObjectName("targetPlace")
        self.place.setPlaceholderText("ex. 69 ou 690 (code postal), Lyon (ville)")
        self.installed_before = _DateFilter("installedBefore", "Ouvrage installé avant le")
        self.no_document_since = _DateFilter("noDocumentSince", "Aucune pièce depuis le")
        form: QFormLayout = form_layout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Statuts", self.statuses)
        form.addRow("Origines", self.origins)
        form.addRow("Types d'ouvrage", self.ouvrage_types)
        form.addRow("Code postal ou ville", self.place)
        form.addRow("", self.installed_before)
        form.addRow("", self.no_document_since)
        for widget in (self.statuses, self.origins, self.ouvrage_types):
            widget.itemChanged.connect(lambda _item: self.changed.emit())
        self.place.textChanged.connect(lambda _t: self.changed.emit())
        self.installed_before.changed.connect(self.changed.emit)
        self.no_document_since.changed.connect(self.changed.emit)

    def fill(self, state: dict) -> None:
        """Reference items from ops.sms.campaign_form; none ticked means all. The dates
        start 5 years (installed) and 2 years (no document) before today."""
        today = state["today"]
        self.installed_before.set(today.replace(year=today.year - 5, day=min(today.day, 28)))
        self.no_document_since.set(today.replace(year=today.year - 2, day=min(today.day, 28)))
        for widget, key in ((self.statuses, "status"), (self.origins, "origin"),
                            (self.ouvrage_types, "ouvrage_type")):
            widget.blockSignals(True)
            for item in state[key]:
                entry = QListWidgetItem(item.label)
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                entry.setCheckState(Qt.CheckState.Unchecked)
                widget.addItem(entry)
            widget.blockSignals(False)

    def tick(self, widget: QListWidget, label: str, on: bool = True) -> None:
        for i in range(widget.count()):
            if widget.item(i).text() == label:
                widget.item(i).setCheckState(Qt.CheckState.Checked if on
                                             else Qt.CheckState.Unchecked)

    @staticmethod
    def _ticked(widget: QListWidget) -> tuple[int, ...]:
        return tuple(widget.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(widget.count())
                     if widget.item(i).checkState() == Qt.CheckState.Checked)

    def target(self):
        from extradesk.services.sms.campaigns import Target

        return Target(status_ids=self._ticked(self.statuses),
                      origin_ids=self._ticked(self.origins),
                      ouvrage_type_ids=self._ticked(self.ouvrage_types),
                      place_prefix=self.place.text().strip(),
                      installed_before=self.installed_before.value(),
                      no_document_since=self.no_document_since.value())
