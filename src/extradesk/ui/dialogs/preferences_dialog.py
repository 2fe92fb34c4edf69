"""The current user's preferences: how the search box matches, mail (read receipt, copy),
the way to the SMS settings, the agenda's phone sync."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui import errors
from extradesk.ui.ops import mail as mail_ops
from extradesk.ui.ops import preferences as preferences_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

# preferences.SEARCH_MODE choices; the labels come from preferences.SEARCH_MODE_LABELS
_EXAMPLES = {
    "contains": "« mar » trouve Martin, Lamarque et Omar.",
    "starts_with": "« mar » trouve Martin et Marie, pas Lamarque.",
}


class PreferencesDialog(QDialog):
    saved = Signal()

    def __init__(self, tasks: Tasks, user_name: str, parent: QWidget | None = None, *,
                 agenda=None) -> None:
        """`agenda`: the Agenda page, whose sync panel runs « Synchroniser maintenant »."""
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Préférences")
        self.setMinimumWidth(420)
        self._tasks = tasks
        self.mode_buttons: dict[str, QRadioButton] = {}
        self._group = QButtonGroup(self)
        search_box = QGroupBox("Recherche : un mot tapé correspond à un nom qui…")
        self._modes = QVBoxLayout(search_box)
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("savePreferences")
        self.save_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"Préférences — {user_name}", "sectionTitle"))
        layout.addWidget(search_box)
        clients_box = QGroupBox("Clients")
        self.promote = QCheckBox("Un prospect devient « Client » quand il accepte un devis "
                                 "ou reçoit une facture")
        self.promote.setObjectName("promoteProspects")
        QVBoxLayout(clients_box).addWidget(self.promote)
        layout.addWidget(clients_box)
        layout.addWidget(self._mail_box())
        layout.addWidget(self._sms_box())
        if agenda is not None:
            layout.addWidget(self._agenda_box(agenda.sync_panel))
        layout.addWidget(buttons)
        self._load()

    def _agenda_box(self, panel) -> QGroupBox:
        """Phone sync of my agenda: run it now (in the background) or set up the account."""
        box = QGroupBox("Agenda : synchronisation avec le téléphone")
        self.sync_button = QPushButton("Synchroniser maintenant")
        self.sync_button.setObjectName("preferencesSyncNow")
        self.account_button = QPushButton("Compte d'agenda…")
        self.account_button.setObjectName("preferencesAgendaAccount")
        self.sync_status = label(panel.status.text(), "hint", wrap=True)
        panel.bind_sync_button(self.sync_button)  # off, with a hint, while there is no account
        self.account_button.clicked.connect(panel.open_account)
        runner = panel.runner
        # Bound to the label (a QObject): the connections end with the dialog.
        runner.started.connect(self.sync_status.clear)
        runner.summary.connect(self.sync_status.setText)
        runner.failed.connect(self.sync_status.setText)
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.account_button)
        row.addStretch()
        column = QVBoxLayout(box)
        column.addLayout(row)
        column.addWidget(self.sync_status)
        return box

    def _mail_box(self) -> QGroupBox:
        """The seed's advice: a read receipt, a copy of each mail; the SMTP account, templates."""
        box = QGroupBox("Messagerie")
        self.read_receipt = QCheckBox("Demander un accusé de réception")
        self.read_receipt.setObjectName("mailReadReceipt")
        self.copy_to_me = QCheckBox("Recevoir une copie par e-mail lors d'une alerte à un client")
        self.copy_to_me.setObjectName("mailCopyToMe")
        self.copy_hint = label("", "hint")  # two short lines: the dialog's height is right
        self.copy_hint.setObjectName("mailCopyHint")
        self.copy_hint.hide()
        self._email: str | None = None
        self.copy_to_me.toggled.connect(lambda _on: self._copy_hint())
        smtp = QPushButton("Compte d'envoi (SMTP)…")
        smtp.setObjectName("preferencesSmtp")
        smtp.clicked.connect(lambda: self._open_mail("smtp_dialog", "SmtpDialog"))
        templates = QPushButton("Modèles de messages…")
        templates.setObjectName("preferencesTemplates")
        templates.clicked.connect(lambda: self._open_mail("templates_dialog", "TemplatesDialog"))
        row = QHBoxLayout()
        row.addWidget(smtp)
        row.addWidget(templates)
        row.addStretch()
        column = QVBoxLayout(box)
        column.addWidget(self.read_receipt)
        column.addWidget(self.copy_to_me)
        column.addWidget(self.copy_hint)
        column.addLayout(row)
        return box

    def _sms_box(self) -> QGroupBox:
        """« Délai des alertes SMS » and the rest live in the SMS settings dialog."""
        box = QGroupBox("SMS")
        settings = QPushButton("Réglages SMS (délai des rappels, relances…)…")
        settings.setObjectName("preferencesSmsSettings")
        settings.clicked.connect(lambda: self._open_sms("settings_dialog", "SmsSettingsDialog"))
        gateway = QPushButton("Passerelle SMS…")
        gateway.setObjectName("preferencesSmsGateway")
        gateway.clicked.connect(lambda: self._open_sms("gateway_dialog", "GatewayDialog"))
        row = QHBoxLayout(box)
        row.addWidget(settings)
        row.addWidget(gateway)
        row.addStretch()
        return box

    def _open_sms(self, module: str, name: str) -> None:
        import importlib

        dialog = getattr(importlib.import_module(f"extradesk.ui.sms.{module}"), name)(
            self._tasks, self)
        self.sms_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _open_mail(self, module: str, name: str) -> None:
        import importlib

        dialog = getattr(importlib.import_module(f"extradesk.ui.mail.{module}"), name)(
            self._tasks, self)
        self.mail_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _mail_loaded(self, state: dict) -> None:
        self._email = state["email"]
        self.read_receipt.setChecked(state["read_receipt"])
        self.copy_to_me.setChecked(state["copy_to_me"])
        self._copy_hint()

    def _copy_hint(self) -> None:
        missing = self.copy_to_me.isChecked() and not self._email
        self.copy_hint.setText("Vous n'avez pas d'adresse e-mail : la copie ne peut pas vous "
                               "être envoyée.\nRenseignez-la dans Listes > Utilisateurs."
                               if missing else "")
        self.copy_hint.setVisible(missing)
        QTimer.singleShot(0, self, self.adjustSize)  # once the layout knows the hint

    def _load(self) -> None:
        preferences_ops.search_mode(self._tasks, self, on_done=lambda r: self._fill(*r))
        preferences_ops.get_option(self._tasks, self, option="PROMOTE_PROSPECTS",
                                   on_done=self.promote.setChecked)
        mail_ops.preferences_form(self._tasks, self, on_done=self._mail_loaded)

    def _fill(self, choices, labels: dict[str, str], current: str) -> None:
        for choice in choices:
            button = QRadioButton(labels.get(choice, choice))
            button.setObjectName(f"searchMode_{choice}")
            button.setChecked(choice == current)
            self._group.addButton(button)
            self.mode_buttons[choice] = button
            self._modes.addWidget(button)
            if choice in _EXAMPLES:
                hint = label(_EXAMPLES[choice], "hint")
                hint.setContentsMargins(22, 0, 0, 4)
                self._modes.addWidget(hint)
        self.save_button.setEnabled(True)

    def chosen_mode(self) -> str | None:
        return next((c for c, b in self.mode_buttons.items() if b.isChecked()), None)

    def save(self) -> None:
        mode = self.chosen_mode()
        if mode is None:
            return
        self.save_button.setEnabled(False)

        def done(_changes) -> None:
            self.saved.emit()
            self.accept()

        # What the user ticked, read now: a change published by the first save may reload
        # the form before the last one runs.
        promote = self.promote.isChecked()
        receipt, copy = self.read_receipt.isChecked(), self.copy_to_me.isChecked()
        preferences_ops.set_option(self._tasks, self, option="PROMOTE_PROSPECTS",
                                   value=promote, on_error=self._failed)
        preferences_ops.set_option(
            self._tasks, self, option="SEARCH_MODE", value=mode, on_error=self._failed,
            on_done=lambda _c: mail_ops.save_preferences(
                self._tasks, self, read_receipt=receipt, copy_to_me=copy, on_done=done,
                on_error=self._failed))

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        errors.show_error(self, error)
