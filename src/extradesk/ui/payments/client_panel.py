"""The « Règlements » box of the client record: his balance, his available credit, what is
late, his payments (cancellations and deposited cheques shown as such), and the buttons to
record a payment, refund him or cancel a payment."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from extradesk.core.changes import Changes
from extradesk.core.money import ZERO
from extradesk.i18n import format as fmt
from extradesk.ui import prompts
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.payments import payments_table
from extradesk.ui.style import label, selectable
from extradesk.ui.tasks import Tasks


class ClientPayments(QGroupBox):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__("Règlements", parent)
        self.setObjectName("paymentsSection")
        self.tasks = tasks
        self.client_id: int | None = None
        self.rows: tuple = ()
        self.summary_data = None
        self.dialog = None  # the dialog opened last (tests reach it)
        self.balance = selectable(label("", "clientBalance"))
        self.credit = selectable(label("", "clientCredit"))
        self.table = payments_table.make_table("clientPayments")
        self.none = label("Aucun règlement pour ce client.", "hint")
        self.pay_button = QPushButton("Enregistrer un règlement…")
        self.pay_button.setObjectName("clientRecordPayment")
        self.refund_button = QPushButton("Rembourser…")
        self.refund_button.setObjectName("clientRefund")
        self.cancel_button = QPushButton("Annuler le règlement…")
        self.cancel_button.setObjectName("cancelPayment")
        self.pay_button.clicked.connect(self.record_payment)
        self.refund_button.clicked.connect(self.refund)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QVBoxLayout()
        for button in (self.pay_button, self.refund_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch()
        column = QVBoxLayout()
        column.addWidget(self.balance)
        column.addWidget(self.credit)
        column.addWidget(self.none)
        column.addWidget(self.table)
        row = QHBoxLayout(self)
        row.addLayout(column, 1)
        row.addLayout(buttons)
        self._selection_changed()

    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        payments_ops.client_payments(self.tasks, self, client_id=client_id,
                                     on_done=lambda r, c=client_id: self._show(c, r))

    def apply_changes(self, changes: Changes) -> None:
        if self.client_id is not None and (changes.everything or self.client_id in
                                           changes.clients):
            self.show_client(self.client_id)

    def _show(self, client_id: int, found) -> None:
        if client_id != self.client_id:
            return
        self.summary_data = found
        b = found.balance
        owed = b.balance
        text = (f"Solde : {fmt.money(owed)} dû par le client" if owed > ZERO else
                f"Solde : {fmt.money(-owed)} en faveur du client" if owed < ZERO else
                "Solde : 0,00\u00a0€ (à jour)")
        self.balance.setText(
            f"{text} — factures {fmt.money(b.invoiced)}, avoirs {fmt.money(b.credited)}, "
            f"règlements {fmt.money(b.paid)}"
            + (f" ; en retard : {fmt.money(found.overdue)}" if found.overdue > ZERO else ""))
        self.credit.setText(f"Avoir disponible : {fmt.money(b.credit)}"
                            if b.credit > ZERO else "Aucun avoir disponible.")
        self.refund_button.setEnabled(b.credit > ZERO)
        self.rows = found.payments
        payments_table.fill(self.table, self.rows)
        payments_table.fit(self.table, len(self.rows))
        self.table.setVisible(bool(self.rows))
        self.none.setVisible(not self.rows)
        self._selection_changed()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.cancel_button.setEnabled(
            row is not None and not row.cancelled and row.cancels_id is None
            and row.deposit_slip_id is None)
        self.cancel_button.setToolTip(
            "Un chèque remis en banque est verrouillé : il ne peut plus être annulé."
            if row is not None and row.deposit_slip_id is not None else "")

    # -- actions -----------------------------------------------------------------------------

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def record_payment(self) -> None:
        if self.client_id is None:
            return
        from extradesk.ui.payments.payment_dialog import PaymentDialog

        self._open(PaymentDialog(self.tasks, self.window(), client_id=self.client_id))

    def refund(self) -> None:
        if self.client_id is None:
            return
        from extradesk.ui.payments.payment_dialog import PaymentDialog

        self._open(PaymentDialog(self.tasks, self.window(), client_id=self.client_id,
                                 refund=True))

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.dialog = confirm_cancel(self, self.tasks, row)


def confirm_cancel(parent: QWidget, tasks: Tasks, row):
    """Ask, then enter the cancelling entry (dated today, who and when kept)."""
    text = (f"Annuler le règlement n° {row.id} du {fmt.day(row.day)} "
            f"({fmt.money(row.amount)}, {row.client_name}) ?\n\nUn règlement saisi ne "
            "s'efface pas : une écriture d'annulation datée d'aujourd'hui est enregistrée, "
            "avec votre nom et l'heure ; les deux restent visibles.")
    return prompts.confirm(parent, "Annuler un règlement", text,
                           lambda: payments_ops.cancel(tasks, parent, payment_id=row.id),
                           yes_text="Annuler le règlement")
