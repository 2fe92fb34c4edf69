"""The Articles list as an ordered id snapshot from SQL, with rows fetched lazily in pages
(the recipe of clients_model: exact scrollbar, only painted pages ever loaded, on the worker)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.services.dto_articles import ArticleFilter
from extradesk.ui.tasks import Tasks

PAGE_SIZE = 200
MAX_PAGES = 60
ID_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    title: str
    sort: str | None  # services.article_list.SORTS key
    width: int
    right: bool = False


COLUMNS = (
    Column("Code", "code", 100),
    Column("Désignation", "label", 300),
    Column("Unité", None, 60),
    Column("Achat HT", "purchase_price", 95, True),
    Column("Vente HT", "sale_price", 95, True),
    Column("TVA", None, 60, True),
    Column("Famille", None, 200),
    Column("Compte", None, 75),
    Column("Fournisseur", None, 150),
    Column("Notices", None, 65, True),
)
_SORTABLE = {c.sort: i for i, c in enumerate(COLUMNS) if c.sort}
TO_CLASSIFY = "à classer"


@dataclass(frozen=True)
class ListQuery:
    filters: ArticleFilter = ArticleFilter()
    sort: str = "code"
    descending: bool = False


# A displayed row: the column texts, then (inactive, to classify)
Row = tuple


def _price(value) -> str:
    return fmt.decimal(value) if value is not None else ""


def _vat(value) -> str:
    return f"{fmt.decimal(value, 0 if value == value.to_integral() else 1)} %"


def load_rows(ctx: Any, ids: list[int]) -> dict[int, Row]:
    """Runs on the worker: one page of rows, formatted there so paint stays cheap."""
    from extradesk.services import articles

    return {
        r.id: (r.code, r.label, r.unit or "", _price(r.purchase_price), _price(r.sale_price),
               _vat(r.vat_rate), " › ".join(p for p in (r.family, r.sub_family) if p),
               TO_CLASSIFY if r.to_classify else r.account_code, r.supplier,
               str(r.notices) if r.notices else "", not r.active, r.to_classify)
        for r in articles.article_rows(ctx, ids)
    }


def load_snapshot(ctx: Any, query: ListQuery) -> tuple[list[int], dict, int]:
    from extradesk.services import articles

    ids = articles.article_ids(ctx, query.filters, sort=query.sort, descending=query.descending)
    return ids, {0: load_rows(ctx, ids[:PAGE_SIZE])}, articles.count_articles(ctx)


class ArticlesModel(QAbstractTableModel):
    snapshot_loaded = Signal()
    page_loaded = Signal(int)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.query = ListQuery()
        self.total = 0  # every article in the database
        self.loaded = False
        self._ids: list[int] = []
        self._index: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._grey = QBrush(QColor("#7a7a7a"))
        self._orange = QBrush(QColor("#b35900"))

    def reload(self, **changes: Any) -> None:
        """A new id snapshot: filters and sorting happen in SQL, never in a proxy."""
        self.query = replace(self.query, **changes)
        self._generation += 1
        generation, query = self._generation, self.query
        self._tasks.run_in_db(lambda ctx: load_snapshot(ctx, query),
                              lambda result: self._install(generation, *result), owner=self)

    def _install(self, generation: int, ids: list[int], pages: dict, total: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids, self._index = ids, None
        self._pages = OrderedDict(pages)
        self._requested.clear()
        self.total, self.loaded = total, True
        self.endResetModel()
        self.snapshot_loaded.emit()

    def apply_changes(self, changes: Changes) -> None:
        """Any article change may move it in or out of a filter ("à classer", a family):
        a new snapshot (an id query: tens of ms at 100,000 articles)."""
        if self.loaded and (changes.everything or changes.articles
                            or changes.references & {"family", "account", "supplier"}):
            self.reload()

    def article_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, article_id: int) -> int | None:
        if self._index is None:
            self._index = {aid: row for row, aid in enumerate(self._ids)}
        return self._index.get(article_id)

    def is_page_loaded(self, page: int) -> bool:
        return page in self._pages

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if COLUMNS[section].right else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == ID_ROLE:
            return self._ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[column].right else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        values = rows.get(self._ids[row])
        if values is None:  # deleted since the snapshot
            return "(supprimé)" if column == 0 and role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if values[10]:
                return self._grey
            return self._orange if values[11] and column == 7 else None
        return values[column] or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.query.sort, self.query.descending):
            return
        self.reload(sort=key, descending=descending)

    def sort_column(self) -> int:
        return _SORTABLE.get(self.query.sort, 0)

    def _request(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        self._tasks.run_in_db(lambda ctx: load_rows(ctx, ids),
                              lambda rows: self._page_arrived(generation, page, rows), owner=self)

    def _page_arrived(self, generation: int, page: int, rows: dict[int, Row]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)
