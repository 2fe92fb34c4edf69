"""Every supplier catalogue import, newest first: when, which file, what it changed, and
whether it is the catalogue in service (Fichier › Historique des catalogues fournisseurs…)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui.ops import catalogues as catalogues_ops
from extradesk.ui.tasks import Tasks

STATES = {"active": "En service", "replaced": "Remplacé", "pending": "Non appliqué"}
COLUMNS = ("Date", "Fournisseur", "Fichier", "État", "Lignes", "Ignorées", "Nouvelles",
           "Retirées", "Hausses", "Baisses")
ALL = "Tous les fournisseurs"


class CatalogueHistoryDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogueHistory")
        self.setWindowTitle("Historique des catalogues fournisseurs")
        self.resize(900, 420)
        self._tasks = tasks
        self.records: list = []

        self.supplier = QComboBox()
        self.supplier.setObjectName("historySupplier")
        self.supplier.addItem(ALL)
        self.supplier.currentTextChanged.connect(self._show)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("Aucun catalogue fournisseur importé pour l'instant : "
                            "Fichier › Importer un catalogue fournisseur…")
        self.empty.setObjectName("historyEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("Fournisseur"))
        top.addWidget(self.supplier)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        catalogues_ops.history(tasks, self, on_done=self._loaded)

    def _loaded(self, records: list) -> None:
        self.records = records
        for name in sorted({r.supplier for r in records}, key=str.casefold):
            self.supplier.addItem(name)
        self._show()

    def _show(self, *_args) -> None:
        from extradesk.i18n import format as fmt

        chosen = self.supplier.currentText()
        shown = [r for r in self.records if chosen == ALL or r.supplier == chosen]
        self.table.setRowCount(len(shown))
        for row, r in enumerate(shown):
            texts = (fmt.moment(r.started_at), r.supplier, r.file_name,
                     STATES.get(r.state, r.state))
            numbers = (r.lines, r.skipped, r.added, r.removed, r.price_up, r.price_down)
            for column, value in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(value))
            for column, value in enumerate(numbers, start=len(texts)):
                item = QTableWidgetItem(fmt.integer(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.records))
        self.empty.setVisible(not self.records)

