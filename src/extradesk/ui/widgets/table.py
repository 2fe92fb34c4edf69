"""The read-only view over a lazy list (Clients, Pièces, Articles): rows of one fixed height,
the model's column widths, and a header whose clicks sort in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

if TYPE_CHECKING:
    from extradesk.ui.tablemodels.paged_model import PagedIdModel


def lazy_table(model: PagedIdModel, name: str, *, multi_select: bool = False,
               stretch: int | None = None) -> QTableView:
    """A table over `model` named `name`; `stretch` is the column that takes what the others
    leave (the last one when None)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi_select
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(model.sort_column(), _order(model))
    for i, column in enumerate(model.columns):
        table.setColumnWidth(i, column.width)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.sortIndicatorChanged.connect(
        lambda column, order: _sort_requested(table, model, column, order))
    return table


def _order(model: PagedIdModel) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder


def _sort_requested(table: QTableView, model: PagedIdModel, column: int,
                    order: Qt.SortOrder) -> None:
    if model.columns[column].sort is None:  # not sortable in SQL: keep the indicator where it was
        header = table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(model.sort_column(), _order(model))
        header.blockSignals(False)
        return
    model.sort(column, order)
