"""« Modèles de messages »: the subject and body of each kind of mail, with the fields they
may use; a field the templates do not know is refused in French, nothing saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.ops import mail as mail_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

KIND_LABELS = {"devis": "Devis", "commande": "Commande", "facture": "Facture",
               "acompte": "Facture d'acompte", "avoir": "Avoir",
               "alerte": "Message libre à un client", "test": "Message d'essai du compte"}
FIELD_HELP = {"civilite": "M., Mme…", "nom": "nom du client", "numero": "numéro de la pièce",
              "total_ttc": "total TTC", "valable_jusqu_au": "fin de validité du devis",
              "echeance": "date d'échéance", "signature": "votre nom, l'entreprise, téléphone"}


class TemplatesDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle("Modèles de messages")
        self.setMinimumWidth(600)
        self.tasks = tasks
        self.texts: dict[str, tuple[str, str]] = {}
        self.errors = FormErrors()
        self.kind = QComboBox()
        self.kind.setObjectName("templateKind")
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setMinimumHeight(220)
        self.fields = label("", "hint", wrap=True)
        self.fields.setObjectName("templateFields")
        self.message = label("", "hint")
        self.message.setObjectName("templateMessage")
        form = form_layout()
        form.addRow("Message", self.kind)
        form.addRow("Objet", self.errors.field("subject", self.subject))
        form.addRow("Texte", self.errors.field("body", self.body))
        self.reset_button = QPushButton("Rétablir le modèle d'origine")
        self.reset_button.setObjectName("templateReset")
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer ce modèle",
                                                     QDialogButtonBox.ButtonRole.ApplyRole))
        self.save_button.setObjectName("templateSave")
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.message)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.save_button.setEnabled(False)
        mail_ops.templates_form(tasks, self, on_done=self._loaded)

    def _loaded(self, state: dict) -> None:
        self.texts = dict(state["kinds"])
        for kind in self.texts:
            self.kind.addItem(KIND_LABELS.get(kind, kind), kind)
        self.fields.setText("Champs possibles : " + ", ".join(
            f"{{{f}}} ({FIELD_HELP.get(f, f)})" for f in state["fields"]))
        self.kind.currentIndexChanged.connect(lambda _i: self._show())
        self._show()
        self.save_button.setEnabled(True)

    def _show(self) -> None:
        subject, body = self.texts[self.kind.currentData()]
        self.errors.clear()
        self.message.clear()
        self.subject.setText(subject)
        self.body.setPlainText(body)

    def save(self) -> None:
        kind, subject, body = (self.kind.currentData(), self.subject.text(),
                               self.body.toPlainText())
        self.errors.clear()

        def saved(_changes) -> None:
            self.texts[kind] = (subject.strip(), body)
            self.message.setText("Modèle enregistré.")

        mail_ops.save_template(self.tasks, self, kind=kind, subject=subject, body=body,
                               on_done=saved,
                               on_error=lambda error: self.errors.present(self, error))

    def reset(self) -> None:
        kind = self.kind.currentData()

        def done(result) -> None:
            self.texts[kind] = result[0]
            self._show()
            self.message.setText("Modèle d'origine rétabli.")

        mail_ops.reset_template(self.tasks, self, kind=kind, on_done=done)
