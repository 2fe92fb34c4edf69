"""Create, edit or delete an appointment. The service validates: bad input shows its French
message in the dialog and nothing is saved. An appointment I may not modify opens read-only."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from extradesk.services.agenda.dto import AppointmentInput
from extradesk.ui import errors, prompts
from extradesk.ui.agenda.appointment_form import AppointmentForm, default_location
from extradesk.ui.agenda.calendar_text import at
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.ops import clients as clients_ops
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.sms.reminder_box import ReminderBox
from extradesk.ui.style import error_label, label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import form_layout


class AppointmentDialog(QDialog):
    saved = Signal(int)  # appointment id
    open_client = Signal(int)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None, *,
                 appointment_id: int | None = None, data: AppointmentInput | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentDialog")
        self.setWindowTitle("Rendez-vous" if appointment_id else "Nouveau rendez-vous")
        self.setMinimumWidth(520)
        self.tasks = tasks
        self.appointment_id = appointment_id
        self.data = data
        self.client = None  # ClientDetail
        self.form = AppointmentForm()
        self.read_only = label("", "hint", wrap=True)
        self.read_only.hide()
        self.error = error_label()
        self.error.setObjectName("appointmentError")
        buttons = QDialogButtonBox()
        self.delete_button = QPushButton("Supprimer…")
        self.delete_button.setObjectName("appointmentDelete")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        # After addButton, which shows it: a new appointment has nothing to delete.
        self.delete_button.setVisible(appointment_id is not None)
        self.delete_button.setEnabled(appointment_id is not None)
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("appointmentSave")
        self.save_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.sms = ReminderBox()
        form = form_layout()
        for text, widget in self.form.rows():
            form.addRow(text, widget)
        form.addRow("Rappel SMS", self.sms)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        f = self.form
        f.pick_client.clicked.connect(self.pick_client)
        f.clear_client.clicked.connect(lambda: self._set_client(None))
        f.open_client.clicked.connect(self._open_client)
        f.ouvrage.currentIndexChanged.connect(lambda _i: self._location_hint())
        for signal in (f.start.date.dateChanged, f.start.time.timeChanged, f.all_day.toggled):
            signal.connect(lambda *_a: self._start_changed())
        client_id = data.client_id if data else None
        agenda_ops.appointment_form(tasks, self, appointment_id=appointment_id,
                                    client_id=client_id, on_done=self._loaded)

    def _loaded(self, state: dict) -> None:
        appointment = state["appointment"]
        data = appointment.as_input() if appointment else self.data
        if data.start is None:  # planned from a client or a quote: tomorrow at 9:00
            data.start = at(state["today"] + timedelta(days=1), 9 * 60)
            data.end = data.start + timedelta(hours=2)
        if not data.user_ids and state["me"] is not None:
            data.user_ids = (state["me"],)
        if appointment is None and not (data.title or "").strip() and state["client"]:
            data.title = state["client"].name  # planned from a client: who, at a glance
        self.data = data
        self.form.fill_users(state["users"], set(data.user_ids))
        self.form.type.addItem("", None)
        for item in state["types"]:
            self.form.type.addItem(item.label, item.id)
        self.form.type.setCurrentIndex(max(0, self.form.type.findData(data.type_id)))
        self.form.set_values(data)
        self._set_client(state["client"], ouvrage_id=data.ouvrage_id)
        sms_ops.reminder_form(self.tasks, self, appointment_id=self.appointment_id,
                              on_done=self._reminder_loaded)
        if appointment is not None and not appointment.can_modify:
            self.read_only.setText("Lecture seule : vous n'avez pas le droit de modifier "
                                   "l'agenda de toutes les personnes concernées.")
            self.read_only.show()
            for _text, widget in self.form.rows():
                widget.setEnabled(False)
            self.form.client_row.setEnabled(True)
            for button in (self.form.pick_client, self.form.clear_client):
                button.setEnabled(False)
            self.delete_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        self.form.title.setFocus()

    # -- client and ouvrage ------------------------------------------------------------------

    def _reminder_loaded(self, state: dict) -> None:
        self.sms.load(state, start=self.form.start.value(),
                      all_day=self.form.all_day.isChecked())
        self._client_mobile()
        if not self.read_only.isHidden():
            self.sms.setEnabled(False)

    def _start_changed(self) -> None:
        self.sms.set_start(self.form.start.value(), all_day=self.form.all_day.isChecked())

    def _client_mobile(self) -> None:
        if self.client is None:
            self.sms.set_mobile(None)
            return
        sms_ops.client_mobile(self.tasks, self, client_id=self.client.id,
                              on_done=self.sms.set_mobile)

    def pick_client(self) -> None:
        from extradesk.ui.dialogs.client_picker import ClientPicker

        picker = ClientPicker(self.tasks, self, title="Client du rendez-vous")
        picker.chosen.connect(self._client_chosen)
        picker.finished.connect(picker.deleteLater)
        self.picker = picker
        picker.open()

    def _client_chosen(self, client_id: int, _name: str) -> None:
        clients_ops.get(self.tasks, self, client_id=client_id, on_done=self._set_client)

    def _set_client(self, client, *, ouvrage_id: int | None = None) -> None:
        self.client = client
        f = self.form
        f.client_label.setText(client.name if client else "Aucun client")
        f.open_client.setEnabled(client is not None)
        f.clear_client.setEnabled(client is not None)
        f.ouvrage.blockSignals(True)
        f.ouvrage.clear()
        f.ouvrage.addItem("", None)
        for ouvrage in client.ouvrages if client else ():
            f.ouvrage.addItem(ouvrage.name or ouvrage.type_label or "Ouvrage", ouvrage.id)
        f.ouvrage.setCurrentIndex(max(0, f.ouvrage.findData(ouvrage_id)))
        f.ouvrage.blockSignals(False)
        f.ouvrage.setEnabled(client is not None and bool(client.ouvrages))
        self._location_hint()
        if self.sms.loaded:
            self._client_mobile()

    def _location_hint(self) -> None:
        ouvrage_id = self.form.ouvrage.currentData()
        ouvrage = next((o for o in self.client.ouvrages if o.id == ouvrage_id), None) \
            if self.client else None
        where = default_location(self.client, ouvrage)
        self.form.location.setPlaceholderText(
            f"Par défaut : {where}" if where else "Adresse du rendez-vous")

    def _open_client(self) -> None:
        if self.client is not None:
            self.open_client.emit(self.client.id)
            self.reject()

    # -- saving ------------------------------------------------------------------------------

    def input(self) -> AppointmentInput:
        return self.form.read(client_id=self.client.id if self.client else None,
                              type_id=self.form.type.currentData(),
                              ouvrage_id=self.form.ouvrage.currentData())

    def save(self) -> None:
        data = self.input()
        self.save_button.setEnabled(False)
        self.error.hide()
        sms_ops.save_appointment(self.tasks, self, appointment_id=self.appointment_id,
                                 data=data, reminder=self.sms.value(), on_done=self._saved,
                                 on_error=self._refused)

    def _saved(self, result) -> None:
        self.saved.emit(result[0])
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.error.setText(errors.describe(error))
        self.error.show()
        self.save_button.setEnabled(True)

    def confirm_delete(self) -> None:
        self.box = prompts.confirm(self, "Supprimer le rendez-vous",
                                   "Supprimer ce rendez-vous ? Il disparaîtra aussi des "
                                   "téléphones à la prochaine synchronisation.",
                                   self.delete, yes_text="Supprimer")

    def delete(self) -> None:
        agenda_ops.delete_appointment(self.tasks, self, appointment_id=self.appointment_id,
                                      on_done=lambda _c: self.accept(), on_error=self._refused)


def open_new(tasks: Tasks, parent: QWidget, *, start: datetime, user_ids, client_id=None,
             ouvrage_id=None, title=None, hours: int = 1) -> AppointmentDialog:
    data = AppointmentInput(title=title, start=start, end=start + timedelta(hours=hours),
                            user_ids=tuple(u for u in user_ids if u is not None),
                            client_id=client_id, ouvrage_id=ouvrage_id)
    return _show(AppointmentDialog(tasks, parent, data=data))


def plan(tasks: Tasks, parent: QWidget, *, client_id: int, ouvrage_id: int | None = None,
         title: str | None = None) -> AppointmentDialog:
    """From a client record or an accepted quote: the form prefilled, for me, tomorrow 9:00."""
    data = AppointmentInput(title=title, start=None, end=None, client_id=client_id,
                            ouvrage_id=ouvrage_id)
    return _show(AppointmentDialog(tasks, parent, data=data))


def open_existing(tasks: Tasks, parent: QWidget, appointment_id: int) -> AppointmentDialog:
    return _show(AppointmentDialog(tasks, parent, appointment_id=appointment_id))


def _show(dialog: AppointmentDialog) -> AppointmentDialog:
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
