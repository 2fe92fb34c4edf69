"""STOP answers fetched from the gateway while the application is open (OVHcloud lists the
answers received; the other providers deliver them to a webhook): read the settings on the
database worker → fetch on the network pool → record each STOP as an opt-out on the worker →
delete those STOPs at the provider on the network pool, never before they are recorded."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from extradesk.ui import errors
from extradesk.ui.ops import sms_campaigns as campaign_ops
from extradesk.ui.tasks import Tasks

EVERY_MS = 15 * 60 * 1000


class StopRunner(QObject):
    done = Signal(int)  # STOPs recorded by one run (0 when the provider has no inbound API)
    failed = Signal(str)  # French

    def __init__(self, tasks: Tasks, parent: QObject | None = None, *,
                 every_ms: int = EVERY_MS) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False
        self._config = None
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        self.timer.start()
        self.run()

    def run(self) -> bool:
        if self.tasks.ctx is None or self.running:
            return False
        self.running = True
        campaign_ops.stops_read(self.tasks, self, on_done=self._read, on_error=self._failed)
        return True

    def _read(self, config) -> None:
        if config is None:
            self._finish(0)
            return
        self._config = config
        campaign_ops.stops_fetch(self.tasks, self, config=config, on_error=self._failed,
                            on_done=lambda answers: campaign_ops.stops_record(
                                self.tasks, self, answers=answers, on_done=self._recorded,
                                on_error=self._failed))

    def _recorded(self, result) -> None:
        ids = result[0]
        if not ids:
            self._finish(0)
            return
        campaign_ops.stops_forget(self.tasks, self, config=self._config, ids=ids,
                             on_done=lambda _r: self._finish(len(ids)), on_error=self._failed)

    def _finish(self, count: int) -> None:
        self.running = False
        self._config = None
        self.done.emit(count)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self._config = None
        self.failed.emit(errors.describe(error))
