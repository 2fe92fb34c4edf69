"""The first step on a new database: « Votre entreprise », the few facts every quote and invoice
prints at its top (the rest — legal form, RCS, VAT number, insurance — in the company dialog)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from extradesk.core.errors import ValidationError
from extradesk.core.legal import CompanyIdentity
from extradesk.services import company
from extradesk.ui.ops import company as company_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit

# (field, caption, placeholder, width): the identity block of every printed document
FIELDS = (
    ("name", "Raison sociale", "Nom imprimé sur les devis et factures", None),
    ("line1", "Adresse", "N° et rue", None),
    ("siret", "SIRET", "14 chiffres", 200),
    ("phone", "Téléphone", "04 78 12 34 56", 200),
    ("email", "E-mail", "contact@exemple.fr", None),
)


def offer_first_run(parent: QWidget, tasks: Tasks) -> None:
    """Once the session is ready: on a new empty database, open the step (once, ever)."""

    def answered(result) -> None:
        wanted, identity = result
        if wanted:
            dialog = FirstRunDialog(tasks, identity, parent=parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    company_ops.first_run_wanted(tasks, parent, on_done=answered)


class FirstRunDialog(QDialog):
    saved = Signal()

    def __init__(self, tasks: Tasks, identity: CompanyIdentity,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Votre entreprise")
        self.setMinimumWidth(560)
        self._tasks = tasks
        self._initial = identity
        self.errors = FormErrors()
        self.edits = {}
        form = form_layout()
        for name, caption, placeholder, width in FIELDS:
            self.edits[name] = line_edit(name, placeholder=placeholder, width=width)
            form.addRow(caption, self.errors.field(name, self.edits[name]))
            if name == "line1":
                postal, city = line_edit("postal_code", width=80), line_edit("city")
                self.edits.update(postal_code=postal, city=city)
                form.addRow("Code postal, ville", self.errors.pair(("postal_code", postal),
                                                                   ("city", city)))
        for name, edit in self.edits.items():
            edit.setText(getattr(identity, name) or "")

        self.buttons = QDialogButtonBox()
        self.save_button = primary(self.buttons.addButton(
            "Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveFirstRun")
        later = self.buttons.addButton("Plus tard", QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("laterFirstRun")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.later)

        layout = QVBoxLayout(self)
        layout.addWidget(label("Bienvenue ! Ces informations s'impriment en tête de chaque "
                               "devis et facture. La forme juridique, le RCS, le n° de TVA et "
                               "l'assurance décennale se complètent ensuite dans Fichier › "
                               "Entreprise…", "hint", wrap=True))
        layout.addWidget(self.errors.panel)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def identity(self) -> CompanyIdentity:
        return replace(self._initial, **{name: edit.text() for name, edit in self.edits.items()})

    def save(self) -> None:
        data, problems = company.validate(self.identity())  # pure: same checks as the service
        if problems:
            self.errors.show(ValidationError(problems))
            return
        self.errors.clear()
        self.save_button.setEnabled(False)
        company_ops.first_run_done(self._tasks, self, data=data, on_done=self._saved,
                                   on_error=self._refused)

    def _saved(self, _changes) -> None:
        self.saved.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.present(self, error)

    def later(self) -> None:
        company_ops.first_run_done(self._tasks, self.parentWidget(), data=None)
        self.reject()
