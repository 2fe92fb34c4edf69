"""Appointment reminders queued by the application while it is open: the same idempotent
service as `extradesk reminders` (services.sms.reminders.queue_due), on the database worker,
at start, every few minutes, and shortly after an appointment changed (a drag in the agenda
moves a reminder too). What it queues reaches the outbox sender through Changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from extradesk.ui import errors
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.tasks import Tasks

EVERY_MS = 5 * 60 * 1000  # a reminder leaves at most five minutes after its time
AFTER_CHANGE_MS = 2000  # several edits in a row make one run


class ReminderRunner(QObject):
    queued = Signal(list)  # [QueuedReminder] of one run (empty runs too)
    failed = Signal(str)  # French

    def __init__(self, tasks: Tasks, parent: QObject | None = None, *,
                 every_ms: int = EVERY_MS) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False
        self._again = False  # asked while running: one more run after it
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.run)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(AFTER_CHANGE_MS)
        self.soon.timeout.connect(self.run)

    def start(self) -> None:
        self.timer.start()
        self.run()

    def run(self) -> bool:
        if self.tasks.ctx is None:
            return False
        if self.running:
            self._again = True  # an appointment changed during this run: look again after
            return False
        self.running = True
        sms_ops.queue_reminders(self.tasks, self, on_done=self._done, on_error=self._failed)
        return True

    def on_changes(self, changes) -> None:
        if (changes.appointments or changes.everything) and self.timer.isActive():
            self.soon.start()

    def _done(self, result) -> None:
        self.running = False
        self.queued.emit(list(result[0]))
        if self._again:
            self._again = False
            self.run()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(errors.describe(error))
