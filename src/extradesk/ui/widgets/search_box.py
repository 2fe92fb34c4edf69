"""The search box: results appear under it as you type, searched on the database worker.

Latest wins: a keystroke searches at once when no search is running; while one runs, only the
newest text waits and goes next. With sub-millisecond queries this answers every pause in
typing without a fixed delay, and results of an outdated text are dropped by sequence number.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from extradesk.services.dto import SearchHit, SearchResult
from extradesk.ui import errors
from extradesk.ui.ops import search as search_ops
from extradesk.ui.tasks import Tasks

PLACEHOLDER = "Rechercher un client, un téléphone, un e-mail… (**nom : pièces, *réf : articles)"
LIMIT = 20
VISIBLE_ROWS = 10
NOTHING = {  # what an empty result says, per scope (`**` documents, `*` articles)
    "clients": "Aucun client trouvé.",
    "documents": "Aucune pièce trouvée (tapez un nom de client ou un numéro après **).",
    "articles": "Aucun article ni ligne de catalogue trouvé.",
}

TRUNCATED = {
    "clients": "D'autres clients correspondent : précisez la recherche.",
    "documents": "D'autres pièces correspondent : précisez la recherche.",
    "articles": "D'autres articles correspondent : précisez la référence.",
}


class SearchBox(QObject):
    """Drives the main window's search field (built with the shell, before the first paint)."""

    client_chosen = Signal(int)
    document_chosen = Signal(int)
    article_chosen = Signal(int)
    catalogue_chosen = Signal(int)  # a supplier catalogue line id
    results_shown = Signal(int)  # sequence number of the search now on screen

    def __init__(self, tasks: Tasks, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._tasks = tasks
        self.mode = "contains"  # the current user's preferences.SEARCH_MODE
        self.edit = edit
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.popup = QListWidget()
        self.popup.setObjectName("searchResults")
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box
        self.popup.setUniformItemSizes(True)
        # Opaque, the list and its viewport both filling their background: the stylesheet's
        # background alone left the rows unpainted (WA_OpaquePaintEvent promised a fill nobody
        # did), so the table under the pop-up showed through every row after the first.
        for widget in (self.popup, self.popup.viewport()):
            widget.setAutoFillBackground(True)
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Base, QColor("white"))
            palette.setColor(QPalette.ColorRole.Window, QColor("white"))
            widget.setPalette(palette)
        self.popup.hide()
        self.hits: list[SearchHit] = []
        self.seq = 0  # of the newest text typed
        self.shown_seq = 0  # of the results on screen
        self._waiting: tuple[int, str] | None = None
        self._running = False
        self.edit.textChanged.connect(self._typed)
        self.edit.returnPressed.connect(self._choose_current)
        self.edit.installEventFilter(self)
        self.popup.itemClicked.connect(self._choose)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        if self.edit.text():
            self._typed(self.edit.text())  # typed before the database was open

    # -- searching ---------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self.seq += 1
        if not text.strip():
            self._waiting = None
            self.shown_seq = self.seq
            self.hits = []
            self.popup.hide()
            return
        self._waiting = (self.seq, text)
        if not self._running:
            self._launch()

    def _launch(self) -> None:
        seq, text = self._waiting
        self._waiting = None
        self._running = True
        mode = self.mode
        search_ops.search(self._tasks, self, text=text, mode=mode, limit=LIMIT,
                          on_done=lambda result: self._arrived(seq, result),
                          on_error=lambda error: self._failed(seq, error))

    def _arrived(self, seq: int, result: SearchResult) -> None:
        self._running = False
        if seq == self.seq:
            self._show(seq, result)
        if self._waiting is not None:
            self._launch()

    def _failed(self, seq: int, error: BaseException) -> None:
        self._running = False
        if seq == self.seq:
            self._show_message(seq, errors.describe(error))
        if self._waiting is not None:
            self._launch()

    # -- the popup ---------------------------------------------------------------------------

    def _show(self, seq: int, result: SearchResult) -> None:
        self.hits = list(result.hits)
        if not self.hits:
            self._show_message(seq, NOTHING.get(result.scope, NOTHING["clients"]))
            return
        self.popup.setUpdatesEnabled(False)
        self.popup.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{hit.label}   —   {hit.detail}" if hit.detail else hit.label)
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.popup.addItem(item)
        if result.truncated:
            self._add_note(TRUNCATED.get(result.scope, TRUNCATED["clients"]))
        self.popup.setCurrentRow(0)
        self.popup.setUpdatesEnabled(True)
        self._place(seq)

    def _show_message(self, seq: int, text: str) -> None:
        self.hits = []
        self.popup.clear()
        self._add_note(text)
        self._place(seq)

    def _add_note(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.popup.addItem(item)

    def _place(self, seq: int) -> None:
        """Float the list over the window, right under the box."""
        window = self.edit.window()
        if self.popup.parent() is not window:
            self.popup.setParent(window)
        rows = min(self.popup.count(), VISIBLE_ROWS)
        height = self.popup.sizeHintForRow(0) * rows + 2 * self.popup.frameWidth() + 2
        self.popup.setGeometry(
            self.edit.mapTo(window, QPoint(0, self.edit.height())).x(),
            self.edit.mapTo(window, QPoint(0, self.edit.height())).y(),
            self.edit.width(), height)
        self.popup.show()
        self.popup.raise_()
        self.shown_seq = seq
        self.results_shown.emit(seq)

    def hide_results(self) -> None:
        self.popup.hide()

    def _choose_current(self) -> None:
        item = self.popup.currentItem() if self.popup.isVisible() else None
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        hit: SearchHit | None = item.data(Qt.ItemDataRole.UserRole)
        if hit is None:
            return
        self.popup.hide()
        if hit.kind == "client":
            self.client_chosen.emit(hit.id)
        elif hit.kind == "document":
            self.document_chosen.emit(hit.id)
        elif hit.kind == "article":
            self.article_chosen.emit(hit.id)
        elif hit.kind == "catalogue":
            self.catalogue_chosen.emit(hit.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape and self.popup.isVisible():
                self.popup.hide()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.popup.isVisible():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.popup.currentRow() + step, len(self.hits) - 1))
                self.popup.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self.edit and self.popup.isVisible():
            self.popup.hide()
