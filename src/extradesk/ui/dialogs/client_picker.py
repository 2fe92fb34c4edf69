"""Choose one client: search as you type (services.search), Enter or double-click to choose.

Enter reaches the dialog's default button ("Choisir"), which is enabled once a client is listed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui import errors
from extradesk.ui.ops import search as search_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

LIMIT = 50


class ClientPicker(QDialog):
    chosen = Signal(int, str)  # client id, its name

    def __init__(self, tasks: Tasks, parent: QWidget | None = None, *,
                 title: str = "Choisir un client", action: str = "Choisir") -> None:
        super().__init__(parent)
        self.setObjectName("clientPicker")
        self.setWindowTitle(title)
        self.resize(560, 420)
        self._tasks = tasks
        self.seq = 0  # of the newest text typed
        self.shown_seq = 0  # of the results in the list
        self._waiting: tuple[int, str] | None = None
        self._running = False

        self.edit = QLineEdit()
        self.edit.setObjectName("clientPickerSearch")
        self.edit.setPlaceholderText("Nom, ville, téléphone, e-mail…")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("clientPickerResults")
        self.results.setUniformItemSizes(True)
        self.hint = label("Tapez quelques lettres du nom du client.", "hint", wrap=True)
        buttons = QDialogButtonBox()
        self.choose_button = primary(buttons.addButton(action,
                                                       QDialogButtonBox.ButtonRole.AcceptRole))
        self.choose_button.setObjectName("chooseClient")
        self.choose_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)

        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        self.results.itemDoubleClicked.connect(lambda _item: self.choose())
        self.results.currentRowChanged.connect(
            lambda row: self.choose_button.setEnabled(row >= 0 and self._hit(row) is not None))

    # -- searching (latest text wins, as in the search box) ----------------------------------

    def _typed(self, text: str) -> None:
        self.seq += 1
        if not text.strip().lstrip("*"):
            self._waiting = None
            self.shown_seq = self.seq
            self.results.clear()
            self.hint.setText("Tapez quelques lettres du nom du client.")
            return
        self._waiting = (self.seq, text.lstrip("*"))  # clients only, never ** or * scopes
        if not self._running:
            self._launch()

    def _launch(self) -> None:
        seq, text = self._waiting
        self._waiting = None
        self._running = True
        search_ops.clients(self._tasks, self, text=text, limit=LIMIT,
                           on_done=lambda hits: self._arrived(seq, hits),
                           on_error=lambda error: self._arrived(seq, error))

    def _arrived(self, seq: int, hits) -> None:
        self._running = False
        if seq == self.seq:
            self._show(hits)
            self.shown_seq = seq
        if self._waiting is not None:
            self._launch()

    def _show(self, hits) -> None:
        self.results.clear()
        if isinstance(hits, BaseException):
            self.hint.setText(errors.describe(hits))
            return
        for hit in hits:
            item = QListWidgetItem(f"{hit.label}   —   {hit.detail}" if hit.detail else hit.label)
            item.setData(Qt.ItemDataRole.UserRole, (hit.id, hit.label))
            self.results.addItem(item)
        if hits:
            self.hint.setText("Entrée ou double-clic pour choisir.")
            self.results.setCurrentRow(0)
        else:
            self.hint.setText("Aucun client trouvé.")

    # -- choosing ----------------------------------------------------------------------------

    def _hit(self, row: int) -> tuple[int, str] | None:
        item = self.results.item(row)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self) -> None:
        hit = self._hit(self.results.currentRow())
        if hit is None or not self.isVisible():
            return
        self.accept()
        self.chosen.emit(*hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(
                max(0, min(self.results.currentRow() + step, self.results.count() - 1)))
            return True
        return super().eventFilter(watched, event)
