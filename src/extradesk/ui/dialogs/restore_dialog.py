"""Fichier › Restaurer une sauvegarde…: the copies beside the database, newest first, or any
file; the chosen one is verified, the current base kept aside, then reopened."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.i18n.messages_safety import backup_reason
from extradesk.ui import prompts
from extradesk.ui.ops import database as database_ops
from extradesk.ui.tasks import Tasks

PATH_ROLE = Qt.ItemDataRole.UserRole


class RestoreDialog(QDialog):
    restored = Signal(object)  # where the replaced database went

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restaurer une sauvegarde")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("La sauvegarde choisie est vérifiée, puis remplace la base en service. "
                       "La base actuelle est gardée dans le dossier des sauvegardes : une "
                       "restauration faite par erreur peut elle-même être annulée.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.itemDoubleClicked.connect(lambda _item: self.ask())
        layout.addWidget(self.list, 1)
        self.empty = QLabel("Aucune sauvegarde dans le dossier de la base.")
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox()
        self.other = QPushButton("Autre fichier…")
        self.other.clicked.connect(self.choose_file)
        buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton("Restaurer",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.ask)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.restore_button.setEnabled(item is not None))
        database_ops.list_backups(tasks, self, on_done=self.show_backups)

    def show_backups(self, backups) -> None:
        for b in backups:
            size = fmt.decimal(Decimal(b.size) / 1_048_576, 1)
            item = QListWidgetItem(f"{b.taken:%d/%m/%Y %H:%M} — {backup_reason(b.reason)} "
                                   f"— {size} Mo")
            item.setData(PATH_ROLE, str(b.path))
            self.list.addItem(item)
        self.empty.setVisible(not backups)
        if backups:
            self.list.setCurrentRow(0)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choisir une sauvegarde", "", "Bases extradesk (*.sqlite3 *.db);;Tous (*)")
        if name:
            self.ask(Path(name))

    def ask(self, path: Path | None = None) -> None:
        item = self.list.currentItem()
        if path is None and item is None:
            return
        chosen = path or Path(item.data(PATH_ROLE))
        prompts.confirm(self, "Restaurer une sauvegarde",
                        f"Remplacer la base en service par « {chosen.name} » ?\n\nLes "
                        "modifications faites depuis cette sauvegarde ne seront plus dans la "
                        "base (elles restent dans la copie de la base actuelle).",
                        lambda: self.restore(chosen), yes_text="Restaurer")

    def restore(self, chosen: Path) -> None:
        self.restore_button.setEnabled(False)
        database_ops.restore(self.tasks, self, backup_path=chosen, on_done=self._done,
                             on_error=self._failed)

    def _done(self, result) -> None:
        aside = result[0]
        self.restored.emit(aside)
        prompts.inform(self.parentWidget() or self, "Sauvegarde restaurée",
                       f"La sauvegarde est en service. L'ancienne base est gardée :\n{aside}")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from extradesk.ui import errors

        self.restore_button.setEnabled(self.list.currentItem() is not None)
        errors.show_error(self, error, title="Restaurer une sauvegarde")
