"""The Pièces list as an ordered id snapshot from SQL, with rows fetched lazily in pages.

A snapshot comes in three steps on the database worker, so the first rows paint at once even
over a million documents: the first page (ids and rows, off an index: well under a
millisecond), then the count (the scrollbar becomes exact), then every id (the slow part,
hundreds of milliseconds at 1M: rows below the first page show once it has arrived).
Sorting and filtering are a new snapshot, never a proxy model.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
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

from extradesk.core.changes import Changes
from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.ui.tasks import Tasks

PAGE_SIZE = 200
MAX_PAGES = 60  # pages kept in memory (12,000 rows); older ones are fetched again if needed
ID_ROLE = Qt.ItemDataRole.UserRole  # the document id of a row, once the ids are known
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.TextAlignmentRole, ID_ROLE})


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: str | None  # services.documents.SORTS key, None when SQL cannot sort on it
    width: int
    right: bool = False


COLUMNS = (
    Column("number", "Numéro", "number", 115),
    Column("kind", "Type", None, 125),
    Column("date", "Date", "date", 90),
    Column("client", "Client", "client", 230),
    Column("subject", "Objet", None, 260),  # stretched over what the others leave
    Column("status", "Statut", None, 135),
    Column("net", "Total HT", None, 105, right=True),
    Column("gross", "Total TTC", "total", 105, right=True),
)
CLIENT_COLUMN = 3
_SORTABLE = {c.sort: i for i, c in enumerate(COLUMNS) if c.sort}


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: services.dto_documents.DocumentFilter fields plus the order."""

    sort: str = "date"
    descending: bool = True
    kinds: frozenset[DocumentKind] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    date_from: Any = None  # datetime.date, inclusive
    date_to: Any = None
    client_id: int | None = None

    def as_filter(self):
        from extradesk.services.dto_documents import DocumentFilter

        return DocumentFilter(kinds=self.kinds, statuses=self.statuses, date_from=self.date_from,
                              date_to=self.date_to, client_id=self.client_id)

    @property
    def filtered(self) -> bool:
        return bool(self.kinds or self.statuses or self.date_from or self.date_to
                    or self.client_id is not None)

    def matches(self, row) -> bool:
        """Would this DocumentRow be in the list? (after an edit, without asking SQL)"""
        return ((not self.kinds or row.kind in self.kinds)
                and (not self.statuses or row.status in self.statuses)
                and (self.date_from is None or row.issue_date >= self.date_from)
                and (self.date_to is None or row.issue_date <= self.date_to)
                and (self.client_id is None or row.client_id == self.client_id))


@dataclass(frozen=True)
class Row:
    texts: tuple[str, ...]  # one per column, formatted on the worker
    source: Any  # the services DocumentRow: kind, status, date, client for the checks

    def sort_value(self, sort: str) -> Any:
        s = self.source
        return {"date": s.issue_date, "number": s.number, "total": s.gross,
                "client": s.client_name}.get(sort)


def kind_label(kind: DocumentKind) -> str:
    return messages.text(f"document.kind.{kind.value}")


def status_label(status: Status) -> str:
    return messages.text(f"document.status.{status.value}")


def format_row(r) -> Row:
    return Row((r.number or "(brouillon)", kind_label(r.kind), fmt.day(r.issue_date),
                r.client_name, r.subject or "", status_label(r.status), fmt.money(r.net),
                fmt.money(r.gross)), r)


def load_rows(ctx: Any, ids: list[int]) -> dict[int, Row]:
    """Runs on the worker: one page of rows, formatted there so paint stays cheap."""
    from extradesk.services import documents

    return {r.id: format_row(r) for r in documents.document_rows(ctx, ids)}


def load_first_page(ctx: Any, query: ListQuery) -> tuple[list[int], dict[int, Row]]:
    from extradesk.services import documents

    ids = documents.document_ids(ctx, query.as_filter(), sort=query.sort,
                                 descending=query.descending, limit=PAGE_SIZE)
    return ids, load_rows(ctx, ids)


class DocumentsModel(QAbstractTableModel):
    snapshot_loaded = Signal()  # the first page of a new snapshot is installed
    count_loaded = Signal()  # the row count is exact
    ids_loaded = Signal()  # every id of the snapshot is known
    page_loaded = Signal(int)  # page number

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.query = ListQuery()
        self.loaded = False  # a first page is installed
        self.complete = False  # every id is known (count exact too)
        self.count_known = False
        self._count = 0
        self._ids: list[int] = []  # the known prefix of the snapshot, or all of it
        self._index: dict[int, int] | None = None  # id -> row, built on first need
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._installed = 0  # generation of the snapshot on screen

    # -- snapshot ----------------------------------------------------------------------------

    def reload(self, **changes: Any) -> None:
        """Take a new snapshot (sort or filter changes go through here, into SQL)."""
        self.query = replace(self.query, **changes)
        self._generation += 1
        generation, query = self._generation, self.query
        self._tasks.run_in_db(lambda ctx: load_first_page(ctx, query),
                              lambda result: self._install(generation, *result), owner=self)

    def _install(self, generation: int, ids: list[int], rows: dict[int, Row]) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self.beginResetModel()
        self._installed = generation
        self._ids = ids
        self._count = len(ids)
        self._index = None
        self._pages = OrderedDict({0: rows}) if ids else OrderedDict()
        self._requested.clear()
        self.loaded = True
        self.complete = self.count_known = len(ids) < PAGE_SIZE
        self.endResetModel()
        self.snapshot_loaded.emit()
        if self.complete:
            self.count_loaded.emit()
            self.ids_loaded.emit()
            return
        flt, query = self.query.as_filter(), self.query

        def count(ctx):
            from extradesk.services import documents

            return documents.count_documents(ctx, flt) if generation == self._generation else None

        def every_id(ctx):
            from extradesk.services import documents

            if generation != self._generation:
                return None  # superseded before it started: skip the slow query
            return documents.document_ids(ctx, flt, sort=query.sort, descending=query.descending)

        def rest() -> None:
            if generation != self._generation:
                return
            self._tasks.run_in_db(count, lambda n: self._counted(generation, n), owner=self)
            self._tasks.run_in_db(every_id, lambda all_ids: self._all_ids(generation, all_ids),
                                  owner=self)

        # After the first paint: turning a million rows into Python ids holds the GIL for
        # long stretches, and the view's data() calls would wait for it at every row.
        QTimer.singleShot(0, self, rest)

    def _counted(self, generation: int, count: int | None) -> None:
        if generation != self._generation or count is None or self.complete:
            return
        self._resize(count)
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
        self.complete = self.count_known = True
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

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what changed: rows in place, or a new snapshot when the list must change."""
        if not self.loaded:
            return
        if changes.everything:
            self.reload()
            return
        stale = {page for page, rows in self._pages.items()
                 if any(r.source.client_id in changes.clients for r in rows.values())}
        outside = []
        for document_id in changes.documents:
            row = self.row_of(document_id)
            if row is None:
                outside.append(document_id)
            else:
                stale.add(row // PAGE_SIZE)
        for page in stale:
            self._pages.pop(page, None)
            self._requested.discard(page)  # an older fetch may predate the change
            self._request(page, changed=changes.documents)
        if outside:
            generation = self._generation
            self._tasks.run_in_db(lambda ctx: load_rows(ctx, outside),
                                  lambda rows: self._outsiders(generation, rows), owner=self)

    def _outsiders(self, generation: int, rows: dict[int, Row]) -> None:
        """Documents not in the list changed (new ones): a new snapshot if they belong."""
        if generation == self._generation and any(
                self.query.matches(r.source) for r in rows.values()):
            self.reload()

    # -- lookups -----------------------------------------------------------------------------

    @property
    def fresh(self) -> bool:
        """The newest snapshot asked for has its first page on screen."""
        return self.loaded and self._installed == self._generation

    def document_id(self, row: int) -> int | None:
        return self._ids[row] if row < len(self._ids) else None

    def row_of(self, document_id: int) -> int | None:
        if self._index is None:
            self._index = {did: row for row, did in enumerate(self._ids)}
        return self._index.get(document_id)

    def row_values(self, row: int) -> Row | None:
        """The formatted row if its page is loaded (tests and the benchmark read it)."""
        if row >= len(self._ids):
            return None
        rows = self._pages.get(row // PAGE_SIZE)
        return rows.get(self._ids[row]) if rows else None

    def is_page_loaded(self, page: int) -> bool:
        return page in self._pages

    # -- Qt model ----------------------------------------------------------------------------

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
        if role not in _ROLES or not index.isValid():  # the view asks ~9 roles per cell
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[column].right else _LEFT
        if role == ID_ROLE:
            return self.document_id(row)
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
            return "(supprimée)" if column == 0 and role == Qt.ItemDataRole.DisplayRole else None
        return values.texts[column] or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.query.sort, self.query.descending):
            return
        self.reload(sort=key, descending=descending)

    def sort_column(self) -> int:
        return _SORTABLE.get(self.query.sort, 2)

    # -- pages -------------------------------------------------------------------------------

    def _request(self, page: int, *, changed: frozenset[int] = frozenset()) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        before = self._pages.get(page, {})
        self._tasks.run_in_db(
            lambda ctx: load_rows(ctx, ids),
            lambda rows: self._page_arrived(generation, page, ids, rows, changed, before),
            owner=self)

    def _page_arrived(self, generation: int, page: int, ids: list[int], rows: dict[int, Row],
                      changed: frozenset[int], before: dict[int, Row]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        if changed and self._left_the_list(ids, rows, changed, before):
            self.reload()
            return
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    def _left_the_list(self, ids, rows, changed, before) -> bool:
        """A changed document was deleted, no longer matches the filter, or moved in the order."""
        for document_id in changed:
            if document_id not in ids:
                continue
            new = rows.get(document_id)
            if new is None or not self.query.matches(new.source):
                return True
            old = before.get(document_id)
            if old is not None and old.sort_value(self.query.sort) != new.sort_value(
                    self.query.sort):
                return True
        return False
