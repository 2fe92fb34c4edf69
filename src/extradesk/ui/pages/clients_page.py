"""The clients list: a lazy table over an SQL snapshot, filters, and an empty state."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import label
from extradesk.ui.tablemodels.clients_model import ClientsModel
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.empty_state import EmptyState
from extradesk.ui.widgets.table import lazy_table


class ClientsPage(QWidget):
    open_client = Signal(int)
    add_client = Signal()
    load_demo = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientsPage")
        self._tasks = tasks
        self._select_after_load: int | None = None
        self.model = ClientsModel(tasks, self)

        self.show_archived = QCheckBox("Afficher les archivés")
        self.show_archived.setObjectName("showArchived")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Tous les statuts", None)
        self.status_filter.setMinimumContentsLength(16)
        self.count_label = label("", "clientCount")
        filters = QHBoxLayout()
        filters.addWidget(label("Statut :"))
        filters.addWidget(self.status_filter)
        filters.addSpacing(16)
        filters.addWidget(self.show_archived)
        filters.addStretch()
        filters.addWidget(self.count_label)

        self.table = lazy_table(self.model, "clientsTable")
        self.table.activated.connect(self._activated)
        self.empty = EmptyState(
            "Aucun client pour l'instant.",
            "Ajoutez votre premier client, ou chargez des données de démonstration "
            "pour découvrir extradesk avec quelques milliers de clients fictifs.")
        self.empty.setObjectName("clientsEmpty")
        self.empty.add_button("Ajouter un client", name="emptyAddClient").clicked.connect(
            self.add_client)
        self.demo_button = self.empty.add_button(
            "Charger des données de démonstration", name="loadDemo", is_primary=True)
        self.demo_button.clicked.connect(self.load_demo)

        self.stack = QStackedWidget()
        list_page = QWidget()
        column = QVBoxLayout(list_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.table)
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.stack)

        self.model.snapshot_loaded.connect(self._snapshot_loaded)
        self.show_archived.toggled.connect(
            lambda on: self.model.reload(include_archived=on))
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.model.reload(status_id=self.status_filter.currentData()))

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the list and the status filter (after the database is open)."""
        self.model.reload()
        self._load_statuses()

    def apply_changes(self, changes: Changes) -> None:
        if len(changes.clients) == 1:
            (client_id,) = changes.clients
            if self.model.row_of(client_id) is None:
                self._select_after_load = client_id  # a new client: select it once listed
        self.model.apply_changes(changes)
        if changes.everything or "status" in changes.references:
            self._load_statuses()

    def _load_statuses(self) -> None:
        references_ops.list_items(self._tasks, self, list_name="status",
                                  on_done=self._fill_statuses)

    def _fill_statuses(self, items) -> None:
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem("Tous les statuts", None)
        for item in items:
            if item.active or item.id == current:
                self.status_filter.addItem(item.label, item.id)
        found = self.status_filter.findData(current)
        self.status_filter.setCurrentIndex(max(found, 0))
        self.status_filter.blockSignals(False)
        if found < 0 and current is not None:  # the filtered status was merged away
            self.model.reload(status_id=None)

    def _snapshot_loaded(self) -> None:
        model = self.model
        self.stack.setCurrentWidget(self.empty if model.total == 0 else self.stack.widget(0))
        shown = model.rowCount()
        if shown == model.total:
            text = f"{fmt.integer(shown)} client{'s' if shown > 1 else ''}"
        else:
            text = f"{fmt.integer(shown)} affiché{'s' if shown > 1 else ''} sur {fmt.integer(model.total)}"
        self.count_label.setText(text)
        if self._select_after_load is not None:
            self.select_client(self._select_after_load)
            self._select_after_load = None

    # -- interaction -------------------------------------------------------------------------

    def select_client(self, client_id: int) -> None:
        row = self.model.row_of(client_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_client.emit(self.model.client_id(index.row()))
