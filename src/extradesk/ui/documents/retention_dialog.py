"""« Libérer la retenue… » on an issued invoice: the retenue de garantie it holds, released
by the client's payment (the amount becomes owed) or replaced by a bank guarantee (caution,
its reference). The service checks the answer; the editor shows its refusal in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.services.documents.retention import RetentionRow
from extradesk.ui.style import error_label, label, primary


class ReleaseDialog(QDialog):
    """Emits `chosen((kind, day, reference or None))`, kind `paiement` or `caution`."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget, row: RetentionRow, today) -> None:
        super().__init__(parent)
        self.setObjectName("releaseDialog")
        self.setWindowTitle("Libérer la retenue de garantie")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        column = QVBoxLayout(self)
        column.addWidget(label(
            f"Facture {row.number} — {row.client_name} : retenue de "
            f"{fmt.decimal(row.percent, 2 if row.percent % 1 else 0)} %, "
            f"{fmt.money(row.amount)}, libérable le {fmt.day(row.release_date)}.", wrap=True))
        self.by_payment = QRadioButton("Payée par le client (le montant devient dû)")
        self.by_payment.setObjectName("byPayment")
        self.by_payment.setChecked(True)
        self.by_caution = QRadioButton("Remplacée par une caution bancaire (soldée)")
        self.by_caution.setObjectName("byCaution")
        column.addWidget(self.by_payment)
        column.addWidget(self.by_caution)
        column.addWidget(label("Date (jj/mm/aaaa) :"))
        self.day = QLineEdit(fmt.day(today))
        self.day.setObjectName("releaseDay")
        column.addWidget(self.day)
        column.addWidget(label("Référence (n° de caution, de chèque…, facultatif) :"))
        self.reference = QLineEdit()
        self.reference.setObjectName("releaseReference")
        column.addWidget(self.reference)
        self.error = error_label()
        column.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = primary(buttons.addButton(
            "Libérer", QDialogButtonBox.ButtonRole.AcceptRole))
        self.ok_button.setObjectName("okButton")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def _ok(self) -> None:
        try:
            day = fmt.parse_day(self.day.text())
        except ValueError:
            day = None
        if day is None:
            self.error.setText(f"Date : « {self.day.text().strip()} » n'est pas une date "
                               "(jj/mm/aaaa).")
            return
        kind = "paiement" if self.by_payment.isChecked() else "caution"
        self.chosen.emit((kind, day, self.reference.text().strip() or None))
        self.accept()
