"""The agenda's sync line: last sync or the French error, « Synchroniser maintenant », and the
report of the last run (envoyés, reçus, supprimés, conflits, erreurs)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from extradesk.i18n import format as fmt
from extradesk.ui.agenda.sync_job import SyncRunner
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.style import label
from extradesk.ui.tasks import Tasks


def status_text(account) -> str:
    if account is None:
        return "Pas de synchronisation avec le téléphone : aucun compte d'agenda configuré."
    if account.last_error:
        return f"Erreur de synchronisation : {account.last_error}"
    if account.last_sync_at is None:
        return "Jamais synchronisé."
    day, time = fmt.moment(account.last_sync_at).split(" ")
    off = "" if account.enabled else " (synchronisation automatique désactivée)"
    return f"Dernière synchronisation : {day} à {time}{off}"


class SyncPanel(QWidget):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaSyncPanel")
        self.tasks = tasks
        self.user_id: int | None = None
        self.runner = SyncRunner(tasks, self)
        self.status = label("", "hint")
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
        row = QHBoxLayout()
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
        self.dialog: QWidget | None = None

    def refresh(self) -> None:
        agenda_ops.account(self.tasks, self, user_id=self.user_id,
                           on_done=lambda found: self._show_account(found[2]))

    def _show_account(self, account) -> None:
        if not self.runner.running:
            self.status.setText(status_text(account))
        self.sync_button.setEnabled(account is not None and not self.runner.running)

    def sync_now(self) -> None:
        self.runner.start(self.user_id, force=True)

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.status.setText("Synchronisation en cours…")

    def _finished(self, report) -> None:
        lines = [f"Synchronisation : {report.summary()}", *report.messages]
        self.report.setText("\n".join(lines))
        self.report.show()
        self.refresh()

    def _failed(self, text: str) -> None:
        self.status.setText(f"Erreur de synchronisation : {text}")
        self.sync_button.setEnabled(True)

    def open_account(self) -> None:
        from extradesk.ui.agenda.account_dialog import AccountDialog

        self.dialog = AccountDialog(self.tasks, self.user_id, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()
