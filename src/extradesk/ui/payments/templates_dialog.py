"""« Modèles de relance »: the subject and letter of each of the three levels, with the
fields they may use; a field the letters do not know is refused in French, nothing saved."""

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

from extradesk.i18n.payments import LEVEL_TITLES
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

FIELD_HELP = {"civilite": "M., Mme…", "nom": "nom du client", "societe": "société",
              "numero": "n° de facture", "date_facture": "date de la facture",
              "echeance": "échéance", "montant": "net à payer", "deja_regle": "déjà réglé",
              "reste": "reste dû", "jours_retard": "jours de retard",
              "penalites": "phrase des pénalités de retard",
              "indemnite": "indemnité de 40 € (clients professionnels seulement)",
              "signature": "l'entreprise, téléphone, e-mail"}


class ReminderTemplatesDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderTemplatesDialog")
        self.setWindowTitle("Modèles de relance")
        self.setMinimumWidth(640)
        self.tasks = tasks
        self.texts: dict[int, tuple[str, str]] = {}
        self.errors = FormErrors()
        self.level = QComboBox()
        self.level.setObjectName("reminderLevel")
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setMinimumHeight(280)
        self.fields = label("", "hint", wrap=True)
        self.message = label("", "hint")
        self.message.setObjectName("templateMessage")
        form = form_layout()
        form.addRow("Niveau", self.level)
        form.addRow("Objet", self.errors.field("subject", self.subject))
        form.addRow("Courrier", self.errors.field("body", self.body))
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer ce modèle",
                                                     QDialogButtonBox.ButtonRole.ApplyRole))
        self.save_button.setObjectName("templateSave")
        self.reset_button = QPushButton("Rétablir le modèle d'origine")
        self.reset_button.setObjectName("templateReset")
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
        payments_ops.templates(tasks, self, on_done=self._loaded)

    def _loaded(self, result) -> None:
        texts, fields = result
        self.texts = dict(texts)
        for level in self.texts:
            self.level.addItem(f"{level} — {LEVEL_TITLES[level]}", level)
        self.fields.setText("Champs possibles : " + ", ".join(
            f"{{{f}}} ({FIELD_HELP.get(f, f)})" for f in fields)
            + ". Un paragraphe vide (l'indemnité d'un particulier) disparaît du courrier.")
        self.level.currentIndexChanged.connect(lambda _i: self._show())
        self._show()
        self.save_button.setEnabled(True)

    def _show(self) -> None:
        subject, body = self.texts[self.level.currentData()]
        self.errors.clear()
        self.message.clear()
        self.subject.setText(subject)
        self.body.setPlainText(body)

    def save(self) -> None:
        level, subject, body = (self.level.currentData(), self.subject.text(),
                                self.body.toPlainText())
        self.errors.clear()

        def saved(_changes) -> None:
            self.texts[level] = (subject.strip(), body)
            self.message.setText("Modèle enregistré.")

        payments_ops.save_template(self.tasks, self, level=level, subject=subject, body=body,
                                   on_done=saved,
                                   on_error=lambda error: self.errors.present(self, error))

    def reset(self) -> None:
        level = self.level.currentData()

        def done(result) -> None:
            self.texts[level] = result[0]
            self._show()
            self.message.setText("Modèle d'origine rétabli.")

        payments_ops.reset_template(self.tasks, self, level=level, on_done=done)
