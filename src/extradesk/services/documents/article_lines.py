"""The document line an article makes (documents use the article base, never the reverse)."""

from __future__ import annotations

from extradesk.services.articles import edit as articles
from extradesk.services.context import Context
from extradesk.services.documents.dto import LineInput


def line_input(ctx: Context, article_id: int) -> LineInput:
    """The line of an article: its code, label, description, unit, sale price HT and VAT
    rate, quantity 1."""
    a = articles.get_article(ctx, article_id)
    return LineInput(code=a.code, label=a.label, description=a.description, quantity=1,
                     unit=a.unit, unit_price=a.sale_price, vat_rate=a.vat_rate)


def line_for_code(ctx: Context, code: str | None) -> LineInput | None:
    """The line of the article with this code (any case), or None when there is none."""
    article = articles.find_by_code(ctx, code)
    return line_input(ctx, article.id) if article is not None else None
