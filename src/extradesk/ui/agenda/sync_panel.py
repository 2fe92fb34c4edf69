"""The agenda's sync line: last sync or the French error, « Synchroniser maintenant », and the
report of the last run (envoyés, reçus, supprimés, conflits, erreurs)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from extradesk.i18n import format as fmt
from extradesk.ui.agenda.sync_job import SyncRunner
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.style import label
from extradesk.ui.tasks import Tasks

NO_ACCOUNT = "Pas de synchronisation avec le téléphone : aucun compte d'agenda configuré."
NO_ACCOUNT_HINT = ("Aucun compte d'agenda : configurez-le d'abord avec « Compte d'agenda… ».")


def status_text(account) -> str:
    if account is None:
        return NO_ACCOUNT
    if account.last_error:
        return f"Erreur de synchronisation : {account.last_error}"
    if account.last_sync_at is None:
        return "Jamais synchronisé."
    day, time = fmt.moment(account.last_sync_at).split(" ")
    off = "" if account.enabled else " (synchronisation automatique désactivée)"
    return f"Dernière synchronisation : {day} à {time}{off}"


class SyncPanel(QWidget):
    can_sync = Signal(bool)  # an account exists and no sync is running
    hint = Signal(str)  # why « Synchroniser maintenant » is off ("" when it is on)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaSyncPanel")
        self.tasks = tasks
        self.user_id: int | None = None
        self.has_account: bool | None = None  # None: not read yet
        self.runner = SyncRunner(tasks, self)
        self.status = label("", "hint", wrap=True)  # a long error wraps, never widens the window
        self.status.setObjectName("agendaSyncStatus")
        self.report = label("", "hint", wrap=True)
        self.report.setObjectName("agendaSyncReport")
        self.report.hide()
        self.sync_button = QPushButton("Synchroniser maintenant")
        self.sync_button.setObjectName("agendaSyncNow")
        self.account_button = QPushButton("Compte d'agenda…")
        self.account_button.setObjectName("agendaAccount")
        self.sync_button.clicked.connect(self.sync_now)
        self.account_button.clicked.connect(self.open_account)
        self.row = row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.account_button)
        row.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.report)
        self.runner.started.connect(self._started)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.no_account.connect(self.refresh)
        self.can_sync.connect(self.sync_button.setEnabled)
        self.hint.connect(self.sync_button.setToolTip)
        self.dialog: QWidget | None = None

    def add_button(self, button: QPushButton) -> None:
        """Another setting of my agenda (« Droits… »), before « Compte d'agenda… »."""
        self.row.insertWidget(1, button)

    def bind_sync_button(self, button: QPushButton) -> None:
        """Another « Synchroniser maintenant » (the preferences'): on and off with this one.
        Bound methods of the button: the connections end with it."""
        self.can_sync.connect(button.setEnabled)
        self.hint.connect(button.setToolTip)
        button.setEnabled(bool(self.has_account) and not self.runner.running)
        button.setToolTip("" if self.has_account else NO_ACCOUNT_HINT)
        button.clicked.connect(self.sync_now)
        if self.has_account is None:
            self.refresh()

    def refresh(self) -> None:
        agenda_ops.account(self.tasks, self, user_id=self.user_id,
                           on_done=lambda found: self._show_account(found[2]))

    def _show_account(self, account) -> None:
        self.has_account = account is not None
        if not self.runner.running:
            self.status.setText(status_text(account))
        self.can_sync.emit(self.has_account and not self.runner.running)
        self.hint.emit("" if self.has_account else NO_ACCOUNT_HINT)

    def sync_now(self) -> None:
        if not self.has_account:  # no account is a state, not an error
            self.refresh()
            return
        self.runner.start(self.user_id, force=True)

    def _started(self) -> None:
        self.can_sync.emit(False)
        self.status.setText("Synchronisation en cours…")

    def _finished(self, report) -> None:
        lines = [f"Synchronisation : {report.summary()}", *report.messages]
        self.report.setText("\n".join(lines))
        self.report.show()
        self.refresh()

    def _failed(self, text: str) -> None:
        self.status.setText(f"Erreur de synchronisation : {text}")
        self.can_sync.emit(True)

    def open_account(self) -> None:
        from extradesk.ui.agenda.account_dialog import AccountDialog

        self.dialog = AccountDialog(self.tasks, self.user_id, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()
