"""« Remise de chèques »: tick the cheques received and not yet deposited, choose the bank
journal and the date, then the slip is made (its cheques locked from then on) and shown to
print or save."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.money import ZERO
from extradesk.i18n import format as fmt
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.payments import payments_table
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout


class DepositDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depositDialog")
        self.setWindowTitle("Remise de chèques en banque")
        self.setMinimumWidth(760)
        self.tasks = tasks
        self.cheques: list = []  # services.payments.figures.PaymentRow
        self.slip: tuple[int, bytes] | None = None  # (slip id, PDF) once made
        self.viewer = None
        self.errors = FormErrors()
        self.table = payments_table.make_table("chequesTable", checkable=True)
        self.table.itemChanged.connect(lambda _i: self._count())
        self.none = label("Aucun chèque en attente de remise.", "hint")
        self.none.hide()
        self.journal = QComboBox()
        self.journal.setObjectName("journal_id")
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.total = label("", "depositTotal")
        self.all_button = QPushButton("Tout cocher")
        self.all_button.setObjectName("checkAll")
        self.all_button.clicked.connect(lambda: self.check_all(True))
        form = form_layout()
        form.addRow("Banque (journal)", self.errors.field("journal_id", self.journal))
        form.addRow("Date de la remise", self.errors.field("day", self.day))
        buttons = QDialogButtonBox()
        self.make_button = primary(buttons.addButton("Faire la remise et imprimer le bordereau",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.make_button.setObjectName("makeDeposit")
        self.save_button = buttons.addButton("Enregistrer le PDF…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveSlip")
        self.save_button.hide()
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_pdf)
        self.done_label = label("", "hint", wrap=True)
        self.done_label.setObjectName("depositDone")
        row = QHBoxLayout()
        row.addWidget(self.total)
        row.addStretch()
        row.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Chèques reçus, pas encore remis en banque :", "hint"))
        layout.addWidget(self.none)
        layout.addWidget(self.errors.field("cheques", self.table))
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.done_label)
        layout.addStretch()  # any height to spare goes under the form, not between rows
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.make_button.setEnabled(False)
        payments_ops.deposit_form(tasks, self, on_done=self._loaded)

    def _loaded(self, result) -> None:
        self.cheques, journals, today = result
        self.table.blockSignals(True)
        payments_table.fill(self.table, self.cheques, checkable=True)
        self.table.blockSignals(False)
        payments_table.fit(self.table, len(self.cheques), most=12)
        self.none.setVisible(not self.cheques)
        self.journal.clear()
        for journal in journals:
            self.journal.addItem(f"{journal.code} — {journal.label}", journal.id)
        bank = next((i for i, j in enumerate(journals) if j.code == "BQ"), 0)
        self.journal.setCurrentIndex(bank)
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.make_button.setEnabled(bool(self.cheques))
        self._count()

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)

    def chosen(self) -> list[int]:
        return [self.cheques[row].id for row in range(self.table.rowCount())
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _count(self) -> None:
        ids = set(self.chosen())
        total = sum((c.amount for c in self.cheques if c.id in ids), ZERO)
        self.total.setText(f"{len(ids)} chèque{'s' if len(ids) > 1 else ''} choisi"
                           f"{'s' if len(ids) > 1 else ''} : {fmt.money(Decimal(total))}")

    def make(self) -> None:
        self.errors.clear()
        self.make_button.setEnabled(False)
        payments_ops.deposit(self.tasks, self, payment_ids=self.chosen(),
                             day=self.day.date().toPython(),
                             journal_id=self.journal.currentData(), on_done=self._made,
                             on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.make_button.setEnabled(True)
        self.errors.present(self, error)

    def _made(self, result) -> None:
        slip_id, pdf, _changes = result
        self.slip = (slip_id, pdf)
        count = len(self.chosen())
        self.done_label.setText(
            f"Remise n° {slip_id} faite : {count} chèque{'s' if count > 1 else ''} "
            "verrouillé" + ("s" if count > 1 else "") + ". Le bordereau s'ouvre pour être "
            "imprimé.")
        self.table.setEnabled(False)
        self.all_button.setEnabled(False)
        self.make_button.hide()
        self.save_button.show()
        self.show_pdf()

    def file_name(self) -> str:
        return f"Remise de chèques {self.slip[0]}.pdf" if self.slip else ""

    def show_pdf(self) -> None:
        from extradesk.ui.documents.pdf_view import PdfViewer

        self.viewer = PdfViewer(self.slip[1], file_name=self.file_name(), tasks=self.tasks,
                                parent=self)
        self.viewer.show()

    def save_pdf(self) -> None:
        from extradesk.ui.documents import pdf_actions

        if self.slip is not None:
            pdf_actions.save_bytes(self, self.tasks, self.slip[1], self.file_name())
