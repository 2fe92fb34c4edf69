"""« Attestation TVA réduite… »: the day the client signed the attestation (works at 10 % or
5,5 % in a dwelling over two years old) and its scanned file, recorded on this document.

Opens window-modal and shows what is recorded already (here or on the source quote); the
service checks the answer and the editor shows its refusal in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.services.documents.attestation import Attestation
from extradesk.ui.style import error_label, label, primary


class AttestationDialog(QDialog):
    """Emits `chosen((day, path or None))` once the date reads as a French date."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget, today, current: Attestation | None,
                 here: bool) -> None:
        super().__init__(parent)
        self.setObjectName("attestationDialog")
        self.setWindowTitle("Attestation TVA réduite")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        column = QVBoxLayout(self)
        column.addWidget(label(
            "Travaux à 10 % ou 5,5 % dans un logement achevé depuis plus de deux ans : "
            "l'attestation signée par le client est exigée avant d'émettre la facture. "
            "Enregistrée sur le devis, elle vaut pour la commande et les factures qui en "
            "découlent.", wrap=True))
        if current is None:
            state = "Aucune attestation enregistrée."
        else:
            where = "sur cette pièce" if here else "sur la pièce d'origine (devis)"
            kept = f" — fichier « {current.name} »" if current.name else " — sans fichier"
            state = f"Attestation du {fmt.day(current.day)} enregistrée {where}{kept}."
        self.state = label(state, "attestationState", wrap=True)
        column.addWidget(self.state)
        column.addWidget(label("Date de signature (jj/mm/aaaa) :"))
        self.day = QLineEdit(fmt.day(current.day if current else today))
        self.day.setObjectName("attestationDay")
        column.addWidget(self.day)
        column.addWidget(label("Fichier scanné (PDF ou image, facultatif) :"))
        row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setObjectName("attestationFile")
        self.file.setPlaceholderText("Aucun fichier choisi")
        browse = QPushButton("Parcourir…")
        browse.setObjectName("browseAttestation")
        browse.clicked.connect(self._browse)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        column.addLayout(row)
        self.error = error_label()
        self.error.setObjectName("dialogError")
        column.addWidget(self.error)
        buttons = QDialogButtonBox()
        ok = primary(buttons.addButton("Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        ok.setObjectName("okButton")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Attestation TVA réduite", "",
            "Attestations (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tous les fichiers (*)")
        if path:
            self.file.setText(path)

    def _ok(self) -> None:
        try:
            day = fmt.parse_day(self.day.text())
        except ValueError:  # not a date at all, or a 31 February
            day = None
        if day is None:
            self.error.setText(f"Date : « {self.day.text().strip()} » n'est pas une date "
                               "(jj/mm/aaaa).")
            return
        self.chosen.emit((day, self.file.text().strip() or None))
        self.accept()
