"""The payment line of the document editor: an issued invoice's paid, remaining and state,
« Enregistrer un règlement… » and « Utiliser l'avoir » (left-over payments and credit notes
of the client set against it); an issued credit note's part left and « Imputer sur une
facture… ». Hidden on anything else."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QWidget

from extradesk.core.changes import Changes
from extradesk.core.money import ZERO
from extradesk.core.workflow import FROZEN, DocumentKind
from extradesk.i18n import format as fmt
from extradesk.i18n.payments import STATE_LABELS
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.style import label

if TYPE_CHECKING:
    from extradesk.services.documents.dto import DocumentDetail
    from extradesk.ui.documents.editor import DocumentEditor

PAYABLE = (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)


class PaymentPanel(QWidget):
    def __init__(self, editor: DocumentEditor) -> None:
        super().__init__()
        self.setObjectName("paymentPanel")
        self.editor = editor
        self.figures = None  # services.payments.figures.InvoiceFigures, once read
        self.credit = ZERO
        self.dialog = None  # the payment dialog opened last (tests reach it)
        self.summary = label("", "paymentSummary")
        self.pay_button = QPushButton("Enregistrer un règlement…")
        self.pay_button.setObjectName("recordPayment")
        self.pay_button.clicked.connect(self.record_payment)
        self.credit_button = QPushButton("")
        self.credit_button.setObjectName("useCredit")
        self.credit_button.clicked.connect(self.use_credit)
        self.credit_button.hide()  # shown once the client's credit is known
        self.is_note = False  # an issued credit note: what is left of it, « Imputer… »
        self.note_left = ZERO
        self.note_button = QPushButton("Imputer sur une facture…")
        self.note_button.setObjectName("setCreditNote")
        self.note_button.clicked.connect(self.set_credit_note)
        self.note_button.hide()
        self.list_button = QPushButton("Règlements…")
        self.list_button.setObjectName("invoicePayments")
        self.list_button.setToolTip("Les règlements de cette facture ; en annuler un")
        self.list_button.clicked.connect(self.list_payments)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary)
        row.addStretch()
        row.addWidget(self.credit_button)
        row.addWidget(self.list_button)
        row.addWidget(self.pay_button)
        row.addWidget(self.note_button)
        self.hide()
        editor.tasks.changed.connect(self._changed)

    def update_detail(self, detail: DocumentDetail) -> None:
        self.is_note = detail.kind == DocumentKind.CREDIT_NOTE
        shown = (detail.kind in PAYABLE or self.is_note) and detail.status in FROZEN
        self.setVisible(shown)
        self.pay_button.setVisible(not self.is_note)
        self.list_button.setVisible(not self.is_note)
        self.note_button.setVisible(self.is_note)
        self.note_button.setEnabled(False)  # until what is left of it is known
        if shown:
            self.refresh()

    def refresh(self) -> None:
        if self.is_note:
            payments_ops.credit_note_left(self.editor.tasks, self,
                                          document_id=self.editor.document_id,
                                          on_done=self._show_note)
            return
        payments_ops.invoice_figures(self.editor.tasks, self,
                                     document_id=self.editor.document_id, on_done=self._show)

    def _show_note(self, result) -> None:
        gross, left = result
        self.note_left = left
        self.summary.setText(f"Avoir de {fmt.money(gross)} · imputé : {fmt.money(gross - left)}"
                             f" · reste : {fmt.money(left)}")
        self.note_button.setEnabled(left > ZERO)

    def _show(self, result) -> None:
        found, credit = result
        self.figures, self.credit = found, credit or ZERO
        if found is None:
            self.hide()
            return
        self.summary.setText(
            f"Net à payer : {fmt.money(found.net_to_pay)} · Réglé : {fmt.money(found.paid)} · "
            f"Reste dû : {fmt.money(found.remaining)} · {STATE_LABELS[found.state.value]}")
        owes = found.remaining > ZERO
        self.pay_button.setEnabled(owes)
        self.credit_button.setText(f"Utiliser l'avoir du client ({fmt.money(self.credit)})")
        self.credit_button.setVisible(owes and self.credit > ZERO)

    def _changed(self, changes: Changes) -> None:
        detail = self.editor.detail if shiboken6.isValid(self.editor) else None
        if detail is None or not self.isVisible():
            return
        if changes.everything or detail.client_id in changes.clients:
            self.refresh()

    def record_payment(self) -> None:
        from extradesk.ui.payments.payment_dialog import PaymentDialog

        dialog = PaymentDialog(self.editor.tasks, self.editor,
                               document_id=self.editor.document_id)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def list_payments(self) -> None:
        from extradesk.ui.payments.invoice_payments_dialog import InvoicePaymentsDialog

        detail = self.editor.detail
        dialog = InvoicePaymentsDialog(self.editor.tasks, self.editor.document_id,
                                       detail.number if detail else "", self.editor)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def set_credit_note(self) -> None:
        from extradesk.ui.payments.credit_note_dialog import CreditNoteDialog

        dialog = CreditNoteDialog(self.editor.tasks, self.editor.document_id, self.note_left,
                                  self.editor)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def use_credit(self) -> None:
        self.editor.change(payments_ops.use_credit, document_id=self.editor.document_id)


def install(editor: DocumentEditor, column: QLayout) -> PaymentPanel:
    """The panel at the top of the editor's bottom-left column (editor.payments)."""
    panel = PaymentPanel(editor)
    column.insertWidget(0, panel)
    return panel
