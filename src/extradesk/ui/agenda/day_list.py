"""« Rendez-vous du jour »: the chosen day's appointments as a list beside the grid."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QVBoxLayout, QWidget

from extradesk.i18n.agenda import STATUS_LABELS
from extradesk.services.agenda.dto import AgendaEntry
from extradesk.ui.agenda.calendar_text import at, day_header, local, long_day, span
from extradesk.ui.style import label


class DayList(QWidget):
    open_requested = Signal(int)  # appointment id
    client_requested = Signal(int)  # client id: jump to the client's record

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaDayList")
        self.title = label("Rendez-vous du jour", "sectionTitle")
        self.list = QListWidget()
        self.list.setObjectName("agendaDayItems")
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemDoubleClicked.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole).appointment_id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)

    def show_day(self, day: date, entries: list[AgendaEntry], names: dict[int, str]) -> None:
        self.title.setText(f"Rendez-vous du {day_header(day)}")
        self.title.setToolTip(long_day(day))
        self.list.clear()
        mine = {}
        for entry in entries:  # an appointment of several users is listed once, names joined
            start, end = local(entry.start), local(entry.end)
            if start.date() <= day and end > at(day, 0):
                mine.setdefault(entry.appointment_id, []).append(entry)
        if not mine:
            self.list.addItem(QListWidgetItem("Aucun rendez-vous."))
            return
        for group in mine.values():
            entry = group[0]
            who = ", ".join(names.get(e.user_id, "") for e in group)
            text = f"{span(local(entry.start), local(entry.end), entry.all_day)}  {entry.title}"
            detail = " · ".join(x for x in (who, entry.location,
                                            STATUS_LABELS.get(entry.status, "")) if x)
            item = QListWidgetItem(f"{text}\n{detail}")
            item.setData(Qt.ItemDataRole.UserRole, entry)
            if entry.status == "cancelled":
                item.setForeground(QColor("#888888"))
            self.list.addItem(item)

    def _menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        entry = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if entry is None:
            return
        menu = QMenu(self)
        menu.addAction("Ouvrir le rendez-vous…",
                       lambda: self.open_requested.emit(entry.appointment_id))
        if entry.client_id is not None:
            menu.addAction("Ouvrir la fiche client",
                           lambda: self.client_requested.emit(entry.client_id))
        menu.popup(self.list.viewport().mapToGlobal(pos))
