"""The Articles list: an ordered id snapshot from SQL with rows fetched lazily in pages (the
machinery and why it loads in three steps: paged_model)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.services.articles.dto import ArticleFilter
from extradesk.ui.tablemodels.paged_model import Column, PagedIdModel
from extradesk.ui.tasks import Tasks

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
    from extradesk.services.articles import edit as articles

    return {
        r.id: (r.code, r.label, r.unit or "", _price(r.purchase_price), _price(r.sale_price),
               _vat(r.vat_rate), " › ".join(p for p in (r.family, r.sub_family) if p),
               TO_CLASSIFY if r.to_classify else r.account_code, r.supplier,
               str(r.notices) if r.notices else "", not r.active, r.to_classify)
        for r in articles.article_rows(ctx, ids)
    }


class ArticlesModel(PagedIdModel):
    """The count also gives `total` (every article in the database), so count_known waits for
    it even when the first page is the whole list."""

    columns = COLUMNS
    roles = PagedIdModel.roles | {Qt.ItemDataRole.ForegroundRole}
    left_alignment = None  # left cells keep the view's default alignment
    counts_more_than_rows = True
    load_rows = staticmethod(load_rows)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(tasks, ListQuery(), parent)
        self.total = 0  # every article in the database, once counted
        self._grey = QBrush(QColor("#7a7a7a"))
        self._orange = QBrush(QColor("#b35900"))

    @staticmethod
    def select_ids(ctx: Any, query: ListQuery, limit: int | None = None) -> list[int]:
        from extradesk.services.articles import edit as articles

        return articles.article_ids(ctx, query.filters, sort=query.sort,
                                    descending=query.descending, limit=limit)

    @staticmethod
    def count_rows(ctx: Any, query: ListQuery) -> tuple[int, int]:
        from extradesk.services.articles import edit as articles

        return articles.count_articles(ctx, query.filters), articles.count_articles(ctx)

    def _take_count(self, counts: tuple[int, int]) -> int:
        shown, self.total = counts
        return shown

    def apply_changes(self, changes: Changes) -> None:
        """Any article change may move it in or out of a filter ("à classer", a family):
        a new snapshot (its first page is a LIMIT query, the rest follows)."""
        if self.loaded and (changes.everything or changes.articles
                            or changes.references & {"family", "account", "supplier"}):
            self.reload()

    article_id = PagedIdModel.id_at

    def cell(self, values: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if values[10]:
                return self._grey
            return self._orange if values[11] and column == 7 else None
        return values[column] or None
