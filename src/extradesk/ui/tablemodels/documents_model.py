"""The Pièces list: an ordered id snapshot from SQL with rows fetched lazily in pages (the
machinery and why it loads in three steps: paged_model). Edits refresh rows in place while
the list stays right; otherwise they take a new snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject

from extradesk.core.changes import Changes
from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.i18n.documents import status_id
from extradesk.ui.tablemodels.paged_model import PAGE_SIZE, Column, PagedIdModel
from extradesk.ui.tasks import Tasks

COLUMNS = (
    Column("Numéro", "number", 115),
    Column("Type", None, 125),
    Column("Date", "date", 90),
    Column("Client", "client", 230),
    Column("Objet", None, 260),  # stretched over what the others leave
    Column("Statut", None, 135),
    Column("Total HT", None, 105, right=True),
    Column("Total TTC", "total", 105, right=True),
    Column("Réglé", None, 100, right=True),  # invoices and deposit invoices once issued
    Column("Reste dû", None, 100, right=True),
)
CLIENT_COLUMN = 3


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
    # Payment states (core.payments.PayState values): the list is then the issued invoices
    # in those states, newest first, read by services/payments/figures.ids_by_state.
    pay_states: frozenset[str] = field(default_factory=frozenset)

    def as_filter(self):
        from extradesk.services.documents.dto import DocumentFilter

        return DocumentFilter(kinds=self.kinds, statuses=self.statuses, date_from=self.date_from,
                              date_to=self.date_to, client_id=self.client_id)

    @property
    def filtered(self) -> bool:
        return bool(self.kinds or self.statuses or self.date_from or self.date_to
                    or self.client_id is not None or self.pay_states)

    def matches(self, row, state: str | None = None) -> bool:
        """Would this DocumentRow (whose payment state is `state`) be in the list? (after an
        edit, without asking SQL)"""
        return ((not self.pay_states or state in self.pay_states)
                and (not self.kinds or row.kind in self.kinds)
                and (not self.statuses or row.status in self.statuses)
                and (self.date_from is None or row.issue_date >= self.date_from)
                and (self.date_to is None or row.issue_date <= self.date_to)
                and (self.client_id is None or row.client_id == self.client_id))


@dataclass(frozen=True)
class Row:
    texts: tuple[str, ...]  # one per column, formatted on the worker
    source: Any  # the services DocumentRow: kind, status, date, client for the checks
    state: str | None = None  # its payment state (PayState value), issued invoices only

    def sort_value(self, sort: str) -> Any:
        s = self.source
        return {"date": s.issue_date, "number": s.number, "total": s.gross,
                "client": s.client_name}.get(sort)


def kind_label(kind: DocumentKind) -> str:
    return messages.text(f"document.kind.{kind.value}")


def status_label(status: Status, kind: DocumentKind | None = None) -> str:
    return messages.text(status_id(status, kind))


def format_row(r, figures=None) -> Row:
    """`figures`: the InvoiceFigures of an issued invoice (paid, remaining, state)."""
    status = status_label(r.status, r.kind)
    state = figures.state.value if figures is not None else None
    if state == "en_retard":
        status = f"{status} · {messages.text('payment.state.en_retard').lower()}"
    paid = (fmt.money(figures.paid), fmt.money(figures.remaining)) if figures else ("", "")
    return Row((r.number or "(brouillon)", kind_label(r.kind), fmt.day(r.issue_date),
                r.client_name, r.subject or "", status, fmt.money(r.net),
                fmt.money(r.gross), *paid), r, state)


def load_rows(ctx: Any, ids: list[int]) -> dict[int, Row]:
    """Runs on the worker: one page of rows and their payment figures (two queries for the
    page, none per row), formatted there so paint stays cheap."""
    from extradesk.services.documents import drafts as documents
    from extradesk.services.payments import figures

    rows = documents.document_rows(ctx, ids)
    payable = [r.id for r in rows if r.kind in PAYABLE]
    found = figures.figures_by_ids(ctx, payable) if payable else {}
    return {r.id: format_row(r, found.get(r.id)) for r in rows}


PAYABLE = (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)


def _ids_by_state(ctx: Any, query: ListQuery, limit: int | None) -> list[int]:
    """The list filtered on payment states: newest first whatever the sort (the states are
    read over the open invoices' index, then sorted by date; see figures.ids_by_state).
    The page clears the document status filter when a payment state is chosen."""
    from extradesk.services.payments import figures

    return figures.ids_by_state(ctx, query.pay_states, client_id=query.client_id, limit=limit,
                                kinds=[k.value for k in query.kinds],
                                date_from=query.date_from, date_to=query.date_to)


class DocumentsModel(PagedIdModel):
    columns = COLUMNS
    default_sort_column = 2  # the date
    deleted_text = "(supprimée)"
    load_rows = staticmethod(load_rows)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(tasks, ListQuery(), parent)

    @staticmethod
    def select_ids(ctx: Any, query: ListQuery, limit: int | None = None) -> list[int]:
        from extradesk.services.documents import drafts as documents

        if query.pay_states:
            return _ids_by_state(ctx, query, limit)
        return documents.document_ids(ctx, query.as_filter(), sort=query.sort,
                                      descending=query.descending, limit=limit)

    @staticmethod
    def count_rows(ctx: Any, query: ListQuery) -> int:
        from extradesk.services.documents import drafts as documents

        if query.pay_states:
            return len(_ids_by_state(ctx, query, None))
        return documents.count_documents(ctx, query.as_filter())

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
                self.query.matches(r.source, r.state) for r in rows.values()):
            self.reload()

    def _left_the_list(self, ids, rows, changed, before) -> bool:
        """A changed document was deleted, no longer matches the filter, or moved in the order."""
        for document_id in changed:
            if document_id not in ids:
                continue
            new = rows.get(document_id)
            if new is None or not self.query.matches(new.source, new.state):
                return True
            old = before.get(document_id)
            if old is not None and old.sort_value(self.query.sort) != new.sort_value(
                    self.query.sort):
                return True
        return False

    document_id = PagedIdModel.id_at

    def row_values(self, row: int) -> Row | None:
        """The formatted row if its page is loaded (tests and the benchmark read it)."""
        if row >= len(self._ids):
            return None
        rows = self._pages.get(row // PAGE_SIZE)
        return rows.get(self._ids[row]) if rows else None

    def cell(self, values: Row, column: int, role: int) -> Any:
        return values.texts[column] or None
