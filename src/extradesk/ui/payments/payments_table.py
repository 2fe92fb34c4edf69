"""A small table of payments (a client's, the cheques to deposit): date, amount, mode,
cheque, journal, invoices, and what became of it (cancelled, deposited: locked)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from extradesk.i18n import format as fmt
from extradesk.i18n.payments import MODE_LABELS

COLUMNS = ("N°", "Date", "Montant", "Mode", "Chèque", "Journal", "Factures", "État")
AMOUNT = 2


def state_text(row) -> str:
    if row.cancels_id is not None:
        return f"Annulation du n° {row.cancels_id}"
    if row.cancelled:
        return "Annulé"
    if row.deposit_slip_id is not None:
        return f"Remis en banque (remise n° {row.deposit_slip_id}) : verrouillé"
    return ""


def cheque_text(row) -> str:
    return " · ".join(p for p in (row.cheque_bank, row.cheque_number and
                                  f"n° {row.cheque_number}", row.drawer) if p)


def make_table(name: str, *, checkable: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(COLUMNS))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(COLUMNS)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection if checkable
                           else QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows, *, checkable: bool = False) -> None:
    """One line per payment; the payment id in UserRole of column 0 (checked when
    `checkable`: the cheques chosen for a deposit)."""
    table.setRowCount(len(rows))
    for r, p in enumerate(rows):
        texts = (str(p.id), fmt.day(p.day), fmt.money(p.amount), MODE_LABELS.get(p.mode, p.mode),
                 cheque_text(p), p.journal, p.documents, state_text(p))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            if column == AMOUNT:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if column == 0 and checkable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            table.setItem(r, column, item)


def fit(table: QTableWidget, rows: int, most: int = 8) -> None:
    """Sized to its content: no empty white box under a short list."""
    shown = min(max(rows, 2), most)
    table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                         + shown * table.verticalHeader().defaultSectionSize()
                         + 2 * table.frameWidth() + 2)
