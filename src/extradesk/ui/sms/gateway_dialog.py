"""The SMS gateway settings: the provider (OVHcloud, Brevo, smsmode, Twilio, or the
business's own Android phone), its address where it has a choice, the sender name, the
account, the keys (kept in the keyring) and "Tester", which saves then sends one SMS to the
user's own mobile on the network pool and explains a failure in French."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import messages
from extradesk.i18n.sms import PROVIDERS
from extradesk.ui import errors
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit

SECRET_LABELS = {
    "application_key": "Application Key", "application_secret": "Application Secret",
    "consumer_key": "Consumer Key", "api_key": "Clé d'API", "account_sid": "Account SID",
    "auth_token": "Auth Token", "login": "Identifiant", "password": "Mot de passe",
}
NOTES = {
    "ovh": "Créez les clés sur eu.api.ovh.com/createToken (droit POST /sms/*). OVHcloud "
           "ajoute lui-même la mention STOP aux SMS commerciaux.",
    "brevo": "La clé d'API se crée dans Brevo › SMTP & API › Clés API.",
    "smsmode": "La clé d'API se crée dans votre espace smsmode › Paramètres › Clés API.",
    "twilio": "Account SID et Auth Token figurent sur la console Twilio ; l'expéditeur est "
              "un numéro Twilio (+33…) ou un nom alphanumérique autorisé.",
    "android": "Le téléphone de l'entreprise envoie les SMS avec sa propre carte SIM. Mode "
               "local : http://ADRESSE-DU-TÉLÉPHONE:8080 (même Wi-Fi) ; mode cloud : "
               "l'adresse proposée. Identifiant et mot de passe : ceux affichés par "
               "l'application. À réserver aux rappels : pas d'envois en masse.",
}
KEPT = "inchangé (gardé dans le trousseau du système)"
MAX_SECRETS = 3


class GatewayDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smsGatewayDialog")
        self.setWindowTitle("Passerelle d'envoi des SMS")
        self.setMinimumWidth(580)
        self.tasks = tasks
        self.state: dict | None = None
        self.errors = FormErrors()
        self.kind = QComboBox()
        self.kind.setObjectName("smsKind")
        for key, text in PROVIDERS.items():
            self.kind.addItem(text, key)
        self.note = label("", "hint", wrap=True)
        self.note.setObjectName("smsKindNote")
        self.url = line_edit("gateway_url")
        self.url_label = QLabel("Adresse de la passerelle")
        self.sender = line_edit("sender", placeholder="ex. PiscAzur (3 à 11 lettres ou "
                                                      "chiffres) ; vide : numéro du fournisseur")
        self.account = line_edit("account", placeholder="ex. sms-ab12345-1")
        self.account_label = QLabel("Service SMS (compte)")
        self.stop_number = line_edit("stop_number", placeholder="ex. 36111")
        self.secret_labels = [QLabel() for _ in range(MAX_SECRETS)]
        self.secrets = []
        for i in range(MAX_SECRETS):
            edit = QLineEdit()
            edit.setObjectName(f"smsSecret{i}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.secrets.append(edit)
        self.test_to = line_edit("to", placeholder="votre portable, ex. 06 12 34 56 78")
        form = form_layout()
        form.addRow("Fournisseur", self.kind)
        form.addRow(self.url_label, self.errors.field("gateway_url", self.url))
        form.addRow(self.account_label, self.errors.field("account", self.account))
        form.addRow("Nom d'expéditeur", self.errors.field("sender", self.sender))
        for text, edit in zip(self.secret_labels, self.secrets, strict=True):
            form.addRow(text, edit)
        self.secrets_error = self.errors.field("secrets", QWidget())
        form.addRow("", self.secrets_error)
        form.addRow("Numéro STOP (SMS commerciaux)",
                    self.errors.field("stop_number", self.stop_number))
        form.addRow("SMS d'essai vers", self.errors.field("to", self.test_to))
        self.form = form
        self.message = label("", "hint", wrap=True)
        self.message.setObjectName("smsMessage")
        self.test_button = QPushButton("Tester")
        self.test_button.setObjectName("smsTest")
        self.test_button.setToolTip("Enregistre la passerelle puis vous envoie un SMS d'essai")
        tools = QHBoxLayout()
        tools.addWidget(self.test_button)
        tools.addStretch()
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("smsSave")
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(lambda: self.save(then=self.accept))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Rappels de rendez-vous, relances de devis et campagnes partent "
                               "par ce fournisseur (ou votre propre téléphone).", "hint",
                               wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(tools)
        layout.addWidget(self.message)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.test_button.clicked.connect(self.test)
        self._set_busy(True)
        sms_ops.gateway_form(tasks, self, on_done=self._loaded)

    # -- loading -----------------------------------------------------------------------------

    def _loaded(self, state: dict) -> None:
        self.state = state
        gateway = state["gateway"]
        if gateway is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(gateway.kind), 0))
            self.url.setText(gateway.url if gateway.url != state["defaults"][gateway.kind]
                             else "")
            self.sender.setText(gateway.sender or "")
            self.account.setText(gateway.account or "")
            self.stop_number.setText(gateway.stop_number or "")
        self.test_to.setText(state["mobile"] or "")
        self._show_kind()
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self._set_busy(False)

    def _show_kind(self) -> None:
        kind = self.kind.currentData()
        names = self.state["secrets"][kind]
        saved = self.state["gateway"]
        kept = saved is not None and saved.kind == kind and self.state["stored"]
        for i, (text, edit) in enumerate(zip(self.secret_labels, self.secrets, strict=True)):
            shown = i < len(names)
            self.form.setRowVisible(edit, shown)
            if shown:
                text.setText(SECRET_LABELS.get(names[i], names[i]))
                edit.setPlaceholderText(KEPT if kept else "")
            edit.clear()
        self.form.setRowVisible(self.account_label, kind == "ovh")
        self.url.setPlaceholderText(self.state["defaults"][kind] if kind != "android"
                                    else "http://192.168.1.20:8080")
        self.note.setText(NOTES.get(kind, ""))
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    # -- actions -----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        for button in (self.save_button, self.test_button):
            button.setEnabled(not busy)

    def save(self, *, then=None) -> None:
        kind = self.kind.currentData()
        count = len(self.state["secrets"][kind])
        self._set_busy(True)
        self.errors.clear()

        def saved(result) -> None:
            self._set_busy(False)
            self.state["gateway"], self.state["stored"] = result[0], True
            self._show_kind()
            if then is not None:
                then()

        sms_ops.save_gateway(
            self.tasks, self, kind=kind, url=self.url.text().strip(),
            sender=self.sender.text().strip(),
            account=self.account.text().strip() if kind == "ovh" else "",
            stop_number=self.stop_number.text().strip(),
            secrets=[e.text().strip() for e in self.secrets[:count]],
            on_done=saved, on_error=self._refused)

    def test(self) -> None:
        """Save, then send one SMS (read on the worker, the SMS on the network pool)."""
        self.save(then=self._test)

    def _test(self) -> None:
        self._set_busy(True)
        self.message.setText("Envoi du SMS d'essai…")
        sms_ops.test_read(self.tasks, self, to=self.test_to.text().strip(),
                          on_error=self._test_failed,
                          on_done=lambda trial: sms_ops.test_send(
                              self.tasks, self, trial=trial, on_done=self._tested,
                              on_error=self._test_failed))

    def _tested(self, result) -> None:
        number, reference = result
        self._set_busy(False)
        self.message.setText(messages.text("sms.test_sent", provider=self.kind.currentData(),
                                           number=number, reference=reference or "—"))

    def _test_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        # The gateway's reasons are written for queued messages; the test SMS is not queued.
        text = re.sub(r" Le message reste dans la boîte d'envoi[^.]*\.", "",
                      errors.describe(error))
        self.message.setText(f"L'essai a échoué : {text}")

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.clear()
        self.errors.present(self, error)
