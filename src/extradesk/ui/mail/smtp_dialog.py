"""The "Configurateur SMTP": the account mail leaves from, per user or the company's, with
provider presets, the password kept in the keyring, "Tester" (a mail to the user himself,
sent on the network pool) and deliverability advice (SPF, From domain; advice, never a
block)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import messages
from extradesk.ui import errors
from extradesk.ui.ops import mail as mail_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout, line_edit

COMPANY = "Compte de l'entreprise (partagé par tous les utilisateurs)"
SECURITIES = (("starttls", "STARTTLS (port 587)"), ("ssl", "SSL/TLS (port 465)"),
              ("none", "Aucune (réseau local seulement)"))
OTHER = "other"


class SmtpDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smtpDialog")
        self.setWindowTitle("Compte d'envoi des e-mails (Configurateur SMTP)")
        self.setMinimumWidth(560)
        self.tasks = tasks
        self.state: dict | None = None
        self.errors = FormErrors()
        self.owner = QComboBox()
        self.owner.setObjectName("smtpOwner")
        self.provider = QComboBox()
        self.provider.setObjectName("smtpProvider")
        self.host = line_edit("host", placeholder="smtp.votre-domaine.fr")
        self.port = line_edit("port", width=80)
        self.security = QComboBox()
        self.security.setObjectName("security")
        for key, text in SECURITIES:
            self.security.addItem(text, key)
        self.sender_name = line_edit("sender_name", placeholder="Piscines Azur")
        self.sender_address = line_edit("sender_address",
                                        placeholder="contact@votre-domaine.fr")
        self.login = line_edit("login", placeholder="souvent l'adresse e-mail ; vide : aucun")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.provider_note = label("", "hint", wrap=True)
        self.provider_note.setObjectName("smtpProviderNote")
        server = QHBoxLayout()
        server.addWidget(self.errors.field("host", self.host), 1)
        server.addWidget(label("Port"))
        server.addWidget(self.errors.field("port", self.port))
        form = form_layout()
        form.addRow("Compte de", self.owner)
        form.addRow("Fournisseur", self.provider)
        form.addRow("", self.provider_note)
        form.addRow("Serveur SMTP", server)
        form.addRow("Sécurité", self.errors.field("security", self.security))
        form.addRow("Nom de l'expéditeur", self.errors.field("sender_name", self.sender_name))
        form.addRow("Adresse de l'expéditeur",
                    self.errors.field("sender_address", self.sender_address))
        form.addRow("Identifiant", self.login)
        form.addRow("Mot de passe", self.password)
        self.message = label("", "hint", wrap=True)
        self.message.setObjectName("smtpMessage")
        self.test_button = QPushButton("Tester")
        self.test_button.setObjectName("smtpTest")
        self.test_button.setToolTip("Enregistre le compte puis vous envoie un message d'essai")
        self.hints_button = QPushButton("Conseils de délivrabilité")
        self.hints_button.setObjectName("smtpHints")
        self.hints_button.setToolTip("Vérifie le SPF du domaine de l'expéditeur (DNS)")
        tools = QHBoxLayout()
        tools.addWidget(self.test_button)
        tools.addWidget(self.hints_button)
        tools.addStretch()
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("smtpSave")
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(lambda: self.save(then=self.accept))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Envoyez devis et factures par le serveur de votre propre "
                               "messagerie : ils n'arrivent pas en indésirables.", "hint",
                               wrap=True))
        layout.addLayout(form)
        layout.addLayout(tools)
        layout.addWidget(self.message)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.test_button.clicked.connect(self.test)
        self.hints_button.clicked.connect(self.hints)
        self._set_busy(True)
        mail_ops.account_form(tasks, self, on_done=self._loaded)

    # -- loading -----------------------------------------------------------------------------

    def _loaded(self, state: dict) -> None:
        self.state = state
        self.owner.addItem(COMPANY, None)
        for user in state["users"]:
            self.owner.addItem(f"{user.name} (son propre compte)", user.id)
        self.provider.addItem("Autre fournisseur", OTHER)
        for key, preset in state["presets"].items():
            self.provider.addItem(preset.label, key)
        mine = state["accounts"].get(state["me"])
        self.owner.setCurrentIndex(max(self.owner.findData(state["me"] if mine else None), 0))
        self._show_account()
        self.owner.currentIndexChanged.connect(lambda _i: self._show_account())
        self.provider.currentIndexChanged.connect(lambda _i: self._preset())
        self._set_busy(False)

    def _show_account(self) -> None:
        account = self.state["accounts"].get(self.owner.currentData())
        self.errors.clear()
        self.message.clear()
        self.provider.blockSignals(True)
        self.provider.setCurrentIndex(max(self.provider.findData(
            account.provider if account else OTHER), 0))
        self.provider.blockSignals(False)
        self.host.setText(account.host if account else "")
        self.port.setText(str(account.port) if account else "587")
        self.security.setCurrentIndex(max(self.security.findData(
            account.security if account else "starttls"), 0))
        self.sender_name.setText(account.sender_name or "" if account else "")
        self.sender_address.setText(account.sender_address if account else "")
        self.login.setText(account.login or "" if account else "")
        self.password.clear()
        self.password.setPlaceholderText("inchangé (gardé dans le trousseau du système)"
                                         if account and account.login else "")
        self._note()

    def _preset(self) -> None:
        preset = self.state["presets"].get(self.provider.currentData())
        if preset is not None:
            self.host.setText(preset.host)
            self.port.setText(str(preset.port))
            self.security.setCurrentIndex(max(self.security.findData(preset.security), 0))
        self._note()

    def _note(self) -> None:
        preset = self.state["presets"].get(self.provider.currentData())
        note = f"Chez {preset.label}, utilisez un {preset.note}." if preset and preset.note \
            else ""
        self.provider_note.setText(note)
        self.provider_note.setVisible(bool(note))

    # -- actions -----------------------------------------------------------------------------

    def values(self) -> dict:
        return {"host": self.host.text(), "port": self.port.text(),
                "security": self.security.currentData(),
                "sender_address": self.sender_address.text(),
                "sender_name": self.sender_name.text(), "login": self.login.text(),
                "provider": self.provider.currentData()}

    def _set_busy(self, busy: bool) -> None:
        for button in (self.save_button, self.test_button, self.hints_button):
            button.setEnabled(not busy)

    def save(self, *, then=None) -> None:
        self._set_busy(True)
        self.errors.clear()
        owner = self.owner.currentData()
        password = self.password.text() if self.password.text() or not self._stored() \
            else None

        def saved(result) -> None:
            self._set_busy(False)
            self.state["accounts"][owner] = result[0]
            self.password.clear()
            self.password.setPlaceholderText("inchangé (gardé dans le trousseau du système)"
                                             if result[0].login else "")
            if then is not None:
                then()

        mail_ops.save_account(self.tasks, self, user_id=owner, values=self.values(),
                              password=password, on_done=saved, on_error=self._refused)

    def _stored(self) -> bool:
        account = self.state["accounts"].get(self.owner.currentData())
        return account is not None and bool(account.login)

    def test(self) -> None:
        """Save, then send a test mail to the user (read, then network)."""
        user = self.owner.currentData() or self.state["me"]
        self.save(then=lambda: self._test(user))

    def _test(self, user_id: int) -> None:
        self._set_busy(True)
        self.message.setText("Envoi du message d'essai…")
        mail_ops.test_read(self.tasks, self, user_id=user_id, on_error=self._test_failed,
                           on_done=lambda trial: mail_ops.test_send(
                               self.tasks, self, trial=trial, on_error=self._test_failed,
                               on_done=lambda to: self._tested(to, trial.settings.host)))

    def _tested(self, to: str, host: str) -> None:
        self._set_busy(False)
        self.message.setText(messages.text("mail.test_sent", address=to, host=host))

    def _test_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(f"L'essai a échoué : {errors.describe(error)}")

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.clear()
        self.errors.present(self, error)

    def hints(self) -> None:
        values = self.values()
        if not values["sender_address"].strip() or not values["host"].strip():
            self.message.setText("Renseignez d'abord le serveur et l'adresse de l'expéditeur.")
            return
        try:
            int(values["port"])
        except ValueError:
            values["port"] = 0
        self._set_busy(True)
        self.message.setText("Vérification du domaine de l'expéditeur…")
        mail_ops.spf_hints(self.tasks, self, values=values, on_done=self._hinted,
                           on_error=self._test_failed)

    def _hinted(self, hints) -> None:
        self._set_busy(False)
        if not hints:
            self.message.setText("Rien à signaler : le SPF du domaine autorise ce serveur.")
            return
        lines = [messages.text(message_id, **params) for message_id, params in hints]
        self.message.setText("Conseils (l'envoi reste possible) :\n• " + "\n• ".join(lines))



def setup_button(tasks: Tasks, parent: QWidget, then) -> QPushButton:
    """« Configurer le compte d'envoi… » for a dialog that found no account: opens this
    dialog, then calls `then()` once it is closed (to prepare the mail again)."""
    button = QPushButton("Configurer le compte d'envoi…")
    button.setObjectName("mailSetupAccount")
    button.hide()

    def open_dialog() -> None:
        dialog = SmtpDialog(tasks, parent)
        parent.smtp_dialog = dialog  # tests reach it here
        dialog.finished.connect(lambda _r: then())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    button.clicked.connect(open_dialog)
    return button


def no_account(error: BaseException) -> bool:
    return getattr(error, "message_id", None) == "mail.no_account"
