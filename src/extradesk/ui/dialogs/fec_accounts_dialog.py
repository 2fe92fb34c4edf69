"""Comptes du FEC: the roots of the client and VAT collected accounts, and the account of each
cash/bank journal, as the accountant wants them in the FEC."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.ops import exports as exports_ops
from extradesk.ui.tasks import Tasks


class FecAccountsDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Comptes du FEC")
        self.setObjectName("fecAccountsDialog")
        self.setMinimumWidth(560)
        self.tasks = tasks
        self.client_root = QLineEdit(objectName="fecClientRoot")
        self.vat_root = QLineEdit(objectName="fecVatRoot")
        self.bank = QLineEdit(objectName="fecBank")
        self.journals = QLineEdit(objectName="fecJournals")
        self.journals.setPlaceholderText("CA=530000, BQ=512000")
        form = QFormLayout()
        form.addRow("Racine des comptes clients", self.client_root)
        form.addRow("Racine de la TVA collectée", self.vat_root)
        form.addRow("Compte de banque par défaut", self.bank)
        form.addRow("Comptes des journaux (code=compte)", self.journals)
        self.error = QLabel(objectName="fecAccountsError")
        self.error.setWordWrap(True)
        help_text = QLabel("Compte client = racine + n° du client sur 6 chiffres ; TVA = "
                           "racine + taux × 10 sur 3 chiffres (200 pour 20 %, 055 pour "
                           "5,5 %).")
        help_text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Enregistrer")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        exports_ops.accounting(tasks, self, on_done=self._show)

    def _show(self, settings) -> None:
        self.client_root.setText(settings.client_root)
        self.vat_root.setText(settings.vat_root)
        self.bank.setText(settings.bank_account)
        self.journals.setText(", ".join(f"{code}={account}" for code, account
                                        in sorted(settings.journal_accounts.items())))

    def _journal_accounts(self) -> dict[str, str]:
        found = {}
        for pair in self.journals.text().split(","):
            code, _, account = pair.partition("=")
            if code.strip():
                found[code.strip().upper()] = account.strip()
        return found

    def save(self) -> None:
        from extradesk.ui import errors

        self.error.setText("")
        exports_ops.save_accounting(
            self.tasks, self, client_root=self.client_root.text().strip(),
            vat_root=self.vat_root.text().strip(), bank_account=self.bank.text().strip(),
            journal_accounts=self._journal_accounts(), on_done=lambda _r: self.accept(),
            on_error=lambda e: self.error.setText(errors.describe(e)))
