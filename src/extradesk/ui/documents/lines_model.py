"""The lines of one document as a tree: ordinary and text lines at the top, options as groups.

The model never writes anything itself: an edit or a drop becomes a request signal that the
editor sends to the services; the cell shows the old value until the refreshed document
comes back, so a refused entry simply stays as it was.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from extradesk.i18n import format as fmt
from extradesk.services.documents.dto import DocumentDetail, Line, LineInput, OptionGroup
from extradesk.ui.documents.lines_drop import LineDropMixin

COLUMNS = ("Code", "Désignation", "Quantité", "Unité", "P.U. HT", "Remise", "TVA", "Total HT")
FIELDS = ("code", "label", "quantity", "unit", "unit_price", "discount", "vat_rate", None)
CODE, LABEL, QUANTITY, UNIT, PRICE, DISCOUNT, VAT, TOTAL = range(len(COLUMNS))
NUMERIC = frozenset({QUANTITY, PRICE, DISCOUNT, VAT, TOTAL})
LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OPTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_TOP = 0  # internalId of top-level rows; children carry their group's row + 1
_OPTION_BRUSH = QBrush(QColor("#fff6dc"))
_HINT_BRUSH = QBrush(QColor("#6b6b6b"))


def number_text(value: Decimal | None, *, min_places: int = 0, group: bool = True) -> str:
    """Decimal('1234.500') -> '1 234,5' (French, no useless zeros, at least `min_places`)."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    places = max(min_places, -exponent if isinstance(exponent, int) else 0)
    text = fmt.decimal(value, places)
    return text if group else text.replace(fmt.NBSP, "")


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{number_text(value)}\u00a0%"


class _Node:
    """A top-level row: one line, or one option group with its lines."""

    __slots__ = ("line", "option", "children")

    def __init__(self, line: Line | None = None, option: OptionGroup | None = None) -> None:
        self.line, self.option = line, option
        self.children: list[Line] = []


class LinesModel(LineDropMixin, QAbstractItemModel):
    line_edited = Signal(int, object)  # line id, the whole LineInput after the edit
    option_renamed = Signal(int, str)  # option id, new title
    move_requested = Signal(object, object, object)  # line ids, before line id, option id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.detail: DocumentDetail | None = None
        self._nodes: list[_Node] = []
        self.editable = False

    @property
    def reverse_charge(self) -> bool:
        return bool(self.detail is not None and self.detail.header.reverse_charge)

    # -- content -----------------------------------------------------------------------------

    def set_detail(self, detail: DocumentDetail) -> None:
        self.beginResetModel()
        self.detail, self.editable = detail, detail.editable
        options = {o.id: o for o in detail.options}
        nodes: list[_Node] = []
        groups: dict[int, _Node] = {}
        for line in detail.lines:
            if line.option_id is None or line.option_id not in options:
                nodes.append(_Node(line=line))
                continue
            if line.option_id not in groups:
                groups[line.option_id] = _Node(option=options[line.option_id])
                nodes.append(groups[line.option_id])
            groups[line.option_id].children.append(line)
        self._nodes = nodes
        self.endResetModel()

    def line_at(self, index: QModelIndex) -> Line | None:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._nodes[index.row()].line
        return self._nodes[index.internalId() - 1].children[index.row()]

    def option_at(self, index: QModelIndex) -> OptionGroup | None:
        if index.isValid() and index.internalId() == _TOP:
            return self._nodes[index.row()].option
        return None

    def index_of_line(self, line_id: int, column: int = 0) -> QModelIndex:
        for row, node in enumerate(self._nodes):
            if node.line is not None and node.line.id == line_id:
                return self.index(row, column)
            for child_row, line in enumerate(node.children):
                if line.id == line_id:
                    return self.index(child_row, column, self.index(row, 0))
        return QModelIndex()

    def option_rows(self) -> list[QModelIndex]:
        return [self.index(r, 0) for r, n in enumerate(self._nodes) if n.option is not None]

    def text_rows(self) -> list[QModelIndex]:
        """Text lines: the view spans them over every column."""
        found = []
        for row, node in enumerate(self._nodes):
            if node.line is not None and node.line.is_text:
                found.append(self.index(row, 0))
            parent = self.index(row, 0)
            found += [self.index(r, 0, parent) for r, line in enumerate(node.children)
                      if line.is_text]
        return found

    # -- structure ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._nodes)
        if parent.column() == 0 and parent.internalId() == _TOP:
            return len(self._nodes[parent.row()].children)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- data --------------------------------------------------------------------------------

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        option = self.option_at(index)
        if option is not None:
            return self._option_data(option, index.column(), role)
        line = self.line_at(index)
        if line is None:
            return None
        if role == LINE_ID_ROLE:
            return line.id
        reverse = self.reverse_charge and index.column() == VAT and not line.is_text
        if role == Qt.ItemDataRole.DisplayRole:
            # Autoliquidation: 0 % whatever rate was typed, as the totals and PDF say (the
            # tooltip says why); the typed rate is kept (editing shows it) for when unticked.
            return "0\u00a0%" if reverse else self._display(line, index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(line, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and reverse:
            return ("Autoliquidation : TVA due par le client, 0\u00a0% facturé "
                    f"(taux saisi : {percent_text(line.vat_rate)}).")
        if role == Qt.ItemDataRole.ToolTipRole and line.description:
            return line.description
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.is_text:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _option_data(self, option: OptionGroup, column: int, role):
        if role == OPTION_ID_ROLE:
            return option.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return _OPTION_BRUSH
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(column == LABEL)
            font.setItalic(column == TOTAL)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.EditRole and column == LABEL:
            return option.title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == LABEL:
            return f"{option.heading} — {_option_state(option)}"
        if column == TOTAL:
            return number_text(option.net, min_places=2)
        return None

    @staticmethod
    def _display(line: Line, column: int) -> str | None:
        if line.is_text:
            text = line.label or ""
            if column == CODE and line.description:
                return f"{text}\n{line.description}" if text else line.description
            return text if column == CODE else None
        if column == CODE:
            return line.code or ""
        if column == LABEL:
            return f"{line.label}\n{line.description}" if line.description else line.label
        if column == QUANTITY:
            return number_text(line.quantity)
        if column == UNIT:
            return line.unit or ""
        if column == PRICE:
            return number_text(line.unit_price, min_places=2)
        if column == DISCOUNT:
            return percent_text(line.discount) if line.discount else ""
        if column == VAT:
            return percent_text(line.vat_rate)
        if column == TOTAL:
            return number_text(line.net, min_places=2)
        return None

    @staticmethod
    def _edit_text(line: Line, column: int) -> str:
        if line.is_text:
            return line.label or "" if column == CODE else ""
        value = getattr(line, FIELDS[column]) if FIELDS[column] else None
        if isinstance(value, Decimal):
            return number_text(value, group=False)
        return value or ""

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return base
        option = self.option_at(index)
        if option is not None:
            flags = base | Qt.ItemFlag.ItemIsDropEnabled
            return flags | Qt.ItemFlag.ItemIsEditable if index.column() == LABEL else flags
        line = self.line_at(index)
        flags = base | Qt.ItemFlag.ItemIsDragEnabled
        if line is not None and (index.column() == CODE if line.is_text
                                 else index.column() != TOTAL):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        option = self.option_at(index)
        if option is not None:
            if index.column() != LABEL or str(value) == option.title:
                return False
            self.option_renamed.emit(option.id, str(value))
            return True
        line = self.line_at(index)
        if line is None:
            return False
        text = "" if value is None else str(value)
        if text == self._edit_text(line, index.column()):
            return False  # nothing changed: no round trip to the database
        field = "label" if line.is_text else FIELDS[index.column()]
        if field in ("discount", "vat_rate"):
            text = text.strip().removesuffix("%").strip()  # "12,5 %" as French users type it
        values = line.as_input().__dict__ | {field: text}
        self.line_edited.emit(line.id, LineInput(**values))
        return True


def _option_state(option: OptionGroup) -> str:
    if option.accepted is True:
        return "retenue par le client"
    if option.accepted is False:
        return "non retenue"
    return "non comprise dans le total"
