"""The appointment dialog's SMS reminder: on/off, the delay (default: the user's preference),
the planned sending time shown live as the start changes, and « prévenir le client du
déplacement » once a reminder went out and the appointment is being moved. The rules
(rescheduling, the new reminder) are the service's (services.sms.reminders)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from extradesk.i18n import format as fmt
from extradesk.i18n.sms import DELAYS
from extradesk.ui.agenda.calendar_text import DAYS, PARIS
from extradesk.ui.style import label

NBSP = "\u00a0"  # a phone number is not cut at the end of a line


def planned_text(planned: datetime | None, *, mobile: str | None, enabled: bool) -> str:
    if not enabled:
        return "Aucun rappel SMS pour ce rendez-vous."
    if mobile is None:
        return "Pas de numéro de portable pour ce client : aucun rappel SMS possible."
    if planned is None:
        return "Aucun rappel SMS (délai : aucun)."
    local = planned.astimezone(PARIS)
    return (f"SMS prévu le {DAYS[local.weekday()]} {fmt.day(local.date())} à "
            f"{local:%H:%M} au {fmt.phone(mobile).replace(' ', NBSP)}.")


class ReminderBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smsReminderBox")
        self.loaded = False
        self.mobile: str | None = None
        self.sent = False  # a reminder already left for the start the appointment had
        self.original_start: datetime | None = None
        self._start: datetime | None = None
        self._all_day = False
        self.enabled = QCheckBox("Rappel au client")
        self.enabled.setObjectName("smsReminderEnabled")
        self.delay = QComboBox()
        self.delay.setObjectName("smsReminderDelay")
        for key, text in DELAYS.items():
            self.delay.addItem(text, key)
        self.planned = label("", "hint", wrap=True)
        self.planned.setObjectName("smsReminderPlanned")
        self.notify_moved = QCheckBox("Prévenir le client du déplacement (SMS « rendez-vous "
                                      "déplacé »)")
        self.notify_moved.setObjectName("smsNotifyMoved")
        self.notify_moved.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.delay)
        row.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.planned)
        column.addWidget(self.notify_moved)
        self.enabled.toggled.connect(lambda _on: self.refresh())
        self.delay.currentIndexChanged.connect(lambda _i: self.refresh())
        self.setEnabled(False)

    def load(self, state: dict, *, start: datetime, all_day: bool) -> None:
        """`state` from ops.sms.reminder_form."""
        settings = state["settings"]
        if settings is None:  # a new appointment: on, at the user's default delay
            enabled, delay, moved = True, state["default_delay"], state["notify_moved"]
        else:
            enabled, delay, moved = settings.enabled, settings.delay, settings.notify_moved
            self.mobile = settings.mobile
        self.sent = state["sent"]
        self.original_start = start if settings is not None else None
        self.enabled.setChecked(enabled)
        self.delay.setCurrentIndex(max(self.delay.findData(delay), 0))
        self.notify_moved.setChecked(bool(moved))
        self.loaded = True
        self.setEnabled(True)
        self.set_start(start, all_day=all_day)

    def set_mobile(self, mobile: str | None) -> None:
        self.mobile = mobile
        self.refresh()

    def set_start(self, start: datetime, *, all_day: bool) -> None:
        self._start, self._all_day = start, all_day
        self.refresh()

    def planned_at(self) -> datetime | None:
        if not (self.loaded and self._start and self.enabled.isChecked() and self.mobile):
            return None
        from extradesk.services.sms.reminders import planned_time  # pure, SQLAlchemy loaded

        return planned_time(self._start, "Europe/Paris", self.delay.currentData(),
                            all_day=self._all_day)

    def refresh(self) -> None:
        if not self.loaded:
            return
        self.delay.setEnabled(self.enabled.isChecked())
        self.planned.setText(planned_text(self.planned_at(), mobile=self.mobile,
                                          enabled=self.enabled.isChecked()))
        moved = (self.sent and self.original_start is not None and self._start is not None
                 and self._start != self.original_start)
        self.notify_moved.setVisible(moved and self.mobile is not None)

    def value(self) -> tuple[bool, str, bool] | None:
        """(enabled, delay, notify when moved) for the service; None before it loaded."""
        if not self.loaded:
            return None
        return (self.enabled.isChecked(), self.delay.currentData(),
                self.notify_moved.isChecked())
