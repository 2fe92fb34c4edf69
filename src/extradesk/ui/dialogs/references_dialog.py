"""Edit the reference lists (civilities, statuses, origins, ouvrage types, suppliers) and merge."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.services.dto import ReferenceItem
from extradesk.ui import prompts
from extradesk.ui.ops import references as references_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import form_layout


def merge_question(keep: ReferenceItem, items: list[ReferenceItem]) -> str:
    others = [i for i in items if i.id != keep.id]
    gone = ", ".join(f"« {i.label} »" for i in others)
    verb = "disparaîtra" if len(others) == 1 else "disparaîtront"
    return (f"Fusionner {len(items)} éléments dans « {keep.label} » ? Les fiches qui les "
            f"utilisent seront rattachées à « {keep.label} ».\n{gone} {verb} de la liste.")


def usage_text(count: int) -> str:
    return "aucune fiche" if count == 0 else \
        f"{fmt.integer(count)} fiche{'s' if count > 1 else ''}"


class MergeDialog(QDialog):
    """Choose which of the selected items stays; the question itself is the confirmation."""

    def __init__(self, items: list[ReferenceItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Fusionner des éléments")
        self.setMinimumWidth(460)
        self.items = items
        self.keep = QComboBox()
        self.keep.setObjectName("keepItem")
        for item in items:
            self.keep.addItem(f"{item.label} ({usage_text(item.usage)})", item.id)
        self.keep.setCurrentIndex(max(range(len(items)), key=lambda i: items[i].usage))
        self.question = label("", "mergeQuestion", wrap=True)
        buttons = QDialogButtonBox()
        self.merge_button = primary(buttons.addButton(
            "Fusionner", QDialogButtonBox.ButtonRole.AcceptRole))
        self.merge_button.setObjectName("confirmMerge")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = form_layout()
        form.addRow("Garder :", self.keep)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.question)
        layout.addWidget(buttons)
        self.keep.currentIndexChanged.connect(self._explain)
        self._explain()

    def kept(self) -> ReferenceItem:
        return self.items[self.keep.currentIndex()]

    def _explain(self) -> None:
        self.question.setText(merge_question(self.kept(), self.items))


class ReferencesDialog(QDialog):
    merged = Signal()

    def __init__(self, tasks: Tasks, list_name: str = "status",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referencesDialog")
        self.setWindowTitle("Listes de référence")
        self.resize(560, 460)
        self._tasks = tasks
        self.list_name = list_name
        self.items: list[ReferenceItem] = []
        self.dialog: QDialog | None = None
        self.chooser = QComboBox()
        self.chooser.setObjectName("listChoice")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("referenceItems")
        self.table.setHorizontalHeaderLabels(("Libellé", "Utilisé par", "Actif"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, name, slot in (("Ajouter…", "addItem", self.add_item),
                                 ("Renommer…", "renameItem", self.rename_item),
                                 ("Activer / désactiver", "toggleItem", self.toggle_active),
                                 ("Fusionner…", "mergeItems", self.merge_selected),
                                 ("Fiche fournisseur…", "supplierRecord",
                                  self.open_supplier)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(label("Liste :"))
        top.addWidget(self.chooser, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(label("Sélectionnez plusieurs éléments (Ctrl + clic) pour les "
                               "fusionner. Un élément désactivé n'est plus proposé dans les "
                               "fiches, mais reste sur celles qui l'utilisent.", "hint",
                               wrap=True))
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_supplier())
        self.chooser.currentIndexChanged.connect(self._list_chosen)
        tasks.changed.connect(self._changed)
        self._update_buttons()
        self.reload(with_titles=True)

    # -- loading -----------------------------------------------------------------------------

    def reload(self, *, with_titles: bool = False) -> None:
        references_ops.list_for_editing(self._tasks, self, list_name=self.list_name,
                                        with_titles=with_titles,
                                        on_done=lambda r: self._fill(*r))

    def _fill(self, titles: dict[str, str] | None, list_name: str,
              items: list[ReferenceItem]) -> None:
        if titles is not None:
            self.chooser.blockSignals(True)
            for name, title in titles.items():
                self.chooser.addItem(title, name)
            self.chooser.setCurrentIndex(max(self.chooser.findData(self.list_name), 0))
            self.chooser.blockSignals(False)
        if list_name != self.list_name:
            return
        self.items = items
        self.table.setRowCount(len(items))
        grey = QBrush(QColor("#8a8a8a"))
        for row, item in enumerate(items):
            for column, text in enumerate((item.label, usage_text(item.usage),
                                           "Oui" if item.active else "Non")):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                if not item.active:
                    cell.setForeground(grey)
                self.table.setItem(row, column, cell)
        self._update_buttons()

    def _list_chosen(self, _index: int) -> None:
        self.list_name = self.chooser.currentData()
        self.table.clearSelection()
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.everything or self.list_name in changes.references:
            self.reload()

    # -- selection ---------------------------------------------------------------------------

    def selected(self) -> list[ReferenceItem]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.items[row] for row in rows if row < len(self.items)]

    def select_labels(self, *labels: str) -> None:
        """Select the rows with these labels (what a person does with Ctrl + click)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, item in enumerate(self.items):
            if item.label in labels:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _update_buttons(self) -> None:
        count = len(self.selected())
        self.buttons["renameItem"].setEnabled(count == 1)
        self.buttons["toggleItem"].setEnabled(count >= 1)
        self.buttons["mergeItems"].setEnabled(count >= 2)
        # Suppliers alone have a record beyond their name (contact, phone, customer number).
        self.buttons["supplierRecord"].setVisible(self.list_name == "supplier")
        self.buttons["supplierRecord"].setEnabled(count == 1)

    # -- actions -----------------------------------------------------------------------------

    def _change(self, op, /, **arguments) -> None:
        """Run `op` of ui/ops/references.py on the list shown."""
        op(self._tasks, self, list_name=self.list_name, **arguments)

    def add_item(self) -> None:
        self.dialog = prompts.ask_text(
            self, "Ajouter un élément", "Libellé :", "",
            lambda text: self._change(references_ops.add_item, label=text))

    def rename_item(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        item = chosen[0]
        self.dialog = prompts.ask_text(
            self, "Renommer", "Nouveau libellé :", item.label,
            lambda text: self._change(references_ops.rename_item, item_id=item.id, label=text))

    def open_supplier(self):
        chosen = self.selected()
        if self.list_name != "supplier" or len(chosen) != 1:
            return None
        from extradesk.ui.dialogs.supplier_dialog import SupplierDialog

        self.dialog = SupplierDialog(self._tasks, chosen[0].id, self)
        self.dialog.open()
        return self.dialog

    def toggle_active(self) -> None:
        chosen = [(i.id, not i.active) for i in self.selected()]
        if chosen:
            self._change(references_ops.set_active, items=chosen)

    def merge_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) < 2:
            return
        dialog = self.dialog = MergeDialog(chosen, self)
        dialog.accepted.connect(lambda: self._merge(dialog.kept(), chosen))
        dialog.open()

    def _merge(self, keep: ReferenceItem, chosen: list[ReferenceItem]) -> None:
        duplicates = [i.id for i in chosen if i.id != keep.id]
        self._change(references_ops.merge_items, keep_id=keep.id, duplicate_ids=duplicates,
                     on_done=lambda _changes: self.merged.emit())
