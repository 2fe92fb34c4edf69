"""The current user's preferences behind the gear: the sections on the left, each one's page
on the right, every option declared in services/preferences.py shown by its kind. Saved
together; the change is published, so open windows apply it at once (theme, search mode,
the documents list, the agenda)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n.preferences import SECTIONS as SECTION_TITLES
from extradesk.ui import errors
from extradesk.ui.dialogs.preference_editors import Editor, editor_for
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.ops import mail as mail_ops
from extradesk.ui.ops import preferences as preferences_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

# The sections, in services/preferences.SECTIONS order, with their French titles.
SECTIONS = tuple(SECTION_TITLES.items())
# Examples under the choices of an option.
_CHOICE_HINTS = {"search.mode": {
    "contains": "« mar » trouve Martin, Lamarque et Omar.",
    "starts_with": "« mar » trouve Martin et Marie, pas Lamarque."}}
_HINTS = {
    "appearance": "Le thème s'applique tout de suite. Les images servent à la page d'accueil "
                  "(PNG, JPEG, GIF, BMP ou WebP).",
    "clients": "Valeurs proposées et champs exigés (en plus du nom) à la création d'une "
               "fiche client.",
    "sms": "Le prix d'un SMS sert à estimer le coût des campagnes.",
    "dashboard": "Cochez les tuiles à afficher ; « Monter » et « Descendre » changent leur "
                 "ordre.",
}


class PreferencesDialog(QDialog):
    saved = Signal()

    def __init__(self, tasks: Tasks, user_name: str, parent: QWidget | None = None, *,
                 agenda=None) -> None:
        """`agenda`: the Agenda page, whose sync panel runs « Synchroniser maintenant » and
        whose menus open the rights dialog."""
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Préférences")
        self.resize(820, 560)
        self._tasks = tasks
        self._agenda = agenda
        self.editors: dict[str, Editor] = {}
        self.auto_sync: QCheckBox | None = None  # the agenda account's automatic sync
        self._auto_sync_was: bool | None = None  # None: no account (the box is off)
        self._loaded: dict = {}
        self.mode_buttons: dict = {}
        self.sections = QListWidget()
        self.sections.setObjectName("preferenceSections")
        self.sections.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.forms: dict[str, QFormLayout] = {}
        for key, title in SECTIONS:
            self.sections.addItem(title)
            self.pages.addWidget(self._page(key, title))
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.error = label("", "errorText", wrap=True)
        self.error.setObjectName("preferencesError")
        self.error.hide()

        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("savePreferences")
        self.save_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        right = QVBoxLayout()
        right.addWidget(self.error)
        right.addWidget(self.pages, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"Préférences — {user_name}", "sectionTitle"))
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.sections.setCurrentRow(0)
        self._extras()
        self._load()

    # -- building ----------------------------------------------------------------------------

    def _page(self, key: str, title: str) -> QScrollArea:
        page = QWidget()
        page.setObjectName(f"preferencesPage_{key}")
        column = QVBoxLayout(page)
        column.addWidget(label(title, "sectionTitle"))
        if key in _HINTS:
            column.addWidget(label(_HINTS[key], "hint", wrap=True))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.forms[key] = form
        column.addLayout(form)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def show_section(self, key: str) -> None:
        self.sections.setCurrentRow([k for k, _ in SECTIONS].index(key))

    def _extras(self) -> None:
        """What is not an option but belongs to a section: the agenda's account, sync and
        rights; the mail account and templates."""
        self._mail_extras(self.forms["mail"])
        self._sms_row = self._sms_extras()
        if self._agenda is not None:
            self._agenda_extras(self.forms["agenda"], self._agenda)

    def _agenda_extras(self, form: QFormLayout, agenda) -> None:
        panel = agenda.sync_panel
        self.sync_button = QPushButton("Synchroniser maintenant")
        self.sync_button.setObjectName("preferencesSyncNow")
        self.account_button = QPushButton("Compte et synchronisation…")
        self.account_button.setObjectName("preferencesAgendaAccount")
        self.account_button.setToolTip("Compte d'agenda du téléphone, synchronisation "
                                       "automatique (oui ou non)")
        self.rights_button = QPushButton("Droits…")
        self.rights_button.setObjectName("preferencesAgendaRights")
        self.rights_button.setToolTip("Qui peut voir et modifier mon agenda")
        self.auto_sync = QCheckBox("Synchroniser automatiquement avec le téléphone")
        self.auto_sync.setObjectName("preferencesAutoSync")
        self.auto_sync.setEnabled(False)  # until the account is read (none: stays off)
        self.sync_status = label(panel.status.text(), "hint", wrap=True)
        panel.bind_sync_button(self.sync_button)  # off, with a hint, while there is no account
        self.account_button.clicked.connect(panel.open_account)
        self.rights_button.clicked.connect(agenda.menus.open_rights)
        runner = panel.runner
        # Bound to the label (a QObject): the connections end with the dialog.
        runner.started.connect(self.sync_status.clear)
        runner.summary.connect(self.sync_status.setText)
        runner.failed.connect(self.sync_status.setText)
        row = QHBoxLayout()
        for button in (self.sync_button, self.account_button, self.rights_button):
            row.addWidget(button)
        row.addStretch()
        form.addRow(label("Synchronisation avec le téléphone", "sectionSubtitle"))
        form.addRow(self.auto_sync)
        form.addRow(row)
        form.addRow(self.sync_status)
        form.addRow(label("Affichage du planning", "sectionSubtitle"))

    def _mail_extras(self, form: QFormLayout) -> None:
        self.copy_hint = label("", "hint", wrap=True)
        self.copy_hint.setObjectName("mailCopyHint")
        self.copy_hint.hide()
        self._email: str | None = None
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
        self._mail_row = row

    def _sms_extras(self) -> QHBoxLayout:
        """The SMS settings dialog (sending window, STOP number…) and the gateway."""
        settings = QPushButton("Réglages SMS (délai des rappels, relances…)…")
        settings.setObjectName("preferencesSmsSettings")
        settings.clicked.connect(lambda: self._open_sms("settings_dialog", "SmsSettingsDialog"))
        gateway = QPushButton("Passerelle SMS…")
        gateway.setObjectName("preferencesSmsGateway")
        gateway.clicked.connect(lambda: self._open_sms("gateway_dialog", "GatewayDialog"))
        row = QHBoxLayout()
        row.addWidget(settings)
        row.addWidget(gateway)
        row.addStretch()
        return row

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

    # -- loading -----------------------------------------------------------------------------

    def _load(self) -> None:
        if self.auto_sync is not None:
            agenda_ops.account(self._tasks, self, user_id=None,
                               on_done=lambda found: self._account_loaded(found[2]))
        preferences_ops.form(self._tasks, self, on_done=self._fill)
        mail_ops.preferences_form(self._tasks, self, on_done=self._mail_loaded)

    def _account_loaded(self, account) -> None:
        has = account is not None
        self._auto_sync_was = account.enabled if has else None
        self.auto_sync.setChecked(bool(has and account.enabled))
        self.auto_sync.setEnabled(has)
        self.auto_sync.setToolTip("" if has else "Aucun compte d'agenda : configurez-le avec "
                                  "« Compte et synchronisation… ».")

    def _fill(self, result) -> None:
        views, unset = result
        for view in views:
            if view.section not in self.forms:
                continue
            editor = editor_for(view, unset.get(view.key, ""), _CHOICE_HINTS.get(view.key))
            self.editors[view.key] = editor
            self._loaded[view.key] = editor.value()
            form = self.forms[view.section]
            if editor.label_in_row:
                form.addRow(label(view.label), editor.widget)
            else:
                form.addRow(editor.widget)
        self.forms["mail"].addRow(self._mail_row)
        self.forms["sms"].addRow(self._sms_row)
        self.forms["mail"].insertRow(2, self.copy_hint)
        self.mode_buttons = self.editors["search.mode"].buttons
        self.promote = self.editors["clients.promote_on_sale"].box
        self.read_receipt = self.editors["mail.read_receipt"].box
        self.copy_to_me = self.editors["mail.copy_to_me"].box
        self.copy_to_me.toggled.connect(lambda _on: self._copy_hint())
        self._copy_hint()
        self.save_button.setEnabled(True)

    def _mail_loaded(self, state: dict) -> None:
        self._email = state["email"]
        if "mail.copy_to_me" in self.editors:
            self._copy_hint()

    def _copy_hint(self) -> None:
        missing = self.copy_to_me.isChecked() and not self._email
        self.copy_hint.setText("Vous n'avez pas d'adresse e-mail : la copie ne peut pas vous "
                               "être envoyée.\nRenseignez-la dans Listes > Utilisateurs."
                               if missing else "")
        self.copy_hint.setVisible(missing)

    # -- saving ------------------------------------------------------------------------------

    def changed_values(self) -> dict:
        """The options the user changed in this dialog, with their new values."""
        now = {key: editor.value() for key, editor in self.editors.items()}
        return {key: value for key, value in now.items() if value != self._loaded.get(key)}

    def save(self) -> None:
        values = self.changed_values()
        sync = self.auto_sync.isChecked() if self._auto_sync_was is not None else None
        sync_changed = sync is not None and sync != self._auto_sync_was
        if not values and not sync_changed:
            self.accept()
            return
        self.save_button.setEnabled(False)
        self.error.hide()

        def done(_changes) -> None:
            self.saved.emit()
            self.accept()

        def preferences(_changes=None) -> None:
            if values:
                preferences_ops.save(self._tasks, self, values=values, on_done=done,
                                     on_error=self._failed)
            else:
                done(None)

        if sync_changed:  # the account's switch first: a refused preference keeps it saved
            self._auto_sync_was = sync
            agenda_ops.set_sync_enabled(self._tasks, self, enabled=sync, on_done=preferences,
                                        on_error=self._failed)
        else:
            preferences()

    def _failed(self, error: BaseException) -> None:
        """The French message above the pages, on the page of the first refused option."""
        self.save_button.setEnabled(True)
        self.error.setText(errors.describe(error))
        self.error.show()
        field = next((p.field for p in getattr(error, "problems", ()) if p.field), None)
        for key, editor in self.editors.items():
            if key == field:
                self.show_section(editor.view.section)
                QTimer.singleShot(0, self, editor.widget.setFocus)

