"""« Synchroniser maintenant » and the timer's incremental sync, in three steps:
read the snapshot (database worker) → exchange with the server (network pool, no database)
→ write the outcome (database worker). The window never waits on the server."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from extradesk.ui import errors
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.tasks import Tasks


class SyncRunner(QObject):
    started = Signal()
    finished = Signal(object)  # SyncReport
    summary = Signal(str)  # its French one-line summary
    failed = Signal(str)  # French
    no_account = Signal()  # the account was removed meanwhile: a state, not an error

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False

    def start(self, user_id: int | None, *, force: bool = True) -> bool:
        """False when a sync is already running (the timer then simply skips its turn)."""
        if self.running or user_id is None:
            return False
        self.running = True
        self.started.emit()
        agenda_ops.sync_read(self.tasks, self, user_id=user_id, force=force,
                             on_done=self._network, on_error=self._failed)
        return True

    def _network(self, read) -> None:
        account, snap, now = read
        agenda_ops.sync_exchange(self.tasks, self, account=account, snap=snap, now=now,
                                 on_done=lambda out: self._write(account, snap, out),
                                 on_error=self._failed)

    def _write(self, account, snap, out) -> None:
        agenda_ops.sync_write(self.tasks, self, account=account, snap=snap, out=out,
                              on_done=self._done, on_error=self._failed)

    def _done(self, result) -> None:
        self.running = False
        self.finished.emit(result[0])
        self.summary.emit(f"Synchronisation : {result[0].summary()}")

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if getattr(error, "message_id", None) == "agenda.account_missing":
            self.no_account.emit()
            return
        self.failed.emit(errors.describe(error))

