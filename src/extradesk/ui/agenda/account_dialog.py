"""One user's CalDAV account: provider preset, URL, login, password (kept in the keyring),
the calendar (listed from the server in the background) and sync on/off.

Listing and saving talk to the server, so both run on the network pool (save_account checks
the password and finds or creates the calendar before anything is stored).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui import errors
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.style import error_label, label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import form_layout

NEW_CALENDAR = "Créer l'agenda « extradesk »"


class AccountDialog(QDialog):
    def __init__(self, tasks: Tasks, user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle("Compte d'agenda (synchronisation avec le téléphone)")
        self.setMinimumWidth(520)
        self.tasks, self.user_id = tasks, user_id
        self.provider = QComboBox()
        self.provider.setObjectName("accountProvider")
        self.host = QLineEdit()
        self.host.setPlaceholderText("cloud.exemple.fr (Nextcloud seulement)")
        self.url = QLineEdit()
        self.url.setObjectName("accountUrl")
        self.login = QLineEdit()
        self.login.setObjectName("accountLogin")
        self.password = QLineEdit()
        self.password.setObjectName("accountPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("mot de passe d'application conseillé")
        self.calendar = QComboBox()
        self.calendar.setObjectName("accountCalendar")
        self.calendar.addItem(NEW_CALENDAR, None)
        self.list_button = QPushButton("Lister les agendas")
        self.list_button.setObjectName("accountListCalendars")
        calendar_row = QHBoxLayout()
        calendar_row.addWidget(self.calendar, 1)
        calendar_row.addWidget(self.list_button)
        self.enabled = QCheckBox("Synchroniser automatiquement")
        self.enabled.setObjectName("accountEnabled")
        self.enabled.setChecked(True)
        self.message = label("", "hint", wrap=True)
        self.message.setObjectName("accountMessage")
        self.error = error_label()
        self.error.setObjectName("accountError")
        form = form_layout()
        form.addRow("Fournisseur", self.provider)
        form.addRow("Serveur Nextcloud", self.host)
        form.addRow("Adresse du serveur", self.url)
        form.addRow("Identifiant", self.login)
        form.addRow("Mot de passe", self.password)
        form.addRow("Agenda", calendar_row)
        form.addRow("", self.enabled)
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("accountSave")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.provider.currentIndexChanged.connect(lambda _i: self._preset())
        self.host.textEdited.connect(lambda _t: self._preset())
        self.list_button.clicked.connect(self.list_calendars)
        agenda_ops.account(tasks, self, user_id=self.user_id, on_done=self._loaded)

    def _loaded(self, state) -> None:
        self.user_id, providers, account = state
        self.provider.blockSignals(True)
        for key, text in providers.items():
            self.provider.addItem(text, key)
        self.provider.blockSignals(False)
        if account is not None:
            self.provider.setCurrentIndex(max(0, self.provider.findData(account.provider)))
            self.url.setText(account.url)
            self.login.setText(account.login)
            if account.calendar_name:
                self.calendar.addItem(account.calendar_name, account.calendar_name)
                self.calendar.setCurrentIndex(self.calendar.count() - 1)
            self.enabled.setChecked(account.enabled)
            self.message.setText("Saisissez le mot de passe : le compte est vérifié sur le "
                                 "serveur avant d'être enregistré.")
        else:
            self._preset()

    def _preset(self) -> None:
        from extradesk.services.agenda import accounts as agenda_accounts

        key = self.provider.currentData()
        self.host.setEnabled(key == "nextcloud")
        url = agenda_accounts.preset_url(key, self.host.text()) if key else None
        if url:
            self.url.setText(url)

    def _network(self, op, /, **arguments) -> None:
        """Run `op` of ui/ops/agenda.py, which talks to the server on the network pool."""
        self.error.hide()
        self.message.setText("Connexion au serveur…")
        for button in (self.list_button, self.save_button):
            button.setEnabled(False)
        op(self.tasks, self, on_error=self._refused, **arguments)

    def list_calendars(self) -> None:
        url, login, password = self.url.text(), self.login.text(), self.password.text()
        self._network(agenda_ops.list_calendars, url=url, login=login, password=password,
                      on_done=self._listed)

    def _listed(self, calendars) -> None:
        self._idle()
        self.calendar.clear()
        self.calendar.addItem(NEW_CALENDAR, None)
        for _url, name in calendars:
            self.calendar.addItem(name, name)
        if calendars:
            self.calendar.setCurrentIndex(1)
        from extradesk.i18n import format as fmt

        self.message.setText(fmt.count(len(calendars), "agenda trouvé", "agendas trouvés")
                             + " sur le serveur.")

    def save(self) -> None:
        # On the network pool, as the service documents (see ops.agenda.save_account).
        values = {"url": self.url.text(), "login": self.login.text(),
                  "password": self.password.text(), "provider": self.provider.currentData(),
                  "calendar": self.calendar.currentData(), "enabled": self.enabled.isChecked()}
        self._network(agenda_ops.save_account, user_id=self.user_id, values=values,
                      on_done=self._saved)

    def _saved(self, _result) -> None:
        self._idle()
        self.accept()

    def _idle(self) -> None:
        for button in (self.list_button, self.save_button):
            button.setEnabled(True)

    def _refused(self, error: BaseException) -> None:
        self._idle()
        self.message.setText("")
        self.error.setText(errors.describe(error))
        self.error.show()
