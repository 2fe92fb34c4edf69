"""The totals of a document as the service computed them: HT, VAT per rate, TTC, net due."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from extradesk.core.totals import Totals
from extradesk.i18n import format as fmt
from extradesk.ui.documents.lines_model import number_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TotalsPanel(QFrame):
    """Read-only figures; the UI never adds anything up itself (DESIGN.md: money)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(340)
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(3)
        self.values: dict[str, str] = {}  # caption -> shown amount (tests read it)

    def _clear(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.values = {}

    def _row(self, row: int, caption: str, *cells: str, strong: bool = False) -> None:
        style = "font-weight: 600; font-size: 11pt;" if strong else ""
        head = QLabel(caption)
        head.setStyleSheet(style)
        self._grid.addWidget(head, row, 0)
        for column, text in enumerate(cells, start=1):
            cell = QLabel(text)
            cell.setAlignment(_RIGHT)
            cell.setStyleSheet(style)
            cell.setObjectName(f"total_{row}_{column}")
            self._grid.addWidget(cell, row, column)
        self.values[caption] = cells[-1] if cells else ""

    def set_totals(self, totals: Totals) -> None:
        self._clear()
        row = 0
        self._row(row, "Total HT", "", fmt.money(totals.net), strong=True)
        row += 1
        if totals.vat_rows:
            for caption, column in (("Base HT", 1), ("Montant", 2)):
                title = QLabel(caption)
                title.setObjectName("hint")
                title.setAlignment(_RIGHT)
                self._grid.addWidget(title, row, column)
            row += 1
        for vat in totals.vat_rows:
            caption = f"TVA {number_text(vat.rate)} %"
            self._row(row, caption, fmt.money(vat.base), fmt.money(vat.amount))
            row += 1
        self._row(row, "Total TVA", "", fmt.money(totals.vat))
        self._row(row + 1, "Total TTC", "", fmt.money(totals.gross), strong=True)
        row += 2
        if totals.deposits:
            self._row(row, "Acomptes déduits", "", fmt.money(-totals.deposits))
            self._row(row + 1, "Net à payer", "", fmt.money(totals.due), strong=True)
        self._grid.setColumnStretch(0, 1)
