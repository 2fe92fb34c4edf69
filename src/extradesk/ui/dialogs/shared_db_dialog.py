"""Fichier › Base de données partagée… : the PostgreSQL server several PCs share — host, port,
base, user, password (kept in the keyring), Tester, Créer la base, and use it from the next start."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.ops import shared_db as shared_ops
from extradesk.ui.tasks import Tasks


class SharedDatabaseDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        from extradesk.services import shared_server

        super().__init__(parent)
        self.setObjectName("sharedDatabaseDialog")
        self.setWindowTitle("Base de données partagée")
        self._tasks = tasks
        saved = shared_server.load() or shared_server.ServerSettings()
        self.host = QLineEdit(saved.host)
        self.host.setPlaceholderText("nom ou adresse du poste serveur, ex. 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(saved.port))
        self.database = QLineEdit(saved.database)
        self.user = QLineEdit(saved.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("gardé dans le trousseau du système")
        form = QFormLayout()
        for text, widget, name in (("Serveur", self.host, "host"), ("Port", self.port, "port"),
                                   ("Base", self.database, "database"),
                                   ("Utilisateur", self.user, "user"),
                                   ("Mot de passe", self.password, "password")):
            widget.setObjectName(name)
            form.addRow(text, widget)
        self.status = QLabel("Plusieurs postes travaillent sur la même base : indiquez le "
                             "serveur PostgreSQL qui l'héberge.")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.test_button = QPushButton("Tester")
        self.create_button = QPushButton("Créer la base")
        self.save_button = QPushButton("Utiliser cette base")
        self.save_button.setToolTip("extradesk ouvrira cette base au prochain démarrage")
        close = QPushButton("Fermer")
        self.test_button.clicked.connect(self.test)
        self.create_button.clicked.connect(self.create)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.create_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(520, 300)

    def settings(self):
        from extradesk.services.shared_server import ServerSettings

        return ServerSettings(host=self.host.text().strip(), port=self.port.value(),
                              database=self.database.text().strip(),
                              user=self.user.text().strip())

    def _secret(self) -> str | None:
        return self.password.text() or None

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        for button in (self.test_button, self.create_button, self.save_button):
            button.setEnabled(False)

    def _show(self, text: str) -> None:
        self.status.setText(text)
        for button in (self.test_button, self.create_button, self.save_button):
            button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        from extradesk.ui import errors

        self._show(errors.describe(error))

    def test(self) -> None:
        from extradesk.i18n.messages import text

        self._busy("Connexion au serveur…")
        shared_ops.test_connection(
            self._tasks, self, settings=self.settings(), password=self._secret(),
            on_done=lambda version: self._show(text("dbserver.connected", version=version)),
            on_error=self._failed)

    def create(self) -> None:
        from extradesk.i18n.messages import text

        self._busy("Création de la base sur le serveur…")
        shared_ops.create_database(
            self._tasks, self, settings=self.settings(), password=self._secret(),
            on_done=lambda report: self._show(text("dbserver.created", revision=report.after)),
            on_error=self._failed)

    def save(self) -> None:
        from extradesk.i18n.messages import text

        self._busy("Enregistrement…")
        shared_ops.save(self._tasks, self, settings=self.settings(), password=self._secret(),
                        on_done=lambda _none: self._show(text("dbserver.saved")),
                        on_error=self._failed)
