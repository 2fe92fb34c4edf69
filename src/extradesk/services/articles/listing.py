"""The Articles list (ordered id snapshot, rows by page) and `*ref` search hits.

Same recipe as clients (DESIGN.md §4): sorting and filtering in SQL off an index, rows as
tuples, search through FTS5 over folded text with a bounded candidate set sorted in Python.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, false, func, or_, select, text, true
from sqlalchemy.orm import aliased

from extradesk.core.search_text import fold, prefix_upper_bound, words
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text as message
from extradesk.models import AccountingAccount, Article, ArticleFamily, ArticleNotice, Supplier
from extradesk.services import text_index
from extradesk.services.articles.dto import ArticleFilter, ArticleRow
from extradesk.services.articles.index import ref_key
from extradesk.services.context import Context
from extradesk.services.dto import SearchHit

_C = Article.__table__.c
_A = AccountingAccount.__table__.c
_S = Supplier.__table__.c
_N = ArticleNotice.__table__.c
SORTS = {
    "code": (_C.code_key,),
    "label": (_C.sort_label, _C.id),
    "sale_price": (_C.sale_price, _C.code_key),
    "purchase_price": (_C.purchase_price, _C.code_key),
}
CANDIDATES = 300


def _waiting_ids():
    return select(_A.id).where(_A.waiting == true())


def _filtered(query, f: ArticleFilter):
    if f.active is not None:
        # "= false/true", not IS: equality lets SQLite walk (active, code_key) in order
        query = query.where(_C.active == (true() if f.active else false()))
    if f.to_classify:
        query = query.where(_C.account_id.in_(_waiting_ids()))
    if f.family_id is not None:
        query = query.where(or_(_C.family_id == f.family_id, _C.sub_family_id == f.family_id))
    if f.supplier_id is not None:
        query = query.where(_C.supplier_id == f.supplier_id)
    if f.reference and (key := fold(f.reference).replace(" ", "")):
        # a code starting so (range on the unique index), or exactly that supplier reference
        query = query.where(or_(
            (_C.code_key >= key) & (_C.code_key < prefix_upper_bound(key)),
            func.lower(_C.supplier_ref) == f.reference.strip().lower()))
    return query


def article_ids(ctx: Context, filters: ArticleFilter | None = None, *, sort: str = "code",
                descending: bool = False, limit: int | None = None) -> list[int]:
    """The ordered id snapshot behind the Articles list; sorting happens here, in SQL.
    `limit` gives the first page alone (off the sort index: instant at any size)."""
    columns = SORTS.get(sort, SORTS["code"])
    order = [c.desc() for c in columns] if descending else list(columns)
    query = _filtered(select(_C.id), filters or ArticleFilter()).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    with ctx.db.engine.connect() as conn:
        result = conn.execute(query)
        try:  # straight off the DB-API cursor, as clients_ids: half the cost of Result rows
            return [row[0] for row in result.cursor.fetchall()]
        finally:
            result.close()


def count_articles(ctx: Context, filters: ArticleFilter | None = None, *,
                   active_only: bool = False) -> int:
    """Articles matching `filters` (every article when None)."""
    query = select(func.count()).select_from(Article.__table__)
    if filters is not None:
        query = _filtered(query, filters)
    if active_only:
        query = query.where(_C.active == true())
    with ctx.db.engine.connect() as conn:
        return conn.execute(query).scalar_one()


_FAM = aliased(ArticleFamily.__table__)
_SUB = aliased(ArticleFamily.__table__)
_ROWS = (
    select(_C.id, _C.code, _C.label, _C.unit, _C.purchase_price, _C.sale_price, _C.vat_rate,
           _FAM.c.label, _SUB.c.label, _A.code, _S.label,
           select(func.count()).where(_N.article_id == _C.id).scalar_subquery(),
           _C.active, _A.waiting)
    .select_from(Article.__table__.join(AccountingAccount.__table__, _A.id == _C.account_id)
                 .outerjoin(_FAM, _FAM.c.id == _C.family_id)
                 .outerjoin(_SUB, _SUB.c.id == _C.sub_family_id)
                 .outerjoin(Supplier.__table__, _S.id == _C.supplier_id))
)


def _rows_by_id(conn: Connection, ids: Sequence[int]) -> dict[int, ArticleRow]:
    found = {}
    for r in conn.execute(_ROWS.where(_C.id.in_(list(ids)))):
        found[r[0]] = ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "",
                                 r[8] or "", r[9], r[10] or "", r[11], bool(r[12]),
                                 bool(r[13]))
    return found


def article_rows(ctx: Context, ids: Sequence[int]) -> list[ArticleRow]:
    """Rows for a page of the list, in the order of `ids`; deleted ones are skipped."""
    if not ids:
        return []
    with ctx.db.engine.connect() as conn:
        found = _rows_by_id(conn, ids)
    return [found[i] for i in ids if i in found]


_TRIGRAM = text("SELECT rowid FROM article_fts_tri WHERE article_fts_tri MATCH :m LIMIT :n")
_WORDS = text("SELECT rowid FROM article_fts_word WHERE article_fts_word MATCH :m LIMIT :n")
_CODE_PREFIX = text("SELECT id FROM articles WHERE code_key >= :low AND code_key < :high "
                    "ORDER BY code_key LIMIT :n")


def _phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _contains(token: str) -> str:
    """The token as typed, or as a reference without its dashes and dots ('poe.08')."""
    key = ref_key(token)
    if key == token or len(key) < 3:
        return _phrase(token)
    return f"({_phrase(token)} OR {_phrase(key)})"


def _candidates(conn: Connection, folded: str, mode: str, limit: int) -> list[int]:
    """Codes that start with the text first (off the unique code index), then articles whose
    code, label or supplier reference contains it (or has words starting so)."""
    key = folded.replace(" ", "")
    ids = list(conn.execute(_CODE_PREFIX, {"low": key, "high": prefix_upper_bound(key),
                                           "n": limit}).scalars())
    if len(ids) >= limit:
        return ids
    tokens = folded.split()
    if text_index.is_postgresql(conn):
        return list(dict.fromkeys([*ids, *_pg_candidates(conn, tokens, mode)]))
    if mode == "contains" and all(len(t) >= 3 for t in tokens):
        more = conn.execute(_TRIGRAM, {"m": " AND ".join(_contains(t) for t in tokens),
                                       "n": CANDIDATES}).scalars()
    else:
        wanted = [w for t in tokens for w in words(t)]
        if not wanted:
            return ids
        more = conn.execute(_WORDS, {"m": " AND ".join(_phrase(w) + "*" for w in wanted),
                                     "n": CANDIDATES}).scalars()
    return list(dict.fromkeys([*ids, *more]))


def _pg_candidates(conn: Connection, tokens: list[str], mode: str) -> list[int]:
    """The same questions on PostgreSQL's pg_trgm table (services/text_index.py)."""
    if mode == "contains" and all(len(t) >= 3 for t in tokens):
        clauses = []
        for t in tokens:
            key = ref_key(t)
            same = key == t or len(key) < 3
            clauses.append([text_index.contains(t)] + ([] if same else [text_index.contains(key)]))
    else:
        clauses = [[text_index.word_prefix(w)] for t in tokens for w in words(t)]
    return text_index.match_ids(conn, "article_fts_tri", clauses, CANDIDATES)


def article_hits(ctx: Context, raw: str, *, limit: int = 50,
                 mode: str = "contains") -> list[SearchHit]:
    """`*ref` in the search box: codes starting with the text first, then the others;
    active articles before inactive ones, in code order within each group."""
    folded = fold(raw)
    if not folded:
        return []
    with ctx.db.engine.connect() as conn:
        ids = _candidates(conn, folded, mode, limit)
        rows = _rows_by_id(conn, ids[:CANDIDATES]) if ids else {}
    key = ref_key(folded)
    ordered = sorted(rows.values(), key=lambda r: (not r.active,
                                                   not ref_key(r.code).startswith(key),
                                                   fold(r.code)))
    return [_hit(r) for r in ordered[:limit]]


def _hit(r: ArticleRow) -> SearchHit:
    parts = [message("article.hit_price", price=fmt.money(r.sale_price))
             if r.sale_price is not None else "",
             " › ".join(p for p in (r.family, r.sub_family) if p),
             message("article.hit_to_classify") if r.to_classify else "",
             "" if r.active else message("article.hit_inactive")]
    return SearchHit("article", r.id, f"{r.code} — {r.label}",
                     " · ".join(p for p in parts if p))
