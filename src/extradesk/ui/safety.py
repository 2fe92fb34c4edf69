"""The database's health as the application sees it: the start check (a damaged base is said
at once, with the ways out), the day's automatic copy, restore, repair and compaction."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.ui import prompts
from extradesk.ui.ops import database as database_ops
from extradesk.ui.tasks import Tasks

MB = 1_048_576


class DatabaseSafety(QObject):
    """Owned by the main window; `after_session()` is called once the session is ready."""

    def __init__(self, window: QMainWindow, tasks: Tasks) -> None:
        super().__init__(window)
        self.window, self.tasks = window, tasks
        self.report = None
        self.box: QMessageBox | None = None
        self.dialog = None

    def add_actions(self, menu) -> None:
        self.restore_action = menu.addAction("Restaurer une sauvegarde…")
        self.restore_action.triggered.connect(self.offer_restore)
        self.compact_action = menu.addAction("Compacter la base…")
        self.compact_action.triggered.connect(self.offer_compact)

    def after_session(self) -> None:
        database_ops.start_checks(self.tasks, self, on_done=self._checked,
                                  on_error=lambda _error: None)  # never in the way of work

    def _checked(self, report) -> None:
        self.report = report
        if not report.check.ok:
            self.warn_damaged(report.check)
            return
        if not report.check.finished:  # a big file: the rest of the check in the background
            database_ops.full_check(self.tasks, self, on_error=lambda _e: None,
                                    on_done=lambda c: None if c.ok else self.warn_damaged(c))
        if report.auto_error:
            self.window.statusBar().showMessage(
                "La copie automatique du jour n'a pas pu être faite : "
                f"{messages.error_text(report.auto_error)}", 20000)
        else:
            database_ops.reclaimable(self.tasks, self, on_done=self._reclaimable,
                                     on_error=lambda _error: None)

    def _reclaimable(self, free: int) -> None:
        if free >= 20 * MB:
            self.window.statusBar().showMessage(
                f"{fmt.integer(free // MB)} Mo de la base sont inutilisés : "
                "Fichier › Compacter la base… les rend au disque.", 20000)

    def warn_damaged(self, check) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Base de données endommagée",
                          "La base de données est endommagée : des données peuvent manquer "
                          "ou être fausses. Ne continuez pas à travailler dessus.",
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("damagedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDetailedText("\n".join(check.problems))
        restore = None
        if check.latest_good is not None:
            restore = box.addButton("Restaurer la dernière sauvegarde…",
                                    QMessageBox.ButtonRole.AcceptRole)
            box.setInformativeText(f"Dernière sauvegarde valide : {check.latest_good.name}")
        repair = box.addButton("Réparer…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Continuer", QMessageBox.ButtonRole.RejectRole)

        def chosen(_result) -> None:
            clicked = box.clickedButton()
            if restore is not None and clicked is restore:
                self.offer_restore()
            elif clicked is repair:
                self.offer_repair()

        box.finished.connect(chosen)
        self.box = box
        box.open()

    def offer_restore(self) -> None:
        ctx = self.tasks.ctx
        if ctx is not None and not ctx.db.is_sqlite:
            # Replacing the base other PCs are working in is not a click: it goes into a new,
            # empty database, then each PC is pointed at it.
            self.dialog = prompts.inform(
                self.window, "Restaurer une sauvegarde",
                "La base partagée sur le serveur PostgreSQL ne se remplace pas depuis un poste, "
                "pendant que d'autres y travaillent. Créez une base vide sur le serveur "
                "(createdb), restaurez-y la sauvegarde :\n\n  extradesk restore --db "
                "postgresql+psycopg://…/nouvelle_base FICHIER.dump\n\npuis choisissez-la dans "
                "Fichier › Base de données partagée… sur chaque poste.")
            return
        from extradesk.ui.dialogs.restore_dialog import RestoreDialog

        self.dialog = RestoreDialog(self.tasks, self.window)
        self.dialog.open()

    def offer_repair(self) -> None:
        prompts.confirm(self.window, "Réparer la base",
                        "Copier tout ce qui est encore lisible dans une nouvelle base qui "
                        "remplace celle-ci ? La base endommagée est gardée dans le dossier "
                        "des sauvegardes.", self._repair, yes_text="Réparer")

    def _repair(self) -> None:
        def done(result) -> None:
            recovery = result[0]
            rows = sum(recovery.rows.values())
            lost = f"\n{fmt.count(len(recovery.lost), 'partie illisible perdue', 'parties illisibles perdues')}." \
                if recovery.lost else ""
            prompts.inform(self.window, "Base réparée",
                           f"{fmt.count(rows, 'ligne récupérée', 'lignes récupérées')}.{lost}")

        database_ops.repair(self.tasks, self.window, on_done=done)

    def offer_compact(self) -> None:
        prompts.confirm(self.window, "Compacter la base",
                        "Réécrire la base pour rendre au disque la place inutilisée ? "
                        "L'application reste occupée pendant la durée de l'opération.",
                        self._compact, yes_text="Compacter")

    def _compact(self) -> None:
        database_ops.compact(self.tasks, self.window, on_done=lambda freed: (
            self.window.statusBar().showMessage(
                f"Base compactée : {fmt.integer(freed // MB)} Mo rendus au disque.", 15000)))
