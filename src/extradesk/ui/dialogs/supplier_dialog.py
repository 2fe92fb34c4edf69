"""The supplier record: name, contact, e-mail, phone and the customer number the supplier
gave the business (asked for on every order by phone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from extradesk.i18n import format as fmt
from extradesk.services.articles.dto import SupplierInput
from extradesk.ui.ops import catalogues as catalogues_ops
from extradesk.ui.style import primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit, text_or_none


class SupplierDialog(QDialog):
    saved = Signal(int)  # the supplier id, new or not

    def __init__(self, tasks: Tasks, supplier_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplierDialog")
        self.setWindowTitle("Nouveau fournisseur" if supplier_id is None else "Fournisseur")
        self.setMinimumWidth(520)
        self.tasks, self.supplier_id = tasks, supplier_id
        self.errors = FormErrors()
        self.name = line_edit("label", placeholder="Aqua Distribution")
        self.contact = line_edit("contact", placeholder="Nom de votre interlocuteur")
        self.email = line_edit("email", placeholder="commandes@fournisseur.fr")
        self.phone = line_edit("phone", placeholder="04 50 12 34 56", width=180)
        self.customer_number = line_edit("customer_number", width=180)
        self.customer_number.setToolTip("Le numéro de compte que le fournisseur vous a "
                                        "attribué (rappelé à chaque commande)")
        e = self.errors
        form = form_layout()
        form.addRow("Nom", e.field("label", self.name))
        form.addRow("Contact", e.field("contact", self.contact))
        form.addRow("E-mail", e.field("email", self.email))
        form.addRow("Téléphone", e.field("phone", self.phone))
        form.addRow("Votre n° de client", e.field("customer_number", self.customer_number))
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveSupplier")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.panel)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.loaded = supplier_id is None
        if supplier_id is not None:
            self.save_button.setEnabled(False)  # until the record is shown: never save blanks
            catalogues_ops.get_supplier(tasks, self, supplier_id=supplier_id, on_done=self._show)

    def _show(self, data: SupplierInput) -> None:
        self.setWindowTitle(f"Fournisseur {data.label}")
        self.name.setText(data.label or "")
        self.contact.setText(data.contact or "")
        self.email.setText(data.email or "")
        self.phone.setText(fmt.phone(data.phone))
        self.customer_number.setText(data.customer_number or "")
        self.save_button.setEnabled(True)
        self.loaded = True

    def data(self) -> SupplierInput:
        return SupplierInput(*(text_or_none(edit) for edit in (
            self.name, self.contact, self.email, self.phone, self.customer_number)))

    def save(self) -> None:
        def done(result) -> None:
            self.supplier_id = result[0]
            self.saved.emit(self.supplier_id)
            self.accept()

        catalogues_ops.save_supplier(self.tasks, self, supplier_id=self.supplier_id,
                                     data=self.data(), on_done=done,
                                     on_error=lambda e: self.errors.present(self, e))
