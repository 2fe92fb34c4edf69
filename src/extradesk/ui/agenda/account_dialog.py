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
        tasks.run_in_db(self._load, self._loaded, owner=self)

    def _load(self, ctx):
        from extradesk.services.agenda import accounts as agenda_accounts

        user = self.user_id if self.user_id is not None else ctx.user_id
        return user, agenda_accounts.PROVIDERS, agenda_accounts.get_account(ctx, user)

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

    def _network(self, fn, on_done) -> None:
        self.error.hide()
        self.message.setText("Connexion au serveur…")
        for button in (self.list_button, self.save_button):
            button.setEnabled(False)
        self.tasks.run_network(fn, on_done, on_error=self._refused, owner=self)

    def list_calendars(self) -> None:
        url, login, password = self.url.text(), self.login.text(), self.password.text()

        def job():
            from extradesk.services.agenda import accounts as agenda_accounts

            return agenda_accounts.list_calendars(url, login, password)

        self._network(job, self._listed)

    def _listed(self, calendars) -> None:
        self._idle()
        self.calendar.clear()
        self.calendar.addItem(NEW_CALENDAR, None)
        for _url, name in calendars:
            self.calendar.addItem(name, name)
        if calendars:
            self.calendar.setCurrentIndex(1)
        self.message.setText(f"{len(calendars)} agenda(s) trouvé(s) sur le serveur.")

    def save(self) -> None:
        # save_account reads and writes two small rows around its network calls; it runs
        # here, on the network pool, as its service documents (a slow server must not hold
        # the database worker).
        ctx, user_id = self.tasks.ctx, self.user_id
        values = {"url": self.url.text(), "login": self.login.text(),
                  "password": self.password.text(), "provider": self.provider.currentData(),
                  "calendar": self.calendar.currentData(), "enabled": self.enabled.isChecked()}

        def job():
            from extradesk.services.agenda import accounts as agenda_accounts

            return agenda_accounts.save_account(ctx, user_id, **values)

        self._network(job, self._saved)

    def _saved(self, result) -> None:
        self._idle()
        self.tasks.changed.emit(result[1])  # saved off the DB worker: tell the pages here
        self.accept()

    def _idle(self) -> None:
        for button in (self.list_button, self.save_button):
            button.setEnabled(True)

    def _refused(self, error: BaseException) -> None:
        self._idle()
        self.message.setText("")
        self.error.setText(errors.describe(error))
        self.error.show()
