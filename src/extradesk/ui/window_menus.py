"""The main window's menus and the dialogs they (and the buttons) open: a mixin of
MainWindow, which owns the widgets and the tasks these use."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QWidget

from extradesk.ui.ops import users as users_ops


class WindowMenus:
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        self.company_action = file_menu.addAction("Entreprise…")
        file_menu.addSeparator()
        self.backup_action = file_menu.addAction("Sauvegarder la base…")
        self.restore_action = file_menu.addAction("Restaurer une sauvegarde…")
        self.restore_action.triggered.connect(lambda: self._safety().offer_restore())
        self.compact_action = file_menu.addAction("Compacter la base…")
        self.compact_action.triggered.connect(lambda: self._safety().offer_compact())
        self.demo_action = file_menu.addAction("Charger des données de démonstration…")
        self.catalogue_action = file_menu.addAction("Importer un catalogue fournisseur…")
        self.catalogue_action.triggered.connect(self.import_catalogue)
        self.catalogue_history_action = file_menu.addAction(
            "Historique des catalogues fournisseurs…")
        self.catalogue_history_action.triggered.connect(self.catalogue_history)
        file_menu.addSeparator()
        # Mail (ui/mail/window_hooks.py): the SMTP account and the message templates.
        self.smtp_action = file_menu.addAction("Compte d'envoi (SMTP)…")
        self.templates_action = file_menu.addAction("Modèles de messages…")
        self.smtp_action.triggered.connect(lambda: self._mail_hooks().open_smtp(self))
        self.templates_action.triggered.connect(lambda: self._mail_hooks().open_templates(self))
        self.sms_gateway_action = self._sms_hooks().gateway_action(self, file_menu)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction("Quitter")
        self.quit_action.triggered.connect(self.close)
        lists = self.menuBar().addMenu("&Listes")
        self.references_action = lists.addAction("Listes de référence…")
        self.users_action = lists.addAction("Utilisateurs…")
        self.sms_actions = [self.sms_gateway_action, *self._sms_hooks().build_menu(self)]
        tools = self.menuBar().addMenu("&Outils")
        self.audit_action = tools.addAction("Avez-vous les bons réflexes ?…")
        self.audit_action.triggered.connect(self.open_audit)
        self.backup_action.triggered.connect(self.backup)
        self.demo_action.triggered.connect(self.offer_demo)
        self.references_action.triggered.connect(lambda: self.open_references())
        self.users_action.triggered.connect(self.open_users)
        self.company_action.triggered.connect(self.open_company)
        self.add_button.clicked.connect(self.add_client)
        self.gear.clicked.connect(self.open_preferences)
        self.user_button.switch_requested.connect(self.switch_user)
        self.user_button.manage_requested.connect(self.open_users)

    def add_client(self) -> None:
        from extradesk.ui.dialogs.client_dialog import ClientDialog

        dialog = ClientDialog(self.tasks, None, self)
        dialog.saved.connect(self.open_client)
        dialog.open_client.connect(self.open_client)
        self._open(dialog)

    def open_preferences(self) -> None:
        from extradesk.ui.dialogs.preferences_dialog import PreferencesDialog

        current = self.user_button.current
        self._open(PreferencesDialog(self.tasks, current.name if current else "", self,
                                     agenda=getattr(self, "agenda_page", None)))

    def open_references(self, list_name: str = "status") -> None:
        from extradesk.ui.dialogs.references_dialog import ReferencesDialog

        self._open(ReferencesDialog(self.tasks, list_name, self))

    def open_audit(self):
        """The health check's window (ui/pages/audit_places.py routes its buttons)."""
        from extradesk.ui.pages.audit_places import open_audit

        return open_audit(self)

    def open_company(self) -> None:
        from extradesk.ui.dialogs.company_dialog import CompanyDialog

        self._open(CompanyDialog(self.tasks, parent=self))

    def open_users(self) -> None:
        from extradesk.ui.dialogs.users_dialog import UsersDialog

        self._open(UsersDialog(self.tasks, self))

    def _safety(self):
        """Start check, automatic copy, restore, repair, compaction (ui/safety.py)."""
        if getattr(self, "safety", None) is None:
            from extradesk.ui.safety import DatabaseSafety

            self.safety = DatabaseSafety(self, self.tasks)
        return self.safety

    def close_database(self) -> None:
        """On a normal exit: the exit copy and the WAL folded into the file, waited for (a
        failure never keeps the application from closing)."""
        if self.tasks.ctx is None or self.startup_error:
            return
        from extradesk.ui.ops import database as database_ops

        with contextlib.suppress(Exception):  # logged by the worker; the exit goes on
            database_ops.at_exit(self.tasks).result(timeout=120)

    @staticmethod
    def _mail_hooks():
        from extradesk.ui.mail import window_hooks

        return window_hooks

    @staticmethod
    def _sms_hooks():
        from extradesk.ui.sms import window_hooks

        return window_hooks

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def switch_user(self, user_id: int) -> None:
        users_ops.switch_user(self.tasks, self, user_id=user_id)

    def backup(self) -> None:
        from extradesk.ui import file_actions

        file_actions.backup(self, self.tasks)

    def import_catalogue(self) -> None:
        from extradesk.ui.dialogs.catalogue_import_dialog import CatalogueImportDialog

        self._open(CatalogueImportDialog(self.tasks, self))

    def catalogue_history(self) -> None:
        from extradesk.ui.dialogs.catalogue_history_dialog import CatalogueHistoryDialog

        self._open(CatalogueHistoryDialog(self.tasks, self))

    def offer_demo(self) -> None:
        from extradesk.ui import file_actions

        self.dialog = file_actions.ask_demo(self, self.tasks)

