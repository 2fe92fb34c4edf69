"""The "Envoi" tab: every mail of the outbox, filtered by state, with "Réessayer" and
"Annuler" on the selection, and the sender's progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.ui.ops import outbox as outbox_ops
from extradesk.ui.style import label
from extradesk.ui.tablemodels.outbox_model import ERROR_COLUMN, OutboxModel
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.table import lazy_table

FILTERS = (("Tous les messages", frozenset()), ("En attente", frozenset({"pending"})),
           ("Envoyés", frozenset({"sent"})), ("En échec", frozenset({"failed"})),
           ("Annulés", frozenset({"cancelled"})))


class OutboxPage(QWidget):
    open_document = Signal(int)  # an item's document, on double-click
    def __init__(self, tasks: Tasks, runner, parent: QWidget | None = None) -> None:
        """`runner`: the application's OutboxRunner (« Envoyer maintenant », progress)."""
        super().__init__(parent)
        self.setObjectName("outboxPage")
        self._tasks = tasks
        self.runner = runner
        self.model = OutboxModel(tasks, self)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("outboxFilter")
        for text, states in FILTERS:
            self.state_filter.addItem(text, states)
        self.count_label = label("", "hint")
        self.count_label.setObjectName("outboxCount")
        self.progress_label = label("", "hint")
        self.progress_label.setObjectName("outboxProgress")
        self.send_button = QPushButton("Envoyer maintenant")
        self.send_button.setObjectName("outboxSendNow")
        self.retry_button = QPushButton("Réessayer")
        self.retry_button.setObjectName("outboxRetry")
        self.cancel_button = QPushButton("Annuler l'envoi")
        self.cancel_button.setObjectName("outboxCancel")
        bar = QHBoxLayout()
        bar.addWidget(self.state_filter)
        bar.addWidget(self.count_label)
        bar.addStretch()
        bar.addWidget(self.progress_label)
        bar.addWidget(self.retry_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.send_button)
        self.table = lazy_table(self.model, "outboxTable", multi_select=True,
                                stretch=ERROR_COLUMN)
        self.empty = label("Aucun message. Les devis, factures et messages envoyés par e-mail "
                           "passent par ici : en attente, envoyés ou en échec.", "hint",
                           wrap=True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

        self.state_filter.currentIndexChanged.connect(
            lambda _i: self.model.reload(states=self.state_filter.currentData()))
        self.table.activated.connect(self._activated)
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button.clicked.connect(self.cancel)
        self.send_button.clicked.connect(runner.start)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.model.snapshot_loaded.connect(self._counted)
        self.model.count_loaded.connect(self._counted)
        self.model.modelReset.connect(self._selection)
        runner.progress.connect(self._progress)
        runner.finished.connect(lambda _t: self.progress_label.clear())
        runner.failed.connect(self.progress_label.setText)
        self._selection()

    def reload(self) -> None:
        self.model.reload()

    def apply_changes(self, changes: Changes) -> None:
        if not self.model.loaded:
            return
        self.model.apply_changes(changes)

    def _counted(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(fmt.count(count, "message", "messages"))
        nothing = self.model.complete and count == 0 and not self.model.query.states
        self.empty.setVisible(nothing)

    def _progress(self, done: int, expected: int) -> None:
        self.progress_label.setText(f"Envoi en cours : {done} / {expected}")

    def _activated(self, index) -> None:
        row = self.model.row_values(index.row()) if index.isValid() else None
        if row is not None and row.document_id is not None:
            self.open_document.emit(row.document_id)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.item_id(r) for r in rows) if i is not None]

    def _selection(self) -> None:
        chosen = bool(self.selected_ids())
        self.retry_button.setEnabled(chosen)
        self.cancel_button.setEnabled(chosen)

    def retry(self) -> None:
        if ids := self.selected_ids():
            outbox_ops.retry(self._tasks, self, item_ids=ids)

    def cancel(self) -> None:
        if ids := self.selected_ids():
            outbox_ops.cancel(self._tasks, self, item_ids=ids)
