"""A list as an ordered id snapshot from SQL, with rows fetched lazily in pages: what the
Clients, Articles and Pièces lists share.

A snapshot comes in three steps on the database worker, so the first rows paint at once even
over a million rows: the first page (ids and rows, LIMIT off the sort index: well under a
millisecond), then the count (the scrollbar becomes exact), then every id (the slow part,
hundreds of milliseconds at 1M documents: reading every id of 100,000 articles before the
first paint is what cost 200 ms). Rows below the first page show once every id has arrived,
and only painted pages are ever loaded. Sorting and filtering are a new snapshot, never a
proxy model.

A model whose count shows with its first rows (the clients list: "N affichés sur M" and the
empty state) sets `snapshot_at_once`: one job reads every id, the first page and the count.

A preview read before the services exist (the clients list at start-up, through sqlite3
alone) paints through `show_first_page`; the first reload of the initial query adopts it
instead of reading it again, and without a reset, so a selection made meanwhile stays.

A subclass names its `columns`, fills the worker hooks (`select_ids`, `load_rows`,
`count_rows`) and says how a loaded row paints (`cell`).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from extradesk.ui.tasks import Tasks

PAGE_SIZE = 200
MAX_PAGES = 60  # pages kept in memory (12,000 rows); older ones are fetched again if needed
ID_ROLE = Qt.ItemDataRole.UserRole  # the id of a row, once the ids are known
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True)
class Column:
    title: str
    sort: str | None  # the service's SORTS key, None when SQL cannot sort on it
    width: int
    right: bool = False


class PagedIdModel(QAbstractTableModel):
    snapshot_loaded = Signal()  # the first page of a new snapshot is installed
    count_loaded = Signal()  # the row count (and `total`, where a model counts one) is exact
    ids_loaded = Signal()  # every id of the snapshot is known
    page_loaded = Signal(int)  # page number
    first_page_shown = Signal()  # a preview is installed (show_first_page)

    columns: ClassVar[tuple[Column, ...]] = ()
    # data() answers these roles alone: the view asks ~9 roles per cell
    roles: ClassVar[frozenset] = frozenset({DISPLAY, Qt.ItemDataRole.ToolTipRole,
                                            Qt.ItemDataRole.TextAlignmentRole, ID_ROLE})
    left_alignment: ClassVar[int | None] = LEFT  # of the cells of a left-aligned column
    default_sort_column: ClassVar[int] = 0  # the indicator when no column sorts like the query
    deleted_text: ClassVar[str] = "(supprimé)"  # column 0 of a row deleted since the snapshot
    # The count job also counts what no id list tells (the articles' `total`): count_known
    # then waits for it, even when the first page is the whole list.
    counts_more_than_rows: ClassVar[bool] = False
    # Every id, the first page and the count in the first job (the three steps in one):
    # snapshot_loaded then comes with the exact count.
    snapshot_at_once: ClassVar[bool] = False

    def __init__(self, tasks: Tasks, query: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.query = query
        self._initial_query = query  # the query a preview (show_first_page) is read for
        self.loaded = False  # a first page is installed
        self.complete = False  # every id is known
        self.count_known = False
        self._count = 0
        self._ids: list[int] = []  # the known prefix of the snapshot, or all of it
        self._index: dict[int, int] | None = None  # id -> row, built on first need
        self._pages: OrderedDict[int, dict[int, Any]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._installed = 0  # generation of the snapshot on screen

    # -- hooks every subclass defines (checked when it is declared) ----------------------------
    # On the worker: select_ids(ctx, query, limit=None) -> the ordered ids of `query`, the
    # first `limit` when given; load_rows(ctx, ids) -> {id: row}, formatted there so paint
    # stays cheap; count_rows(ctx, query) -> the count, or what `_take_count` reads it from.
    # On the GUI thread: cell(values, column, role) -> what a loaded row shows in `column`.
    HOOKS: ClassVar[tuple[str, ...]] = ("select_ids", "load_rows", "count_rows", "cell")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = [hook for hook in PagedIdModel.HOOKS if not hasattr(cls, hook)]
        if missing:  # a programming error, met when the module is imported
            raise TypeError(f"{cls.__name__} must define {', '.join(missing)}")

    def _take_count(self, counts: Any) -> int:
        """What count_rows returned -> the rows the list shows (a model may keep the rest)."""
        return counts

    def _left_the_list(self, ids: list[int], rows: dict[int, Any], changed: frozenset[int],
                       before: dict[int, Any]) -> bool:
        """A page arrived, fetched again because rows of it `changed` or first painted: True
        when only a new snapshot can show the change (a row left the list or moved in it)."""
        return False

    # -- snapshot ----------------------------------------------------------------------------

    def reload(self, **changes: Any) -> None:
        """A new id snapshot: filters and sorting happen in SQL, never in a proxy. A newer
        reload makes every step of an older one drop its result (or skip its query)."""
        self.query = replace(self.query, **changes)
        self._generation += 1
        generation, query = self._generation, self.query
        at_once = self.snapshot_at_once

        if not self.loaded and self._ids and query == self._initial_query:
            # A preview of this very query is on screen (show_first_page): adopt its ids and
            # rows, and only count, instead of reading them again (every id of 100,000
            # clients: ~150 ms before search is ready).
            ids, rows = self._ids, self._pages.get(0, {})

            def first_page(ctx: Any) -> tuple[list[int], dict[int, Any], Any]:
                return ids, rows, self.count_rows(ctx, query) if at_once else None
        else:
            def first_page(ctx: Any) -> tuple[list[int], dict[int, Any], Any]:
                if at_once:
                    every_id = self.select_ids(ctx, query)
                    return (every_id, self.load_rows(ctx, every_id[:PAGE_SIZE]),
                            self.count_rows(ctx, query))
                ids = self.select_ids(ctx, query, PAGE_SIZE)
                return ids, self.load_rows(ctx, ids), None

        self._tasks.run_in_db(first_page, lambda result: self._install(generation, *result),
                              owner=self)

    def show_first_page(self, found: tuple[list[int], dict[int, Any]] | None) -> None:
        """Paint a preview of the initial query, (ids, {id: row} of the first page), read
        before the services exist. `loaded` stays False (no change applies to it, no count
        shows) until the first reload adopts it; None (no preview could be read) is ignored,
        and so is a preview that comes after a snapshot or another query."""
        if found is None or self.loaded or self._ids or self.query != self._initial_query:
            return
        ids, rows = found
        self.beginResetModel()
        self._ids, self._count, self._index = ids, len(ids), None
        self._pages = OrderedDict({0: rows}) if ids else OrderedDict()
        self._requested.clear()
        self.endResetModel()
        self.first_page_shown.emit()

    def _install(self, generation: int, ids: list[int], rows: dict[int, Any],
                 counts: Any = None) -> None:
        """The first page of a snapshot arrived (with every id and the count when
        `snapshot_at_once`)."""
        if generation != self._generation:
            return  # a newer reload is on its way
        # The snapshot of the preview on screen: same rows, so no reset (the selection and
        # the scroll position stay); only the rows are painted again.
        in_place = not self.loaded and bool(ids) and ids == self._ids
        if not in_place:
            self.beginResetModel()
            self._ids, self._count, self._index = ids, len(ids), None
        self._installed = generation
        self._pages = OrderedDict({0: rows}) if ids else OrderedDict()
        self._requested.clear()
        self.loaded = True
        self.complete = self.snapshot_at_once or len(ids) < PAGE_SIZE
        self.count_known = self.snapshot_at_once or (self.complete
                                                     and not self.counts_more_than_rows)
        if counts is not None:
            self._take_count(counts)
        if in_place:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(ids) - 1, len(self.columns) - 1))
        else:
            self.endResetModel()
        self.snapshot_loaded.emit()
        if self.count_known:
            self.count_loaded.emit()
        if self.complete:
            self.ids_loaded.emit()
        if self.count_known:
            return  # the first page is the whole list: nothing left to learn
        query = self.query

        def count(ctx: Any) -> Any:
            return self.count_rows(ctx, query) if generation == self._generation else None

        def every_id(ctx: Any) -> list[int] | None:
            if generation != self._generation:
                return None  # superseded before it started: skip the slow query
            return self.select_ids(ctx, query)

        def rest() -> None:
            if generation != self._generation:
                return
            self._tasks.run_in_db(count, lambda n: self._counted(generation, n), owner=self)
            if not self.complete:
                self._tasks.run_in_db(every_id, lambda all_ids: self._all_ids(generation,
                                                                              all_ids),
                                      owner=self)

        # After the first paint: the count and the ids wait behind it on the worker, and
        # turning a million rows into Python ids holds the GIL for long stretches: the view's
        # data() calls would wait for it at every row.
        QTimer.singleShot(0, self, rest)

    def _counted(self, generation: int, counts: Any) -> None:
        if generation != self._generation or counts is None or self.count_known:
            return  # stale, skipped, or every id told the count already
        shown = self._take_count(counts)
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
                                      self.index(len(ids) - 1, len(self.columns) - 1))
        self._index = None
        self.complete = True
        if not self.counts_more_than_rows:  # the ids are the count
            self.count_known = True
            self.count_loaded.emit()
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

    # -- lookups -----------------------------------------------------------------------------

    @property
    def fresh(self) -> bool:
        """The newest snapshot asked for has its first page on screen."""
        return self.loaded and self._installed == self._generation

    def id_at(self, row: int) -> int | None:
        """None for a row whose id has not arrived yet (below the first page)."""
        return self._ids[row] if row < len(self._ids) else None

    def row_of(self, row_id: int) -> int | None:
        if self._index is None:
            self._index = {rid: row for row, rid in enumerate(self._ids)}
        return self._index.get(row_id)

    def is_page_loaded(self, page: int) -> bool:
        return page in self._pages

    @property
    def loaded_pages(self) -> list[int]:
        return sorted(self._pages)

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == DISPLAY:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT if self.columns[section].right else LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if role not in self.roles or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.columns[column].right else self.left_alignment
        if role == ID_ROLE:
            return self.id_at(row)
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
            return self.deleted_text if column == 0 and role == DISPLAY else None
        return self.cell(values, column, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.query.sort, self.query.descending):
            return
        self.reload(sort=key, descending=descending)

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort == self.query.sort),
                    self.default_sort_column)

    # -- pages -------------------------------------------------------------------------------

    def _request(self, page: int, *, changed: frozenset[int] = frozenset()) -> None:
        if page in self._requested:
            return
        if not self.loaded and self._tasks.ctx is None:
            return  # a preview: other pages wait for the services (then painted again)
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        before = self._pages.get(page, {})
        self._tasks.run_in_db(
            lambda ctx: self.load_rows(ctx, ids),
            lambda rows: self._page_arrived(generation, page, ids, rows, changed, before),
            owner=self)

    def _page_arrived(self, generation: int, page: int, ids: list[int], rows: dict[int, Any],
                      changed: frozenset[int], before: dict[int, Any]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        if self._left_the_list(ids, rows, changed, before):
            self.reload()
            return
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(last, len(self.columns) - 1))
        self.page_loaded.emit(page)
