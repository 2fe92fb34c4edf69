"""Who may see and who may modify my agenda (services.agenda.rights)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.ui import errors
from extradesk.ui.ops import agenda as agenda_ops
from extradesk.ui.style import error_label, label, primary
from extradesk.ui.tasks import Tasks

SEE, MODIFY = 1, 2  # table columns


class RightsDialog(QDialog):
    def __init__(self, tasks: Tasks, owner_id: int | None, users, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("rightsDialog")
        self.setWindowTitle("Droits sur mon agenda")
        self.setMinimumWidth(460)
        self.tasks, self.owner_id = tasks, owner_id
        self.everyone = QRadioButton("Tout le monde peut voir et modifier mon agenda")
        self.everyone.setObjectName("rightsEveryone")
        self.listed = QRadioButton("Seulement les personnes cochées ci-dessous")
        self.listed.setObjectName("rightsListed")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("rightsTable")
        self.table.setHorizontalHeaderLabels(["Utilisateur", "Peut voir", "Peut modifier"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = error_label()
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("rightsSave")
        self.save_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Qui peut voir et modifier mon agenda ?", "sectionTitle"))
        layout.addWidget(self.everyone)
        layout.addWidget(self.listed)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.listed.toggled.connect(self.table.setEnabled)
        self.table.itemChanged.connect(self._item_changed)
        agenda_ops.rights_form(tasks, self, owner_id=owner_id, on_done=lambda r: self._loaded(*r))

    def _loaded(self, rights, users) -> None:
        others = [u for u in users if u.id != self.owner_id]
        self.table.blockSignals(True)
        self.table.setRowCount(len(others))
        for row, user in enumerate(others):
            name = QTableWidgetItem(user.name)
            name.setData(Qt.ItemDataRole.UserRole, user.id)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            for column, on in ((SEE, user.id in rights.grants),
                               (MODIFY, rights.grants.get(user.id, False))):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        (self.everyone if rights.shared_with_all else self.listed).setChecked(True)
        self.table.setEnabled(not rights.shared_with_all)
        self.save_button.setEnabled(True)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """Modifying implies seeing; not seeing implies not modifying."""
        row, checked = item.row(), item.checkState() == Qt.CheckState.Checked
        self.table.blockSignals(True)
        if item.column() == MODIFY and checked:
            self.table.item(row, SEE).setCheckState(Qt.CheckState.Checked)
        if item.column() == SEE and not checked:
            self.table.item(row, MODIFY).setCheckState(Qt.CheckState.Unchecked)
        self.table.blockSignals(False)

    def grants(self) -> dict[int, bool] | None:
        if self.everyone.isChecked():
            return None
        result = {}
        for row in range(self.table.rowCount()):
            user_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if self.table.item(row, SEE).checkState() == Qt.CheckState.Checked:
                result[user_id] = self.table.item(row, MODIFY).checkState() \
                    == Qt.CheckState.Checked
        return result

    def save(self) -> None:
        def refused(error: BaseException) -> None:
            self.error.setText(errors.describe(error))
            self.error.show()

        agenda_ops.set_rights(self.tasks, self, owner_id=self.owner_id, grants=self.grants(),
                              on_done=lambda _c: self.accept(), on_error=refused)
