"""Cell editors of the lines table: French text for numbers, a combo for the VAT rate.

The delegate hands the text over as typed ("1 234,5", "12,5 %"); the service parses and
checks it, so the rules and their French messages live in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

from extradesk.ui.documents.lines_model import COLUMNS, LABEL, NUMERIC, VAT, LinesModel

# (shown, sent to the service); the order of core.tax.VAT_RATES, most common first.
VAT_CHOICES = (("20 %", "20"), ("10 %", "10"), ("5,5 %", "5,5"), ("2,1 %", "2,1"),
               ("0 %", "0"))
_PLACEHOLDERS = {2: "1 234,5", 4: "0,00", 5: "0 %"}
_WIDTHS = (90, 330, 80, 60, 100, 70, 70, 110)  # code … total HT, for a 1100 px window


class LineDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model = index.model()
        is_line = model.data(index, Qt.ItemDataRole.UserRole + 1) is not None
        if index.column() == VAT and is_line:
            combo = QComboBox(parent)
            combo.setObjectName("vatEditor")
            for shown, sent in VAT_CHOICES:
                combo.addItem(shown, sent)
            # Choosing a rate is the whole edit: commit at once, as a person expects.
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        edit = QLineEdit(parent)
        edit.setObjectName("cellEditor")
        edit.setFrame(False)
        if index.column() in NUMERIC:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setPlaceholderText(_PLACEHOLDERS.get(index.column(), ""))
        elif index.column() == LABEL and not is_line:
            edit.setPlaceholderText("Titre de l'option")
        return edit

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.model().data(index, Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            found = editor.findData(text)
            editor.setCurrentIndex(found if found >= 0 else 0)
            return
        editor.setText(str(text))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        editor.setGeometry(option.rect)


def make_lines_view(model: LinesModel) -> tuple[QTreeView, LineDelegate]:
    """The lines tree: rows selected whole, edited in place, reordered by drag and drop."""
    tree = QTreeView()
    tree.setObjectName("linesView")
    tree.setModel(model)
    delegate = LineDelegate(tree)
    tree.setItemDelegate(delegate)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    tree.setDefaultDropAction(Qt.DropAction.MoveAction)
    tree.setDropIndicatorShown(True)
    tree.setAlternatingRowColors(True)
    tree.setAllColumnsShowFocus(True)
    tree.setIndentation(14)
    header = tree.header()
    header.setStretchLastSection(False)
    for column, width in enumerate(_WIDTHS[:len(COLUMNS)]):
        header.resizeSection(column, width)
    header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
    return tree, delegate
