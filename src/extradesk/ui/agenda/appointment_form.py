"""The appointment form's widgets and the conversions between them and AppointmentInput.

The dialog (appointment_dialog.py) loads, saves and deletes; this module only builds and reads.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from extradesk.i18n.agenda import STATUS_LABELS
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.ui.agenda.calendar_text import PARIS, local
from extradesk.ui.style import label

REMINDERS = (("Aucun rappel", None), ("15 minutes avant", 15), ("30 minutes avant", 30),
             ("1 heure avant", 60), ("2 heures avant", 120), ("La veille (1 jour)", 1440))


def _address(line1, postal, city) -> str | None:
    place = " ".join(p for p in (postal, city) if p)
    return ", ".join(p for p in (line1, place) if p) or None


def default_location(client, ouvrage) -> str | None:
    """What the service puts in a blank location: the ouvrage's, else the client's address."""
    if ouvrage is not None and _address(ouvrage.line1, ouvrage.postal_code, ouvrage.city):
        return _address(ouvrage.line1, ouvrage.postal_code, ouvrage.city)
    if client is None:
        return None
    d = client.data
    if not d.site_same_as_billing and (d.site_line1 or d.site_city):
        return _address(d.site_line1, d.site_postal_code, d.site_city)
    return _address(d.billing_line1, d.billing_postal_code, d.billing_city)


class When(QWidget):
    """A French date edit (28/11/2026) and a time edit (14:05) side by side."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.date = QDateEdit()
        self.date.setObjectName(f"{name}Date")
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.time = QTimeEdit()
        self.time.setObjectName(f"{name}Time")
        self.time.setDisplayFormat("HH:mm")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.time)
        row.addStretch()

    def set(self, moment: datetime) -> None:
        moment = local(moment)
        self.date.setDate(QDate(moment.year, moment.month, moment.day))
        self.time.setTime(QTime(moment.hour, moment.minute))

    def value(self) -> datetime:
        day: date = self.date.date().toPython()
        t = self.time.time()
        return datetime(day.year, day.month, day.day, t.hour(), t.minute(), tzinfo=PARIS)


class AppointmentForm:
    def __init__(self) -> None:
        self.title = QLineEdit()
        self.title.setObjectName("appointmentTitle")
        self.title.setPlaceholderText("Ex. : Pose du liner")
        self.start, self.end = When("start"), When("end")
        self.all_day = QCheckBox("Toute la journée")
        self.all_day.setObjectName("appointmentAllDay")
        self.all_day.toggled.connect(lambda on: (self.start.time.setVisible(not on),
                                                 self.end.time.setVisible(not on)))
        self.users = QListWidget()
        self.users.setObjectName("appointmentUsers")
        self.users.setMaximumHeight(96)
        self.client_label = label("Aucun client", "hint", wrap=True)
        self.client_label.setObjectName("appointmentClient")
        self.pick_client = QPushButton("Choisir…")
        self.pick_client.setObjectName("appointmentPickClient")
        self.clear_client = QPushButton("×")
        self.clear_client.setToolTip("Retirer le client")
        self.clear_client.setFixedWidth(28)
        self.open_client = QPushButton("Fiche")
        self.open_client.setToolTip("Ouvrir la fiche du client")
        self.open_client.setObjectName("appointmentOpenClient")
        self.client_row = QWidget()
        row = QHBoxLayout(self.client_row)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.client_label, self.pick_client, self.clear_client, self.open_client):
            row.addWidget(widget)
        row.setStretch(0, 1)
        self.ouvrage = QComboBox()
        self.ouvrage.setObjectName("appointmentOuvrage")
        self.location = QLineEdit()
        self.location.setObjectName("appointmentLocation")
        self.type = QComboBox()
        self.type.setObjectName("appointmentType")
        self.status = QComboBox()
        self.status.setObjectName("appointmentStatus")
        for key, text in STATUS_LABELS.items():
            self.status.addItem(text, key)
        self.reminder = QComboBox()
        self.reminder.setObjectName("appointmentReminder")
        for text, minutes in REMINDERS:
            self.reminder.addItem(text, minutes)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("appointmentNotes")
        self.notes.setMaximumHeight(80)

    def rows(self) -> list[tuple[str, QWidget]]:
        return [("Titre", self.title), ("Début", self.start), ("Fin", self.end),
                ("", self.all_day), ("Utilisateurs concernés", self.users),
                ("Client", self.client_row), ("Ouvrage", self.ouvrage),
                ("Lieu", self.location), ("Type", self.type), ("Statut", self.status),
                ("Rappel", self.reminder), ("Notes", self.notes)]

    def fill_users(self, users, chosen) -> None:
        """Every agenda I may see; one I may not modify can't be ticked (unless it already is)."""
        self.users.clear()
        for user_id, name, _color, may_modify in users:
            item = QListWidgetItem(name if may_modify else f"{name} (lecture seule)")
            item.setData(Qt.ItemDataRole.UserRole, user_id)
            item.setCheckState(Qt.CheckState.Checked if user_id in chosen
                               else Qt.CheckState.Unchecked)
            if not may_modify and user_id not in chosen:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.users.addItem(item)

    def chosen_users(self) -> tuple[int, ...]:
        return tuple(self.users.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.users.count())
                     if self.users.item(i).checkState() == Qt.CheckState.Checked)

    def set_values(self, data: AppointmentInput) -> None:
        self.title.setText(data.title or "")
        self.start.set(data.start)
        end = data.end
        if data.all_day:  # the form shows the last day, the service keeps an exclusive end
            end = end - timedelta(days=1)
        self.end.set(end)
        self.all_day.setChecked(data.all_day)
        self.location.setText(data.location or "")
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.reminder.setCurrentIndex(max(0, self.reminder.findData(data.reminder_minutes)))
        self.notes.setPlainText(data.notes or "")

    def read(self, *, client_id, type_id, ouvrage_id) -> AppointmentInput:
        start, end = self.start.value(), self.end.value()
        if self.all_day.isChecked():
            end = end + timedelta(days=1)
        return AppointmentInput(
            title=self.title.text(), start=start, end=end, user_ids=self.chosen_users(),
            all_day=self.all_day.isChecked(), client_id=client_id, ouvrage_id=ouvrage_id,
            location=self.location.text().strip() or None, type_id=type_id,
            notes=self.notes.toPlainText().strip() or None, status=self.status.currentData(),
            reminder_minutes=self.reminder.currentData())
