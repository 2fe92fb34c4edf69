"""« Réglages SMS »: the default delay of appointment reminders (« délai des alertes SMS »),
the « déplacé » notice by default, after how many days a sent quote is to be followed up,
the price of one SMS (campaign estimates), and the sending window of commercial messages
(days, hours, public holidays; Paris time)."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.sending_window import Window
from extradesk.i18n import format as fmt
from extradesk.i18n.sms import DELAYS
from extradesk.ui.agenda.calendar_text import DAYS_SHORT
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.style import label, primary
from extradesk.ui.widgets.form import FormErrors, form_layout


def _time(minutes: int) -> QTime:
    return QTime(min(minutes, 23 * 60 + 59) // 60, min(minutes, 23 * 60 + 59) % 60)


class SmsSettingsDialog(QDialog):
    def __init__(self, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smsSettingsDialog")
        self.setWindowTitle("Réglages SMS")
        self.setMinimumWidth(620)
        self.tasks = tasks
        self.errors = FormErrors()
        self.delay = QComboBox()
        self.delay.setObjectName("delay")
        for key, text in DELAYS.items():
            self.delay.addItem(text, key)
        self.notify_moved = QCheckBox(
            "« Prévenir le client du déplacement » coché par défaut")
        self.followup_days = QSpinBox()
        self.followup_days.setObjectName("followup_days")
        self.followup_days.setRange(1, 90)
        self.followup_days.setSuffix(" jours")
        self.price = QLineEdit()
        self.price.setObjectName("price")
        self.price.setMaximumWidth(100)
        self.days = [QCheckBox(text) for text in DAYS_SHORT]
        days_row = QHBoxLayout()
        for box in self.days:
            days_row.addWidget(box)
        days_row.addStretch()
        self.start, self.end = QTimeEdit(), QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(label("de"))
        hours.addWidget(self.start)
        hours.addWidget(label("à"))
        hours.addWidget(self.end)
        hours.addStretch()
        self.holidays = QCheckBox("Pas les jours fériés")
        self.window_note = label("", "hint", wrap=True)
        self.window_box = QGroupBox("Plage d'envoi des SMS commerciaux")
        column = QVBoxLayout(self.window_box)
        column.addLayout(days_row)
        column.addLayout(hours)
        column.addWidget(self.holidays)
        form = form_layout()
        form.addRow("Rappel des rendez-vous", self.errors.field("delay", self.delay))
        form.addRow("", self.notify_moved)
        form.addRow("Relancer les devis après",
                    self.errors.field("followup_days", self.followup_days))
        form.addRow("Prix d'un SMS (€)", self.errors.field("price", self.price))
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("smsSettingsSave")
        self.save_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.field("window", self.window_box))
        layout.addWidget(self.window_note)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        sms_ops.settings_form(tasks, self, on_done=self._loaded)

    def _loaded(self, form) -> None:
        self.form = form
        self.delay.setCurrentIndex(max(self.delay.findData(form.delay), 0))
        self.notify_moved.setChecked(form.notify_moved)
        self.followup_days.setValue(form.followup_days)
        self.price.setText(fmt.decimal(form.price, 3))
        window = form.window or Window()
        for day, box in enumerate(self.days):
            box.setChecked(day in window.days)
        self.start.setTime(_time(window.start))
        self.end.setTime(_time(window.end))
        self.holidays.setChecked(window.skip_holidays)
        self.window_box.setEnabled(form.window is not None)
        self.window_note.setText(
            "Heure de Paris. Hors de la plage, un SMS commercial attend la prochaine heure "
            "permise ; rappels et relances n'y sont pas soumis." if form.window is not None
            else "Configurez d'abord la passerelle SMS : la plage d'envoi est gardée avec "
                 "elle.")
        self.save_button.setEnabled(True)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def sending_window(self) -> Window | None:
        if self.form.window is None:
            return None
        end = self.end.time()
        end_minutes = 24 * 60 if (end.hour(), end.minute()) == (23, 59) else \
            end.hour() * 60 + end.minute()
        return Window(frozenset(d for d, box in enumerate(self.days) if box.isChecked()),
                      self.start.time().hour() * 60 + self.start.time().minute(),
                      end_minutes, self.holidays.isChecked())

    def save(self) -> None:
        self.errors.clear()
        sms_ops.save_settings(
            self.tasks, self, delay=self.delay.currentData(),
            notify_moved=self.notify_moved.isChecked(),
            followup_days=self.followup_days.value(), price=self.price.text(),
            window=self.sending_window(), on_done=lambda _c: self.accept(),
            on_error=lambda error: self.errors.present(self, error))
