"""The outbox sender in the application: drains due mails in small batches, each in three
steps: claim (database worker) → deliver (network pool) → record (database worker). The
window never waits on the server; a batch is small so a crash between the server's
acceptance and the record resends few mails (under their Message-ID, see outbox.sender).

It runs at start once the session is ready, after each change to the outbox (a mail
queued, retried), and on a timer while mails are waiting (a server down, a backoff). The
mails go first, then the SMS through the company's gateway (services.outbox.sms_steps), in
the same three steps; a mail server down does not hold the SMS back."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from extradesk.i18n import format as fmt
from extradesk.ui import errors
from extradesk.ui.ops import outbox as outbox_ops
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.tasks import Tasks

BATCH = 10  # messages per round trip: progress shows often, a crash resends few
RETRY_EVERY_MS = 2 * 60 * 1000


def waiting_text(count: int) -> str:
    return fmt.count(count, "message en attente", "messages en attente") if count else ""


class OutboxRunner(QObject):
    started = Signal()
    progress = Signal(int, int)  # (done, expected) over this drain
    finished = Signal(object)  # the drain's totals: {"sent", "failed", "deferred"}
    waiting = Signal(int)  # pending items (due or waiting for their next attempt)
    failed = Signal(str)  # French

    def __init__(self, tasks: Tasks, parent: QObject | None = None, *,
                 every_ms: int = RETRY_EVERY_MS) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False
        self.count = 0  # the last count waiting
        self._again = False
        self._mine: set[int] = set()  # ids claimed by the running drain
        self._channel = "mail"  # then "sms"
        self._totals = {"sent": 0, "failed": 0, "deferred": 0}
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.start)

    def start(self) -> bool:
        """Drain what is due; False when a drain is running (it picks new mails up itself)."""
        if self.tasks.ctx is None:
            return False
        if self.running:
            self._again = True
            return False
        self.running = True
        self._again = False
        self._mine = set()
        self._channel = "mail"
        self._totals = {"sent": 0, "failed": 0, "deferred": 0}
        self.started.emit()
        self._claim()
        return True

    def on_changes(self, changes) -> None:
        """A mail queued, retried or cancelled elsewhere: send it, or at least recount."""
        if self.running and not changes.everything and changes.outbox <= self._mine:
            return  # this drain's own claims and records
        if changes.outbox or changes.everything:
            self.start()

    def _ops(self):
        return outbox_ops if self._channel == "mail" else sms_ops

    def _claim(self) -> None:
        self._ops().claim(self.tasks, self, limit=BATCH, on_done=self._claimed,
                          on_error=self._failed)

    def _next_channel(self) -> bool:
        """After the mails, the SMS; False when the SMS were the last."""
        if self._channel == "sms":
            return False
        self._channel = "sms"
        self._claim()
        return True

    def _done_so_far(self) -> int:
        return sum(self._totals.values())

    def _claimed(self, result) -> None:
        batch, waiting, ids, _changes = result
        self._mine |= ids
        if batch is None:
            if not self._next_channel():
                self._finish(waiting)
            return
        done = self._done_so_far()
        self.progress.emit(done, done + waiting)
        self._ops().deliver(self.tasks, self, batch=batch, on_done=self._delivered,
                            on_error=self._failed)

    def _delivered(self, outcomes) -> None:
        self._ops().record(self.tasks, self, outcomes=outcomes, on_done=self._recorded,
                           on_error=self._failed)

    def _recorded(self, result) -> None:
        report = result[0]
        self._totals["sent"] += report.sent
        self._totals["failed"] += report.failed
        self._totals["deferred"] += report.deferred
        if report.deferred and not report.sent:
            # The server refuses or is away: what is left waits for its next attempt (the
            # timer) instead of being claimed again at once.
            if self._next_channel():
                return
            outbox_ops.count_waiting(self.tasks, self, on_done=self._finish,
                                     on_error=self._failed)
            return
        self._claim()

    def _finish(self, waiting: int) -> None:
        self.running = False
        self.count = waiting
        if waiting:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
        self.waiting.emit(waiting)
        self.finished.emit(dict(self._totals))
        if self._again:
            self.start()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if not self.timer.isActive():
            self.timer.start()  # try again later; the mails stay in the outbox
        self.failed.emit(errors.describe(error))
