"""« Règlements de la facture »: the payments set against one invoice (cancellations and
deposited cheques shown as such), each cancellable unless deposited."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from extradesk.core.changes import Changes
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.payments import payments_table
from extradesk.ui.payments.client_panel import confirm_cancel
from extradesk.ui.style import label
from extradesk.ui.tasks import Tasks


class InvoicePaymentsDialog(QDialog):
    def __init__(self, tasks: Tasks, document_id: int, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoicePaymentsDialog")
        self.setWindowTitle(f"Règlements de la facture {number}")
        self.setMinimumWidth(760)
        self.tasks, self.document_id = tasks, document_id
        self.rows: list = []
        self.loaded = False
        self.box = None
        self.table = payments_table.make_table("invoicePayments")
        self.none = label("Aucun règlement sur cette facture.", "hint")
        self.none.hide()
        self.cancel_button = QPushButton("Annuler le règlement…")
        self.cancel_button.setObjectName("cancelPayment")
        self.cancel_button.clicked.connect(self.cancel_selected)
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.none)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selection)
        tasks.changed.connect(self._changed)
        self._selection()
        self.reload()

    def reload(self) -> None:
        payments_ops.invoice_payments(self.tasks, self, document_id=self.document_id,
                                      on_done=self._loaded)

    def _loaded(self, rows) -> None:
        self.rows, self.loaded = list(reversed(rows)), True  # newest first
        payments_table.fill(self.table, self.rows)
        payments_table.fit(self.table, len(self.rows), most=10)
        self.none.setVisible(not self.rows)
        self._selection()

    def _changed(self, changes: Changes) -> None:
        if shiboken6.isValid(self) and (changes.everything
                                        or self.document_id in changes.documents):
            self.reload()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection(self) -> None:
        row = self.selected()
        self.cancel_button.setEnabled(
            row is not None and not row.cancelled and row.cancels_id is None
            and row.deposit_slip_id is None)

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.box = confirm_cancel(self, self.tasks, row)
