"""The article base: create, edit, deactivate, find by code, classify in bulk, and the
document line an article makes. Lists and search hits live in article_list."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, exists, func, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.db.session import unit_of_work
from extradesk.models import (
    AccountingAccount,
    Article,
    ArticleFamily,
    ArticleNotice,
    DocumentLine,
    Supplier,
)
from extradesk.services.articles import index as article_index
from extradesk.services.articles import notices
from extradesk.services.articles.checks import check_classification, checked_values, code_key
from extradesk.services.articles.dto import ArticleDetail, ArticleInput
from extradesk.services.articles.listing import (  # noqa: F401  (the articles API, one module)
    article_hits,
    article_ids,
    article_rows,
    count_articles,
)
from extradesk.services.context import Context

_C = Article.__table__.c
_F = ArticleFamily.__table__.c
_A = AccountingAccount.__table__.c
_S = Supplier.__table__.c
_N = ArticleNotice.__table__.c
PRICE_FIELDS = ("purchase_price", "sale_price")


def create_article(ctx: Context, data: ArticleInput) -> tuple[int, Changes]:
    """A new article; `account_id` None puts it on the waiting account (707900)."""
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        values = checked_values(conn, data)
        new_id = conn.execute(Article.__table__.insert().values(
            **values, price_updated_on=now.date(), created_at=now, updated_at=now)
        ).inserted_primary_key[0]
        article_index.reindex(conn, [new_id])
    return new_id, Changes(articles=frozenset({new_id}))


def update_article(ctx: Context, article_id: int, *, data: ArticleInput) -> Changes:
    """Replace the article's values; the price date moves only when a price changes."""
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        before = conn.execute(select(_C.purchase_price, _C.sale_price)
                              .where(_C.id == article_id)).first()
        if before is None:
            raise NotFoundError("article.not_found", id=article_id)
        values = checked_values(conn, data, exclude_id=article_id)
        if (values["purchase_price"], values["sale_price"]) != tuple(before):
            values["price_updated_on"] = now.date()
        conn.execute(update(Article.__table__).where(_C.id == article_id)
                     .values(**values, updated_at=now))
        article_index.reindex(conn, [article_id])
    return Changes(articles=frozenset({article_id}))


def set_active(ctx: Context, article_id: int, *, active: bool) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        done = session.connection().execute(
            update(Article.__table__).where(_C.id == article_id)
            .values(active=active, updated_at=ctx.clock.now()))
        if done.rowcount == 0:
            raise NotFoundError("article.not_found", id=article_id)
    return Changes(articles=frozenset({article_id}))


def is_used(conn: Connection, article_id: int) -> bool:
    """On a document line (lines keep the article's code, as typed in any case)."""
    code = conn.execute(select(_C.code).where(_C.id == article_id)).scalar()
    if code is None:
        raise NotFoundError("article.not_found", id=article_id)
    lines = DocumentLine.__table__.c
    return conn.execute(select(exists().where(
        func.lower(lines.code) == code.lower()))).scalar()


def remove_article(ctx: Context, article_id: int) -> tuple[bool, Changes]:
    """Delete an unused article; a used one is only deactivated (its documents keep
    pointing at it). Returns (deleted, changes)."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if is_used(conn, article_id):
            conn.execute(update(Article.__table__).where(_C.id == article_id)
                         .values(active=False, updated_at=ctx.clock.now()))
            deleted = False
        else:
            linked = list(conn.execute(select(_N.attachment_id)
                                       .where(_N.article_id == article_id)).scalars())
            conn.execute(ArticleNotice.__table__.delete().where(_N.article_id == article_id))
            gone = notices.drop_unlinked(conn, linked)
            conn.execute(Article.__table__.delete().where(_C.id == article_id))
            article_index.unindex(conn, [article_id])
            deleted = True
    if deleted:
        notices.forget_files(ctx, gone)  # its notices no other article shares
    return deleted, Changes(articles=frozenset({article_id}), everything=deleted)


def bulk_classify(ctx: Context, ids: Sequence[int], *, family_id: int | None,
                  sub_family_id: int | None, account_id: int | None) -> Changes:
    """Put many articles in one family/sub-family and on one account at once.

    None leaves that value as it is on each article. One transaction, checked first.
    """
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise ValidationError([Problem(None, "article.none_selected")])
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        family_id = check_classification(conn, family_id, sub_family_id, account_id)
        values = {}
        if family_id is not None:
            values["family_id"] = family_id
            values["sub_family_id"] = sub_family_id  # a new family drops an old sub-family
        if account_id is not None:
            values["account_id"] = account_id
        if not values:
            raise ValidationError([Problem(None, "article.classify_nothing")])
        for start in range(0, len(ids), 500):
            done = conn.execute(update(Article.__table__)
                                .where(_C.id.in_(ids[start:start + 500]))
                                .values(**values, updated_at=ctx.clock.now()))
            if done.rowcount != len(ids[start:start + 500]):
                raise NotFoundError("article.some_missing")
    return Changes(articles=frozenset(ids))


_DETAIL = (
    select(Article.__table__, _A.code.label("account_code"), _A.label.label("account_label"),
           _A.waiting, _S.label.label("supplier_label"),
           select(_F.label).where(_F.id == _C.family_id).scalar_subquery().label("fam"),
           select(_F.label).where(_F.id == _C.sub_family_id).scalar_subquery().label("sub"),
           select(func.count()).where(_N.article_id == _C.id).scalar_subquery().label("n"))
    .select_from(Article.__table__.join(AccountingAccount.__table__, _A.id == _C.account_id)
                 .outerjoin(Supplier.__table__, _S.id == _C.supplier_id))
)


def _detail(r) -> ArticleDetail:
    return ArticleDetail(
        id=r.id, code=r.code, label=r.label, description=r.description, unit=r.unit,
        purchase_price=r.purchase_price, sale_price=r.sale_price, margin=r.margin,
        vat_rate=r.vat_rate, family_id=r.family_id, sub_family_id=r.sub_family_id,
        account_id=r.account_id, supplier_id=r.supplier_id, supplier_ref=r.supplier_ref,
        active=bool(r.active), family=r.fam or "", sub_family=r.sub or "",
        account=f"{r.account_code} {r.account_label}", supplier=r.supplier_label or "",
        to_classify=bool(r.waiting), price_updated_on=r.price_updated_on, notice_count=r.n,
        created_at=r.created_at, updated_at=r.updated_at)


def get_article(ctx: Context, article_id: int) -> ArticleDetail:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(_DETAIL.where(_C.id == article_id)).first()
    if row is None:
        raise NotFoundError("article.not_found", id=article_id)
    return _detail(row)


def find_by_code(ctx: Context, code: str | None) -> ArticleDetail | None:
    """The article with this code whatever the case ('w1245er' finds 'W1245ER'), or None."""
    key = code_key(code)
    if not key:
        return None
    with ctx.db.engine.connect() as conn:
        row = conn.execute(_DETAIL.where(_C.code_key == key)).first()
    return _detail(row) if row is not None else None
