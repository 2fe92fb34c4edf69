"""The Relances table: overdue invoices by client, formatted on the database worker (a few
thousand on a big base: formatting them on the GUI thread, one tree item each, cost a
second), painted from plain tuples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from extradesk.i18n import format as fmt
from extradesk.i18n.payments import LEVEL_TITLES

COLUMNS = (("Client", 0), ("Facture", 110), ("Échéance", 85), ("Retard", 70),
           ("Net à payer", 95), ("Réglé", 90), ("Reste dû", 95),
           ("Dernière relance", 170), ("À envoyer", 150), ("E-mail", 190))  # 0: stretched
RIGHT = frozenset({3, 4, 5, 6})
CLIENT, LEVEL = 0, 8
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def days_text(days: int) -> str:
    return f"{fmt.integer(days)} jour{'s' if days > 1 else ''}"


def last_text(row) -> str:
    if not row.reminder_level:
        return "Aucune"
    return f"{LEVEL_TITLES[row.reminder_level]} le {fmt.day(row.reminded_on)}"


def next_level(row, due: dict[int, int]) -> int | None:
    """The level due today, else the next one (a reminder may be sent early by hand)."""
    if row.document_id in due:
        return due[row.document_id]
    return row.reminder_level + 1 if row.reminder_level < 3 else None


@dataclass(frozen=True)
class Line:
    texts: tuple[str, ...]
    document_id: int
    first_of_client: bool  # the client's name shows on his first invoice only
    client_total: str  # tooltip of the client cell: his invoices and what he owes


def format_lines(rows, due: dict[int, int]) -> list[Line]:
    """Runs on the worker: one Line per overdue invoice, the rows already by client."""
    totals: dict[int, list] = {}
    for row in rows:
        count_total = totals.setdefault(row.client_id, [0, 0])
        count_total[0] += 1
        count_total[1] += row.remaining
    lines, previous = [], None
    for row in rows:
        level = next_level(row, due)
        count, total = totals[row.client_id]
        first = row.client_id != previous
        previous = row.client_id
        lines.append(Line((
            row.client_name if first else "", row.number, fmt.day(row.due_date),
            days_text(row.days_late), fmt.money(row.net_to_pay), fmt.money(row.paid),
            fmt.money(row.remaining), last_text(row),
            (LEVEL_TITLES[level] + ("" if row.document_id in due else " (en avance)"))
            if level else "—", row.email or "pas d'e-mail : à imprimer"),
            row.document_id, first,
            f"{row.client_name} : {count} facture{'s' if count > 1 else ''} en retard, "
            f"{fmt.money(total)} restant dus"))
    return lines


class RemindersModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return line.texts[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if column in RIGHT else ALIGN_LEFT
        if role == Qt.ItemDataRole.FontRole and column == CLIENT and line.first_of_client:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == CLIENT:
            return line.client_total
        if role == Qt.ItemDataRole.UserRole:
            return line.document_id
        return None

    def row_of(self, document_id: int) -> int | None:
        return next((i for i, line in enumerate(self.lines) if line.document_id == document_id),
                    None)
