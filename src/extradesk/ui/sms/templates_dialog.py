"""« Modèles de SMS »: the appointment reminder, the « rendez-vous déplacé » notice and the
quote follow-up, with their fields and the live count of characters and SMS; an unknown
field is refused in French, nothing saved; an empty text restores the original."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n.sms import DEFAULT_TEMPLATES, TEMPLATE_FIELDS
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.sms import text_counter
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

KIND_LABELS = {"rappel": "Rappel de rendez-vous", "deplace": "Rendez-vous déplacé",
               "relance": "Relance de devis"}
FIELD_HELP = {"civilite": "M., Mme…", "nom": "nom du client", "date": "date du rendez-vous",
              "heure": "heure du rendez-vous", "adresse": "lieu", "entreprise": "votre "
              "entreprise", "telephone_entreprise": "son téléphone", "numero": "n° du devis",
              "date_devis": "date du devis", "montant": "montant TTC"}


class SmsTemplatesDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smsTemplatesDialog")
        self.setWindowTitle("Modèles de SMS")
        self.setMinimumWidth(600)
        self.tasks = tasks
        self.texts: dict[str, str] = {}
        self.errors = FormErrors()
        self.kind = QComboBox()
        self.kind.setObjectName("smsTemplateKind")
        self.body = QPlainTextEdit()
        self.body.setObjectName("smsTemplateBody")
        self.body.setMinimumHeight(140)
        self.count = label("", "hint")
        self.count.setObjectName("smsTemplateCount")
        self.fields = label("", "hint", wrap=True)
        self.message = label("", "hint")
        self.message.setObjectName("smsTemplateMessage")
        form = form_layout()
        form.addRow("SMS", self.kind)
        form.addRow("Texte", self.errors.field("text", self.body))
        form.addRow("", self.count)
        self.reset_button = QPushButton("Rétablir le modèle d'origine")
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer ce modèle",
                                                     QDialogButtonBox.ButtonRole.ApplyRole))
        self.save_button.setObjectName("smsTemplateSave")
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
        self.body.textChanged.connect(self._count)
        self.save_button.setEnabled(False)
        sms_ops.templates(tasks, self, on_done=self._loaded)

    def _loaded(self, texts: dict) -> None:
        self.texts = dict(texts)
        for kind in self.texts:
            self.kind.addItem(KIND_LABELS.get(kind, kind), kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._show())
        self._show()
        self.save_button.setEnabled(True)

    def _show(self) -> None:
        kind = self.kind.currentData()
        self.errors.clear()
        self.message.clear()
        self.body.setPlainText(self.texts[kind])
        self.fields.setText("Champs possibles : " + ", ".join(
            f"{{{f}}} ({FIELD_HELP.get(f, f)})" for f in TEMPLATE_FIELDS[kind]))

    def _count(self) -> None:
        self.count.setText("Modèle seul, champs non remplis : " + text_counter.describe(
            text_counter.analyse(self.body.toPlainText())))

    def save(self, *, body: str | None = None) -> None:
        kind = self.kind.currentData()
        text = self.body.toPlainText() if body is None else body
        self.errors.clear()

        def saved(result) -> None:
            self.texts[kind] = result[0]
            if result[0] != self.body.toPlainText():
                self.body.setPlainText(result[0])
            self.message.setText("Modèle d'origine rétabli." if result[0] ==
                                 DEFAULT_TEMPLATES[kind] and body == "" else
                                 "Modèle enregistré.")

        sms_ops.save_template(self.tasks, self, kind=kind, body=text, on_done=saved,
                              on_error=lambda error: self.errors.present(self, error))

    def reset(self) -> None:
        self.save(body="")
