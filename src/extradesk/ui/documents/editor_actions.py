"""The editor's buttons for the life of a document: status changes, conversions, printing.

Which status buttons show comes from the service (DocumentDetail.transitions, i.e. the table
in core/workflow.py); conversions open the new document in its own editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.i18n import messages
from extradesk.i18n.documents import status_id
from extradesk.services.documents.dto import DocumentDetail
from extradesk.ui import prompts
from extradesk.ui.documents.convert_dialogs import (
    AcceptDialog,
    CreditNoteDialog,
    DepositDialog,
    SituationDialog,
)
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.style import primary

if TYPE_CHECKING:
    from extradesk.ui.documents.editor import DocumentEditor

# ACCEPTED and ISSUED have their own flows, a dialog first: their buttons end with "…".
_WITH_DIALOG = {Status.ACCEPTED, Status.ISSUED}
_ORDER = (Status.ISSUED, Status.ACCEPTED, Status.CONFIRMED, Status.SENT, Status.DELIVERED,
          Status.PARTLY_PAID, Status.PAID, Status.REFUSED, Status.EXPIRED, Status.CANCELLED,
          Status.DRAFT)
_PRIMARY = {Status.ISSUED, Status.ACCEPTED}
_DUPLICABLE = (DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.INVOICE)
# where the client's reduced-VAT attestation is recorded (usually the quote)
_ATTESTED = (DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.INVOICE,
             DocumentKind.DEPOSIT_INVOICE)


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class WorkflowActions:
    def __init__(self, editor: DocumentEditor) -> None:
        self.editor = editor
        self.buttons: dict[str, QPushButton] = {}  # object name -> button (tests click them)
        self.top_bar = QWidget()
        self._top = QHBoxLayout(self.top_bar)
        self._top.setContentsMargins(0, 0, 0, 0)
        self.bottom_bar = QWidget()
        bottom = QHBoxLayout(self.bottom_bar)
        bottom.setContentsMargins(0, 0, 0, 0)
        for text, name, slot in (("Aperçu", "preview", self.preview),
                                 ("Imprimer…", "print", self.print_document),
                                 ("Enregistrer le PDF…", "savePdf", self.save_pdf),
                                 ("Dupliquer", "duplicate", self.duplicate)):
            self.buttons[name] = _button(text, name, slot)
            bottom.addWidget(self.buttons[name])
        bottom.addStretch()

    @staticmethod
    def kind_label(kind: DocumentKind) -> str:
        return messages.text(f"document.kind.{kind.value}")

    @staticmethod
    def status_label(status: Status, kind: DocumentKind | None = None) -> str:
        return messages.text(status_id(status, kind))

    @staticmethod
    def action_label(status: Status) -> str:
        """The button that moves a document to `status` (i18n: document.action.*)."""
        text = messages.text(f"document.action.{status.value}")
        return f"{text}…" if status in _WITH_DIALOG else text

    def update(self, detail: DocumentDetail) -> None:
        """Rebuild the top buttons for what this document may do now."""
        while self._top.count():
            widget = self._top.takeAt(0).widget()
            if widget is not None:
                self.buttons.pop(widget.objectName(), None)
                widget.deleteLater()
        paid_by_payments = detail.kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)
        for status in _ORDER:
            # An invoice is paid by entering its payments (the payment line below), which
            # move its status; a bare « Marquer payée » would say paid with nothing received.
            if paid_by_payments and status in (Status.PAID, Status.PARTLY_PAID):
                continue
            if status in detail.transitions:
                button = _button(self.action_label(status), f"to_{status.value}",
                                 lambda _c=False, s=status: self.transition(s))
                self._add(primary(button) if status in _PRIMARY else button)
        invoiced = any(d.kind == DocumentKind.INVOICE for d in detail.derived)
        if detail.kind == DocumentKind.ORDER and not invoiced \
                and detail.status not in (Status.CANCELLED, Status.INVOICED):
            self._add(primary(_button("Facturer", "invoiceOrder", self.invoice_order)))
            self._add(_button("Facture d'acompte…", "depositInvoice", self.deposit))
        if detail.kind == DocumentKind.ORDER \
                and detail.status in (Status.CONFIRMED, Status.DELIVERED):
            self._add(_button("Facture de situation…", "progressInvoice", self.progress))
        if (detail.kind, detail.status) == (DocumentKind.QUOTE, Status.ACCEPTED) or \
                detail.kind == DocumentKind.ORDER \
                and detail.status not in (Status.CANCELLED, Status.INVOICED):
            self._add(_button("Planifier la pose", "planInstallation", self.plan_installation))
        if detail.kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE) \
                and detail.status in FROZEN:
            self._add(_button("Avoir…", "creditNote", self.credit_note))
        if detail.kind == DocumentKind.INVOICE and detail.status in FROZEN \
                and detail.header.retention_percent:
            self._add(_button("Libérer la retenue…", "releaseRetention", self.release))
        if detail.kind in _ATTESTED and detail.status not in FROZEN:
            self._add(_button("Attestation TVA réduite…", "vatAttestation", self.attestation))
        self.buttons["duplicate"].setVisible(detail.kind in _DUPLICABLE)

    def _add(self, button: QPushButton) -> None:
        self.buttons[button.objectName()] = button
        self._top.addWidget(button)
        # A child added to a visible window is only shown by a queued call: say it now, so
        # the button is not hidden until the next event-loop turn.
        button.setVisible(True)

    # -- status ------------------------------------------------------------------------------

    def transition(self, status: Status) -> None:
        if status == Status.ACCEPTED:
            self.accept_quote()
        elif status == Status.ISSUED:
            self.issue()
        elif status == Status.CANCELLED:
            prompts.confirm(self.editor, "Annuler la commande",
                            "Annuler cette commande ? Elle ne pourra plus être facturée.",
                            lambda: self._set_status(status), yes_text="Annuler la commande")
        else:
            self._set_status(status)

    def _set_status(self, status: Status) -> None:
        self.editor.change(documents_ops.set_status, document_id=self.editor.document_id,
                           status=status)

    def issue(self) -> None:
        try:
            from extradesk.ui.documents.issue_flow import issue_with_checks
        except ImportError:
            self._missing()
            return
        self.editor.header.save_now()
        issue_with_checks(self.editor, self.editor.tasks, self.editor.document_id,
                          self.editor.refresh)

    # -- conversions -------------------------------------------------------------------------

    def _convert(self, op, /, **arguments) -> None:
        """Run the conversion `op` of ui/ops/documents.py (its result: (new_id, changes)) and
        open the new document."""
        from extradesk.ui.documents.editor import open_editor

        parent = self.editor.parentWidget()
        tasks = self.editor.tasks
        self.editor.header.save_now()
        self.editor.change(op, on_done=lambda result: open_editor(tasks, result[0], parent),
                           **arguments)

    def accept_quote(self) -> None:
        dialog = AcceptDialog(self.editor, self.editor.detail)
        quote_id = self.editor.document_id

        def accept(option_ids: list[int]) -> None:
            self._convert(documents_ops.accept_quote, quote_id=quote_id, option_ids=option_ids)

        dialog.chosen.connect(accept)
        dialog.open()
        self.dialog = dialog

    def invoice_order(self) -> None:
        self._convert(documents_ops.invoice_order, order_id=self.editor.document_id)

    def deposit(self) -> None:
        dialog = DepositDialog(self.editor, self.editor.detail)
        order_id = self.editor.document_id

        def ask(percent: str) -> None:
            self._convert(documents_ops.deposit_invoice, order_id=order_id, percent=percent)

        dialog.chosen.connect(ask)
        dialog.open()
        self.dialog = dialog

    def progress(self) -> None:
        """Ask the cumulative progress (overall, and per line where it differs), then make
        the situation."""
        dialog = SituationDialog(self.editor, self.editor.detail)
        order_id = self.editor.document_id

        def ask(answer) -> None:
            overall, per_line = answer
            self._convert(documents_ops.progress_invoice, order_id=order_id, percent=overall,
                          line_percents=per_line)

        dialog.chosen.connect(ask)
        dialog.open()
        self.dialog = dialog

    def release(self) -> None:
        """The retenue this invoice holds, released by payment or bank guarantee."""
        from extradesk.ui.documents.retention_dialog import ReleaseDialog

        editor, document_id = self.editor, self.editor.document_id

        def ask(found) -> None:
            today, row = found
            dialog = ReleaseDialog(editor, row, today)
            dialog.chosen.connect(lambda answer: editor.change(
                documents_ops.release_retention, document_id=document_id, kind=answer[0],
                day=answer[1], reference=answer[2]))
            dialog.open()
            self.dialog = dialog

        documents_ops.load_retention(editor.tasks, editor, document_id=document_id,
                                     on_done=ask, on_error=editor.show_problem)

    def attestation(self) -> None:
        """Show what is recorded, ask the date and file, record them on this document."""
        from extradesk.ui.documents.attestation_dialog import AttestationDialog

        editor, document_id = self.editor, self.editor.document_id

        def ask(found) -> None:
            today, current = found
            dialog = AttestationDialog(editor, today, current,
                                       here=current is not None
                                       and current.document_id == document_id)
            dialog.chosen.connect(lambda answer: editor.change(
                documents_ops.record_attestation, document_id=document_id, day=answer[0],
                source=answer[1]))
            dialog.open()
            self.dialog = dialog

        documents_ops.load_attestation(editor.tasks, editor, document_id=document_id,
                                       on_done=ask, on_error=editor.show_problem)

    def credit_note(self) -> None:
        dialog = CreditNoteDialog(self.editor, self.editor.detail)
        invoice_id = self.editor.document_id

        def credit(line_ids) -> None:
            self._convert(documents_ops.credit_note, invoice_id=invoice_id, line_ids=line_ids)

        dialog.chosen.connect(credit)
        dialog.open()
        self.dialog = dialog

    def duplicate(self) -> None:
        self._convert(documents_ops.duplicate, document_id=self.editor.document_id)

    def plan_installation(self) -> None:
        """« Planifier la pose »: the appointment form with the client, ouvrage and subject."""
        from extradesk.ui.agenda.appointment_dialog import plan

        detail = self.editor.detail
        subject = detail.header.subject
        self.dialog = plan(self.editor.tasks, self.editor, client_id=detail.client_id,
                           ouvrage_id=detail.header.ouvrage_id,
                           title=f"Pose : {subject}" if subject else "Pose")

    # -- printing (ui/documents/pdf_actions.py) ----------------------------------------------

    def _pdf(self, name: str) -> None:
        try:
            from extradesk.ui.documents import pdf_actions
        except ImportError:
            self._missing()
            return
        from extradesk.ui.documents.identity_check import with_identity

        self.editor.header.save_now()
        editor, tasks, document_id = self.editor, self.editor.tasks, self.editor.document_id
        with_identity(editor, tasks, document_id,
                      lambda: getattr(pdf_actions, name)(editor, tasks, document_id))

    def preview(self) -> None:
        self._pdf("preview")

    def print_document(self) -> None:
        self._pdf("print_document")

    def save_pdf(self) -> None:
        self._pdf("save_pdf")

    def _missing(self) -> None:
        prompts.inform(self.editor, "extradesk", "Cette fonction n'est pas encore disponible.")
