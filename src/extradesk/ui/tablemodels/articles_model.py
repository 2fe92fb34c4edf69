"""The Articles list as an ordered id snapshot from SQL, with rows fetched lazily in pages
(the recipe of documents_model: first page painted at once, exact scrollbar soon after, only
painted pages ever loaded, all on the worker)."""

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
    QTimer,
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


def load_first_page(ctx: Any, query: ListQuery) -> tuple[list[int], dict[int, Row]]:
    from extradesk.services import articles

    ids = articles.article_ids(ctx, query.filters, sort=query.sort,
                               descending=query.descending, limit=PAGE_SIZE)
    return ids, load_rows(ctx, ids)


class ArticlesModel(QAbstractTableModel):
    """A snapshot comes in three steps on the worker, as in documents_model: the first page
    (ids and rows, LIMIT off the sort index), then the counts (the scrollbar becomes exact),
    then every id (rows below the first page show once it has arrived). Reading every id of
    100,000 articles before the first paint is what cost 200 ms."""

    snapshot_loaded = Signal()  # the first page of a new snapshot is installed
    count_loaded = Signal()  # the row count (and `total`) is exact
    ids_loaded = Signal()  # every id of the snapshot is known
    page_loaded = Signal(int)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.query = ListQuery()
        self.total = 0  # every article in the database, once counted
        self.loaded = False  # a first page is installed
        self.complete = False  # every id is known
        self.count_known = False
        self._count = 0
        self._ids: list[int] = []  # the known prefix of the snapshot, or all of it
        self._index: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._grey = QBrush(QColor("#7a7a7a"))
        self._orange = QBrush(QColor("#b35900"))

    def reload(self, **changes: Any) -> None:
        """A new id snapshot: filters and sorting happen in SQL, never in a proxy. A newer
        reload makes every step of an older one drop its result (or skip its query)."""
        self.query = replace(self.query, **changes)
        self._generation += 1
        generation, query = self._generation, self.query
        self._tasks.run_in_db(lambda ctx: load_first_page(ctx, query),
                              lambda result: self._install(generation, *result), owner=self)

    def _install(self, generation: int, ids: list[int], rows: dict[int, Row]) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self.beginResetModel()
        self._ids, self._count, self._index = ids, len(ids), None
        self._pages = OrderedDict({0: rows}) if ids else OrderedDict()
        self._requested.clear()
        self.loaded = True
        self.complete = len(ids) < PAGE_SIZE
        self.count_known = False
        self.endResetModel()
        self.snapshot_loaded.emit()
        if self.complete:
            self.ids_loaded.emit()
        filters, query = self.query.filters, self.query

        def count(ctx):
            from extradesk.services import articles

            if generation != self._generation:
                return None
            return articles.count_articles(ctx, filters), articles.count_articles(ctx)

        def every_id(ctx):
            from extradesk.services import articles

            if generation != self._generation:
                return None  # superseded before it started: skip the slow query
            return articles.article_ids(ctx, filters, sort=query.sort,
                                        descending=query.descending)

        def rest() -> None:
            if generation != self._generation:
                return
            self._tasks.run_in_db(count, lambda n: self._counted(generation, n), owner=self)
            if not self.complete:
                self._tasks.run_in_db(every_id, lambda all_ids: self._all_ids(generation,
                                                                              all_ids),
                                      owner=self)

        # After the first paint: the counts and the id list wait behind it on the worker.
        QTimer.singleShot(0, self, rest)

    def _counted(self, generation: int, counts: tuple[int, int] | None) -> None:
        if generation != self._generation or counts is None:
            return
        shown, self.total = counts
        if not self.complete:
            self._resize(shown)
        self.count_known = True
        self.count_loaded.emit()

    def _all_ids(self, generation: int, ids: list[int] | None) -> None:
        if generation != self._generation or ids is None:
            return
        known = len(self._ids)
        if ids[:known] != self._ids:  # changed in between: start again from this list
            self.beginResetModel()
            self._ids, self._count = ids, len(ids)
            self._pages.clear()
            self._requested.clear()
            self.endResetModel()
        else:
            self._ids = ids
            self._resize(len(ids))
            if len(ids) > known:  # rows that were waiting for their id can load now
                self.dataChanged.emit(self.index(known, 0),
                                      self.index(len(ids) - 1, len(COLUMNS) - 1))
        self._index = None
        self.complete = True
        self.ids_loaded.emit()

    def _resize(self, count: int) -> None:
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()

    def apply_changes(self, changes: Changes) -> None:
        """Any article change may move it in or out of a filter ("à classer", a family):
        a new snapshot (its first page is a LIMIT query, the rest follows)."""
        if self.loaded and (changes.everything or changes.articles
                            or changes.references & {"family", "account", "supplier"}):
            self.reload()

    def article_id(self, row: int) -> int | None:
        """None for a row whose id has not arrived yet (below the first page)."""
        return self._ids[row] if row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        if self._index is None:
            self._index = {aid: row for row, aid in enumerate(self._ids)}
        return self._index.get(article_id)

    def is_page_loaded(self, page: int) -> bool:
        return page in self._pages

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

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
            return self.article_id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[column].right else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        if row >= len(self._ids):
            return None  # its id arrives with the whole snapshot
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
        last = min(first + PAGE_SIZE, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)
