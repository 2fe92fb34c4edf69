"""The notices of an article: a list that takes dropped files, a file picker, open with the
system viewer, remove. Before the article exists, chosen files wait and are attached on save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.ui import errors
from extradesk.ui.ops import articles as articles_ops
from extradesk.ui.tasks import Tasks

PATH_ROLE = Qt.ItemDataRole.UserRole  # a waiting file (str) or a stored notice id (int)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{fmt.integer(max(size // 1024, 1))} Ko"
    return f"{fmt.decimal(size / (1024 * 1024), 1)} Mo".replace(".", ",")


def open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class _DropList(QListWidget):
    def __init__(self, box: NoticesBox) -> None:
        super().__init__()
        self.box = box
        self.setAcceptDrops(True)
        self.setObjectName("noticesList")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.box.add_files(paths)


class NoticesBox(QGroupBox):
    def __init__(self, tasks: Tasks, article_id: int | None, parent: QWidget | None = None
                 ) -> None:
        super().__init__("Notices", parent)
        self.setObjectName("noticesBox")
        self.tasks, self.article_id = tasks, article_id
        self.list = _DropList(self)
        self.list.setToolTip("Déposez ici des fichiers (PDF, images, documents)")
        self.list.itemActivated.connect(lambda _i: self.open_selected())
        self.add_button = QPushButton("Ajouter…")
        self.add_button.setObjectName("addNotice")
        self.open_button = QPushButton("Ouvrir")
        self.open_button.setObjectName("openNotice")
        self.remove_button = QPushButton("Retirer")
        self.remove_button.setObjectName("removeNotice")
        self.add_button.clicked.connect(self.pick_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            row.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.list)
        column.addLayout(row)
        self.picker: QFileDialog | None = None
        self.last_opened: Path | None = None
        self.refresh()

    def pending_paths(self) -> list[str]:
        return [self.list.item(i).data(PATH_ROLE) for i in range(self.list.count())
                if isinstance(self.list.item(i).data(PATH_ROLE), str)]

    def _count_changed(self) -> None:
        n = self.list.count()
        self.setTitle("Notices" if n == 0 else f"Notices ({n})")

    def refresh(self) -> None:
        if self.article_id is None:
            self._count_changed()
            return
        articles_ops.list_notices(self.tasks, self, article_id=self.article_id,
                                  on_done=self._show)

    def _show(self, items) -> None:
        pending = self.pending_paths()
        self.list.clear()
        for notice in items:
            item = QListWidgetItem(f"{notice.name}  ({size_text(notice.size)})")
            item.setData(PATH_ROLE, notice.attachment_id)
            self.list.addItem(item)
        for path in pending:
            self._add_pending(path)
        self._count_changed()

    def _add_pending(self, path: str) -> None:
        item = QListWidgetItem(f"{Path(path).name}  (à joindre)")
        item.setData(PATH_ROLE, path)
        self.list.addItem(item)

    def pick_files(self) -> None:
        self.picker = QFileDialog(self, "Joindre des notices")
        self.picker.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.picker.filesSelected.connect(self.add_files)
        self.picker.open()

    def add_files(self, paths: list[str]) -> None:
        if self.article_id is None:
            for path in paths:
                self._add_pending(path)
            self._count_changed()
            return
        articles_ops.attach_notices(self.tasks, self, article_id=self.article_id, paths=paths,
                                    on_done=lambda _c: self.refresh(),
                                    on_error=lambda e: (errors.show_error(self, e), self.refresh()))

    def _selected(self):
        item = self.list.currentItem()
        return None if item is None else item.data(PATH_ROLE)

    def open_selected(self) -> None:
        key = self._selected()
        if key is None:
            return
        if isinstance(key, str):
            self.last_opened = Path(key)
            open_with_system(self.last_opened)
            return
        def opened(path: Path) -> None:
            self.last_opened = path
            open_with_system(path)

        articles_ops.notice_path(self.tasks, self, article_id=self.article_id,
                                 attachment_id=key, on_done=opened)

    def remove_selected(self) -> None:
        key = self._selected()
        if key is None:
            return
        if isinstance(key, str):
            self.list.takeItem(self.list.currentRow())
            self._count_changed()
            return
        articles_ops.detach_notice(self.tasks, self, article_id=self.article_id,
                                   attachment_id=key, on_done=lambda _c: self.refresh())
