"""The "Envoi" page's list: outbox items as an ordered id snapshot (newest first) with rows
fetched lazily in pages (paged_model), filtered by state in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.ui.tablemodels.paged_model import PAGE_SIZE, Column, PagedIdModel
from extradesk.ui.tasks import Tasks

COLUMNS = (
    Column("Date", "date", 125),
    Column("Destinataire", None, 210),
    Column("Objet", None, 230),
    Column("État", None, 90),
    Column("Essais", None, 55, right=True),
    Column("Erreur", None, 300),
)
ERROR_COLUMN = 5


@dataclass(frozen=True)
class ListQuery:
    states: frozenset[str] = field(default_factory=frozenset)  # empty: every state
    sort: str = "date"
    descending: bool = True


@dataclass(frozen=True)
class Row:
    texts: tuple[str, ...]
    state: str
    document_id: int | None = None


def state_label(state: str) -> str:
    return messages.text(f"outbox.state.{state}")


def error_label(row) -> str:
    return messages.text(row.error, **row.error_params) if row.error else ""


SMS_KINDS = {"rappel": "rappel de rendez-vous", "deplace": "rendez-vous déplacé",
             "relance": "relance de devis", "campagne": "campagne"}


def subject_of(r) -> str:
    """A mail's subject; an SMS has none: « SMS · rappel de rendez-vous »."""
    if r.channel == "sms":
        return " · ".join(p for p in ("SMS", SMS_KINDS.get(r.kind)) if p)
    return r.subject or ""


def format_row(r) -> Row:
    when = r.sent_at or r.created_at
    to = fmt.phone(r.to) if r.channel == "sms" and r.to.startswith("+33") else r.to
    return Row((fmt.moment(when), to, subject_of(r), state_label(r.state),
                str(r.attempts), error_label(r)), r.state, r.document_id)


def load_rows(ctx: Any, ids: list[int]) -> dict[int, Row]:
    """Runs on the worker: one page of rows, formatted there (French errors included)."""
    from extradesk.services.outbox import items

    return {r.id: format_row(r) for r in items.item_rows(ctx, ids)}


_COLOURS = {"failed": "#b3261e", "pending": "#8a5a00", "cancelled": "#7a7a7a"}


class OutboxModel(PagedIdModel):
    columns = COLUMNS
    roles = PagedIdModel.roles | {Qt.ItemDataRole.ForegroundRole}
    deleted_text = "(supprimé)"
    load_rows = staticmethod(load_rows)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(tasks, ListQuery(), parent)
        self._brushes = {state: QBrush(QColor(c)) for state, c in _COLOURS.items()}

    @staticmethod
    def select_ids(ctx: Any, query: ListQuery, limit: int | None = None) -> list[int]:
        from extradesk.services.outbox import items

        return items.item_ids(ctx, states=sorted(query.states) or None,
                              oldest_first=not query.descending, limit=limit)

    @staticmethod
    def count_rows(ctx: Any, query: ListQuery) -> int:
        from extradesk.services.outbox import items

        return items.count_items(ctx, states=sorted(query.states) or None)

    def apply_changes(self, changes: Changes) -> None:
        """A new snapshot: an item changes state (and so filter) at every step."""
        if self.loaded and (changes.outbox or changes.everything):
            self.reload()

    item_id = PagedIdModel.id_at

    def row_values(self, row: int) -> Row | None:
        if row >= len(self._ids):
            return None
        rows = self._pages.get(row // PAGE_SIZE)
        return rows.get(self._ids[row]) if rows else None

    def cell(self, values: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes.get(values.state) if column in (3, ERROR_COLUMN) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return values.texts[column] or None if column in (1, 2, ERROR_COLUMN) else None
        return values.texts[column] or None
