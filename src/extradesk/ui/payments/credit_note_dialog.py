"""« Imputer sur une facture »: (part of) an issued credit note set against one of the
client's open invoices; refused in French (another client's invoice, more than is left or
due) with nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from extradesk.i18n import format as fmt
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.payments.payment_dialog import amount_text
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit


class CreditNoteDialog(QDialog):
    saved = Signal()

    def __init__(self, tasks: Tasks, credit_note_id: int, left, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("creditNoteDialog")
        self.setWindowTitle("Imputer l'avoir sur une facture")
        self.setMinimumWidth(480)
        self.tasks, self.credit_note_id, self.left = tasks, credit_note_id, left
        self.form = None
        self.errors = FormErrors()
        self.invoice = QComboBox()
        self.invoice.setObjectName("invoice")
        self.amount = line_edit("amount", width=140)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.none = label("Ce client n'a aucune facture ouverte.", "hint")
        self.none.hide()
        form = form_layout()
        form.addRow("Reste sur l'avoir", label(fmt.money(left)))
        form.addRow("Facture", self.errors.field("invoice", self.invoice))
        form.addRow("Montant imputé (€)", self.errors.field("amount", self.amount))
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Imputer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveCreditNote")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.none)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.save_button.setEnabled(False)
        self.invoice.currentIndexChanged.connect(lambda _i: self._suggest())
        payments_ops.entry_form(tasks, self, document_id=credit_note_id, on_done=self._loaded)

    def _loaded(self, form) -> None:
        self.form = form
        for invoice in form.invoices:
            self.invoice.addItem(f"{invoice.number} du {fmt.day(invoice.issue_date)} — reste "
                                 f"dû {fmt.money(invoice.remaining)}", invoice.document_id)
        self.none.setVisible(not form.invoices)
        self.save_button.setEnabled(bool(form.invoices))
        self._suggest()

    def _suggest(self) -> None:
        invoice = next((i for i in (self.form.invoices if self.form else ())
                        if i.document_id == self.invoice.currentData()), None)
        if invoice is not None:
            self.amount.setText(amount_text(min(self.left, invoice.remaining)))

    def save(self) -> None:
        self.errors.clear()
        payments_ops.set_credit_note(
            self.tasks, self, credit_note_id=self.credit_note_id,
            invoice_id=self.invoice.currentData(), amount=self.amount.text().strip() or None,
            on_done=lambda _r: (self.saved.emit(), self.accept()),
            on_error=lambda e: self.errors.present(self, e))
