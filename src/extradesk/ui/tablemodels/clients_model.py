"""The clients list as an ordered id snapshot from SQL, with rows fetched lazily in pages.

Sorting and filtering are a new snapshot (services.clients.client_ids), never a proxy model:
the row count is exact from the start, so the scrollbar is too, and only the pages the view
actually paints are ever loaded (on the database worker, never on the GUI thread).
"""

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
from extradesk.ui.tasks import Tasks

PAGE_SIZE = 200
MAX_PAGES = 60  # pages kept in memory (12,000 rows); older ones are fetched again if needed
ID_ROLE = Qt.ItemDataRole.UserRole  # the client id of a row, always known


@dataclass(frozen=True)
class Column:
    title: str
    sort: str | None  # services.clients.SORTS key, None when SQL cannot sort on it
    width: int


COLUMNS = (
    Column("Nom", "name", 350),
    Column("Code postal", "postal_code", 95),
    Column("Ville", "city", 200),
    Column("Téléphone", None, 125),
    Column("E-mail", None, 280),
    Column("Statut", None, 120),
)
_SORTABLE = {c.sort: i for i, c in enumerate(COLUMNS) if c.sort}


@dataclass(frozen=True)
class ListQuery:
    sort: str = "name"
    descending: bool = False
    include_archived: bool = False
    status_id: int | None = None


# A displayed row: (name, postal code, city, phone, e-mail, status, archived)
Row = tuple[str, str, str, str, str, str, bool]


def load_rows(ctx: Any, ids: list[int]) -> dict[int, Row]:
    """Runs on the worker: one page of rows, formatted there so paint stays cheap."""
    from extradesk.services.clients import records as clients

    return format_rows(clients.client_rows(ctx, ids))


def format_rows(rows: list[Any]) -> dict[int, Row]:
    """ClientRow values as displayed (from the services or from services.clients.first_page)."""
    return {
        r.id: (r.name, r.postal_code, r.city, fmt.phone(r.phone), r.email,
               f"{r.status} (archivé)" if r.archived and r.status else
               ("Archivé" if r.archived else r.status), r.archived)
        for r in rows
    }


def read_first_page(target: Any) -> tuple[list[int], dict[int, dict[int, Row]]] | None:
    """Runs on the worker before the services are imported: the default snapshot and its
    first page through sqlite3 alone (services.clients.first_page), or None when that cannot be."""
    from extradesk.services.clients import first_page

    found = first_page.read(target, page_size=PAGE_SIZE)
    if found is None:
        return None
    ids, rows = found
    return ids, {0: format_rows(rows)}


def count_clients(ctx: Any) -> int:
    from extradesk.services.clients import records as clients

    return clients.count_clients(ctx)


def load_snapshot(ctx: Any, query: ListQuery, first_row: int = 0) -> tuple[list[int], dict, int]:
    """Runs on the worker: the ordered ids, the page around `first_row`, the total count."""
    from extradesk.services.clients import records as clients

    ids = clients.client_ids(ctx, sort=query.sort, descending=query.descending,
                             include_archived=query.include_archived, status_id=query.status_id)
    page = min(first_row, max(len(ids) - 1, 0)) // PAGE_SIZE
    rows = load_rows(ctx, ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE])
    return ids, {page: rows}, clients.count_clients(ctx)


class ClientsModel(QAbstractTableModel):
    snapshot_loaded = Signal()  # a new id list is installed (after reload)
    first_page_shown = Signal()  # the start-up preview is installed (show_first_page)
    page_loaded = Signal(int)  # page number

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.query = ListQuery()
        self.total = 0  # every client in the database, archived included (-1: not loaded yet)
        self.loaded = False
        self._ids: list[int] = []
        self._index: dict[int, int] | None = None  # id -> row, built on first need
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._grey = QBrush(QColor("#7a7a7a"))

    # -- snapshot ----------------------------------------------------------------------------

    def reload(self, *, first_row: int = 0, **changes: Any) -> None:
        """Take a new id snapshot (sort or filter changes go through here, into SQL)."""
        self.query = replace(self.query, **changes)
        self._generation += 1
        generation, query = self._generation, self.query
        if not self.loaded and self._ids and query == ListQuery() and first_row == 0:
            # The start-up preview already is the default snapshot (a test keeps the sqlite3
            # and services paths equal): adopt it and only count, instead of reading ~100,000
            # ids again (~150 ms) before search is ready.
            ids, pages = self._ids, dict(self._pages)
            self._tasks.run_in_db(count_clients,
                                  lambda total: self._install(generation, ids, pages, total),
                                  owner=self)
            return
        self._tasks.run_in_db(lambda ctx: load_snapshot(ctx, query, first_row),
                              lambda result: self._install(generation, *result), owner=self)

    def show_first_page(self, found: tuple[list[int], dict] | None) -> None:
        """Install the start-up preview (read_first_page) while the services load.

        The default query's ids and first page only; `loaded` stays False (no change is
        applied to it, no count is shown) until the real snapshot replaces it."""
        if found is None or self.loaded or self._ids or self.query != ListQuery():
            return
        ids, pages = found
        self.beginResetModel()
        self._ids = ids
        self._index = None
        self._pages = OrderedDict(pages)
        self._requested.clear()
        self.endResetModel()
        self.first_page_shown.emit()

    def _install(self, generation: int, ids: list[int], pages: dict, total: int) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        if not self.loaded and ids and ids == self._ids:
            # The real snapshot of the start-up preview: same rows, so no reset — the
            # selection and the scroll position stay; only the rows are read again.
            self._pages = OrderedDict(pages)
            self._requested.clear()
            self.total = total
            self.loaded = True
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
            self.snapshot_loaded.emit()
            return
        self.beginResetModel()
        self._ids = ids
        self._index = None
        self._pages = OrderedDict(pages)
        self._requested.clear()
        self.total = total
        self.loaded = True
        self.endResetModel()
        self.snapshot_loaded.emit()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what changed: rows in place, or a new snapshot when a client is new."""
        if not self.loaded:
            return
        if changes.everything or any(self.row_of(cid) is None for cid in changes.clients):
            self.reload()
        elif changes.references:  # a label (status) may have changed on any row
            self._pages.clear()
            self._requested.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._ids) - 1, len(COLUMNS) - 1))
        else:
            for page in {self.row_of(cid) // PAGE_SIZE for cid in changes.clients}:
                self._pages.pop(page, None)
                self._requested.discard(page)  # an older fetch may predate the change
                self._request(page)

    # -- lookups -----------------------------------------------------------------------------

    def client_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, client_id: int) -> int | None:
        if self._index is None:
            self._index = {cid: row for row, cid in enumerate(self._ids)}
        return self._index.get(client_id)

    def is_page_loaded(self, page: int) -> bool:
        return page in self._pages

    @property
    def loaded_pages(self) -> list[int]:
        return sorted(self._pages)

    # -- Qt model ----------------------------------------------------------------------------

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
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == ID_ROLE:
            return self._ids[row]
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
            return "(supprimé)" if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole \
                else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if values[6] else None
        return values[index.column()] or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.query.sort, self.query.descending):
            return
        self.reload(sort=key, descending=descending)

    def sort_column(self) -> int:
        return _SORTABLE.get(self.query.sort, 0)

    # -- pages -------------------------------------------------------------------------------

    def _request(self, page: int) -> None:
        if page in self._requested:
            return
        if not self.loaded and self._tasks.ctx is None:
            return  # start-up preview: other pages wait for the services (then repainted)
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        self._tasks.run_in_db(lambda ctx: load_rows(ctx, ids),
                              lambda rows: self._page_arrived(generation, page, rows), owner=self)

    def _page_arrived(self, generation: int, page: int, rows: dict[int, Row]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        if not self.query.include_archived and any(r[6] for r in rows.values()):
            self.reload()  # a client of this page was just archived: it leaves the list
            return
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)
