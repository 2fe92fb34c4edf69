"""The clients list: an ordered id snapshot from SQL with rows fetched lazily in pages (the
machinery: paged_model), and its start-up preview read with sqlite3 alone.

The whole snapshot comes at once (every id, the first page and the count of every client):
the count label and the empty state show with the first rows. At start-up the worker reads
the default snapshot through sqlite3 before the services are imported (read_first_page);
the first reload adopts that preview and only counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.ui.tablemodels.paged_model import (
    DISPLAY,
    ID_ROLE,
    PAGE_SIZE,
    Column,
    PagedIdModel,
)
from extradesk.ui.tasks import Tasks

__all__ = ["COLUMNS", "ID_ROLE", "PAGE_SIZE", "ClientsModel", "ListQuery", "read_first_page"]

COLUMNS = (
    Column("Nom", "name", 350),
    Column("Code postal", "postal_code", 95),
    Column("Ville", "city", 200),
    Column("Téléphone", None, 125),
    Column("E-mail", None, 280),
    Column("Statut", None, 120),
)


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


def read_first_page(target: Any) -> tuple[list[int], dict[int, Row]] | None:
    """Runs on the worker before the services are imported: the default snapshot and its
    first page through sqlite3 alone (services.clients.first_page), or None when that cannot
    be. What ClientsModel.show_first_page takes."""
    from extradesk.services.clients import first_page

    found = first_page.read(target, page_size=PAGE_SIZE)
    if found is None:
        return None
    ids, rows = found
    return ids, format_rows(rows)


class ClientsModel(PagedIdModel):
    """`total` counts every client in the database, archived ones included."""

    columns = COLUMNS
    roles = frozenset({DISPLAY, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                       ID_ROLE})
    counts_more_than_rows = True
    snapshot_at_once = True
    load_rows = staticmethod(load_rows)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(tasks, ListQuery(), parent)
        self.total = 0
        self._grey = QBrush(QColor("#7a7a7a"))

    @staticmethod
    def select_ids(ctx: Any, query: ListQuery, limit: int | None = None) -> list[int]:
        from extradesk.services.clients import records as clients

        ids = clients.client_ids(ctx, sort=query.sort, descending=query.descending,
                                 include_archived=query.include_archived,
                                 status_id=query.status_id)
        return ids if limit is None else ids[:limit]

    @staticmethod
    def count_rows(ctx: Any, query: ListQuery) -> int:
        from extradesk.services.clients import records as clients

        return clients.count_clients(ctx)

    def _take_count(self, counts: int) -> int:
        self.total = counts
        return len(self._ids)

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
                self._request(page, changed=changes.clients)

    def _left_the_list(self, ids, rows, changed, before) -> bool:
        """A client of this page was archived since the snapshot: it leaves the list."""
        return not self.query.include_archived and any(r[6] for r in rows.values())

    def client_id(self, row: int) -> int:
        return self._ids[row]

    def cell(self, values: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if values[6] else None
        return values[column] or None
