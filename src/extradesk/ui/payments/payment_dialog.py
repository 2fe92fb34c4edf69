"""« Enregistrer un règlement » (and « Rembourser le client »): date, amount, mode, cheque,
journal, reference, note, and its allocation over the client's open invoices; the rest stays
as the client's credit. The services check everything; a refusal is shown beside the fields
and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.money import ZERO, parse_decimal
from extradesk.i18n import format as fmt
from extradesk.i18n.payments import MODE_LABELS
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit, text_or_none

ALLOCATION_COLUMNS = ("Facture", "Date", "Échéance", "Reste dû", "Imputé")
AMOUNT_COLUMN = 4


def amount_text(value: Decimal) -> str:
    """A Decimal as a user types it back (1234,56: no grouping, which a typed edit lacks)."""
    return fmt.decimal(value).replace(fmt.NBSP, "").replace("\u202f", "").replace(" ", "")


def read(text: str) -> Decimal | None:
    """What the user typed, or None when it is not (yet) a number: only for the hints shown
    while typing; the services read the text itself."""
    try:
        return parse_decimal(text)
    except (ValueError, TypeError):
        return None


class PaymentDialog(QDialog):
    saved = Signal(int)  # the payment id

    def __init__(self, tasks: Tasks, parent: QWidget | None = None, *,
                 client_id: int | None = None, document_id: int | None = None,
                 refund: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog" if refund else "paymentDialog")
        self.setWindowTitle("Rembourser le client" if refund else "Enregistrer un règlement")
        self.setMinimumWidth(620)
        self.tasks, self.document_id, self.refund = tasks, document_id, refund
        self.form = None  # services.payments.screens.EntryForm, once loaded
        self._edited = False  # the user typed an allocation: no more automatic split
        self.errors = FormErrors()

        self.client = label("", "paymentClient")
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.amount = line_edit("amount", placeholder="1 234,56", width=140)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for key, text in MODE_LABELS.items():
            self.mode.addItem(text, key)
        self.cheque_bank = line_edit("cheque_bank", placeholder="Banque du tireur")
        self.cheque_number = line_edit("cheque_number", placeholder="N° du chèque")
        self.drawer = line_edit("drawer", placeholder="Nom du tireur, s'il diffère du client")
        self.journal = QComboBox()
        self.journal.setObjectName("journal_id")
        self.remember = QCheckBox("Journal par défaut pour mes règlements")
        self.remember.setObjectName("rememberJournal")
        self.reference = line_edit("reference", placeholder="Référence du virement, n° de "
                                                            "transaction…")
        self.note = line_edit("note")

        form = form_layout()
        form.addRow("Client", self.client)
        form.addRow("Date", self.errors.field("day", self.day))
        form.addRow("Montant remboursé (€)" if refund else "Montant (€)",
                    self.errors.field("amount", self.amount))
        form.addRow("Mode", self.errors.field("mode", self.mode))
        self._cheque_rows = [("Banque", self.cheque_bank), ("N° de chèque", self.cheque_number),
                             ("Tireur", self.drawer)]
        for text, widget in self._cheque_rows:
            form.addRow(text, widget)
        form.addRow("Journal", self.errors.field("journal_id", self.journal))
        form.addRow("", self.remember)
        form.addRow("Référence", self.reference)
        form.addRow("Note", self.note)
        self._form = form

        self.table = QTableWidget(0, len(ALLOCATION_COLUMNS))
        self.table.setObjectName("allocations")
        self.table.setHorizontalHeaderLabels(ALLOCATION_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._allocation_typed)
        self.allocation_error = self.errors.field("allocation", self.table)
        self.allocation_title = label("Imputation sur les factures ouvertes du client "
                                      "(modifiable) :", "hint")
        self.no_invoice = label("Aucune facture ouverte : tout le montant restera en avoir "
                                "du client.", "hint", wrap=True)
        self.left_over = label("", "paymentLeftOver")
        self.left_over.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton(
            "Rembourser" if refund else "Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("savePayment")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.allocation_title, self.no_invoice, self.allocation_error):
            layout.addWidget(widget)
            widget.setVisible(not refund)
        layout.addWidget(self.left_over)
        layout.addStretch()  # any height to spare goes under the form, not between rows
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)

        self.mode.currentIndexChanged.connect(lambda _i: self._show_cheque())
        self.amount.textChanged.connect(lambda _t: self._amount_typed())
        self._show_cheque()
        payments_ops.entry_form(tasks, self, client_id=client_id, document_id=document_id,
                                on_done=self._loaded)

    # -- loading -----------------------------------------------------------------------------

    def _loaded(self, form) -> None:
        self.form = form
        self.client.setText(form.client_name)
        self.day.setDate(QDate(form.today.year, form.today.month, form.today.day))
        self.day.setMaximumDate(QDate(form.today.year, form.today.month, form.today.day))
        self.journal.clear()
        for journal in form.journals:
            self.journal.addItem(f"{journal.code} — {journal.label}", journal.id)
        self.journal.setCurrentIndex(max(self.journal.findData(form.default_journal_id), 0))
        self.table.blockSignals(True)
        self.table.setRowCount(len(form.invoices))
        for row, invoice in enumerate(form.invoices):
            for column, text in enumerate((invoice.number, fmt.day(invoice.issue_date),
                                           fmt.day(invoice.due_date),
                                           fmt.money(invoice.remaining), "")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, invoice.document_id)
                if column != AMOUNT_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        rows = min(max(len(form.invoices), 1), 6)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize() + 4)
        if not self.refund:
            self.table.setVisible(bool(form.invoices))
            self.allocation_error.setVisible(bool(form.invoices))
            self.allocation_title.setVisible(bool(form.invoices))
            self.no_invoice.setVisible(not form.invoices)
            if self.document_id is not None:  # pay what this invoice still owes
                invoice = self._invoice(self.document_id)
                if invoice is not None:
                    self.amount.setText(amount_text(invoice.remaining))
        self._show_left_over()
        self.save_button.setEnabled(True)
        self.amount.setFocus()
        self.amount.selectAll()

    def _invoice(self, document_id: int):
        return next((i for i in self.form.invoices if i.document_id == document_id), None)

    def _show_cheque(self) -> None:
        cheque = self.mode.currentData() == "cheque"
        for _text, widget in self._cheque_rows:
            widget.setVisible(cheque)
            self._form.labelForField(widget).setVisible(cheque)

    # -- allocation --------------------------------------------------------------------------

    def _amount_typed(self) -> None:
        if self.form is not None and not self._edited and not self.refund:
            self._split(read(self.amount.text()) or ZERO)
        self._show_left_over()

    def _split(self, amount: Decimal) -> None:
        """The amount over the open invoices, oldest first; opened from an invoice, on that
        one alone (the user may type more rows). What is left stays as credit."""
        order = [i for i in self.form.invoices
                 if self.document_id is None or i.document_id == self.document_id]
        shares = {}
        left = max(amount, ZERO)
        for invoice in order:
            share = min(left, invoice.remaining)
            shares[invoice.document_id] = share
            left -= share
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, AMOUNT_COLUMN)
            share = shares.get(item.data(Qt.ItemDataRole.UserRole), ZERO)
            item.setText(amount_text(share) if share > ZERO else "")
        self.table.blockSignals(False)

    def _allocation_typed(self, item: QTableWidgetItem) -> None:
        if item.column() == AMOUNT_COLUMN:
            self._edited = True
            self._show_left_over()

    def allocations(self) -> list[tuple[int, str]]:
        """(invoice id, the text typed) of every row with something typed."""
        found = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, AMOUNT_COLUMN)
            if item is not None and item.text().strip():
                found.append((item.data(Qt.ItemDataRole.UserRole), item.text().strip()))
        return found

    def set_allocation(self, document_id: int, text: str) -> None:
        """Type `text` in the row of that invoice (what a person does in the table)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, AMOUNT_COLUMN)
            if item.data(Qt.ItemDataRole.UserRole) == document_id:
                item.setText(text)

    def _show_left_over(self) -> None:
        if self.form is None:
            return
        amount = read(self.amount.text())
        if self.refund:
            self.left_over.setText(f"Avoir disponible du client : {fmt.money(self.form.credit)}")
            return
        typed = [read(text) for _id, text in self.allocations()]
        if amount is None or any(t is None for t in typed):
            self.left_over.setText("")
            return
        rest = amount - sum(typed, ZERO)
        credit = f" (avoir déjà disponible : {fmt.money(self.form.credit)})" \
            if self.form.credit > ZERO else ""
        if rest > ZERO:
            self.left_over.setText(f"Reste en avoir du client : {fmt.money(rest)}{credit}")
        elif rest < ZERO:
            self.left_over.setText(f"Les imputations dépassent le montant de "
                                   f"{fmt.money(-rest)}.")
        else:
            self.left_over.setText(f"Montant entièrement imputé.{credit}")

    # -- saving ------------------------------------------------------------------------------

    def values(self) -> dict:
        mode = self.mode.currentData()
        cheque = mode == "cheque"
        amount = self.amount.text().strip()
        if self.refund and amount and not amount.startswith("-"):
            amount = "-" + amount  # a refund is a negative payment; the user types what leaves
        return {"day": self.day.date().toPython(), "amount": amount, "mode": mode,
                "journal_id": self.journal.currentData(),
                "reference": text_or_none(self.reference), "note": text_or_none(self.note),
                "cheque_bank": text_or_none(self.cheque_bank) if cheque else None,
                "cheque_number": text_or_none(self.cheque_number) if cheque else None,
                "drawer": text_or_none(self.drawer) if cheque else None}

    def save(self) -> None:
        if self.form is None:
            return
        self.errors.clear()
        self.save_button.setEnabled(False)
        common = dict(client_id=self.form.client_id, values=self.values(), on_done=self._saved,
                      on_error=self._refused)
        if self.refund:
            payments_ops.refund(self.tasks, self, **common)
        else:
            payments_ops.record(self.tasks, self, allocations=self.allocations(),
                                remember_journal=self.remember.isChecked(), **common)

    def _saved(self, result) -> None:
        self.saved.emit(result[0])
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.present(self, error)
