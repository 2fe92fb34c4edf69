"""The search box: clients by name, company, city, postal code, phone digits and e-mail;
`**name` their documents, `*ref` articles.

Every path is index-backed (see DESIGN.md §4): a range scan on the folded sort key for names,
FTS5 trigram for "contains" (3+ characters) and FTS5 unicode61 prefixes for "starts with".
Only a bounded candidate set (≤ CANDIDATES ids) is ever sorted, never a whole match set.
Figures and the keystrokes they come from: bench/bench_search.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection, bindparam, select, text

from extradesk.core import numbering
from extradesk.core.errors import Problem, ValidationError
from extradesk.core.search_text import digits, fold, prefix_upper_bound, searchable, words
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text as message
from extradesk.models import tables
from extradesk.services import preferences
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.services.dto import SearchHit, SearchResult

# The documents, articles and catalogues services are imported where `**name`, `*ref` or a
# document number is typed, not with this module: the worker imports it at start-up for the
# clients search, which needs none of their code or tables (tests/ui/test_startup_imports.py).

MAX_LIMIT = 500
CANDIDATES = 300  # bounded set fetched from an index, then sorted
MAX_QUERY = 200
_PHONE_LIKE = re.compile(r"^\+?[\d .\-/()]+$")
_C = tables.clients.c  # Core, no SQLModel: this module loads before the first keystroke
_ARCHIVED = message("client.hit_archived")


@dataclass(frozen=True)
class Query:
    scope: str  # clients, documents, articles
    folded: str  # whole folded query, for the name range scan
    long_tokens: list[str]  # 3+ characters: trigram "contains"
    short_words: list[str]  # shorter, or everything in "starts with" mode: word prefixes


def parse(raw: str, mode: str) -> Query:
    """Turn what was typed into index queries; never lets FTS syntax through."""
    raw = searchable((raw or "")[:MAX_QUERY])
    scope = "clients"
    if raw.startswith("**"):
        scope, raw = "documents", raw[2:]
    elif raw.startswith("*"):
        scope, raw = "articles", raw[1:]
    folded = fold(raw)
    if _PHONE_LIKE.match(raw.strip()) and len(digits(raw)) >= 2:
        number = digits(raw)
        folded = number
        tokens = [number]
    else:
        tokens = folded.split()
    if mode == "starts_with":
        return Query(scope, folded, [], [w for t in tokens for w in words(t)])
    long_tokens = [t for t in tokens if len(t) >= 3]
    short_words = [w for t in tokens if len(t) < 3 for w in words(t)]
    return Query(scope, folded, long_tokens, short_words)


def _phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


# Statements are built once: building a select() per keystroke cost 4× running it.
_TRIGRAM = text("SELECT rowid FROM client_fts_tri WHERE client_fts_tri MATCH :m LIMIT :n")
_TRIGRAM_WITH_TEXT = text(
    "SELECT rowid, text FROM client_fts_tri WHERE client_fts_tri MATCH :m LIMIT :n")
_WORDS = text("SELECT rowid FROM client_fts_word WHERE client_fts_word MATCH :m LIMIT :n")
PREFIX_INDEXED = 3  # client_fts_word has prefix indexes for 1, 2 and 3 characters


def _word_match(wanted: list[str], *, whole: bool) -> str:
    """FTS5 unicode61 query: every word as a prefix, or (whole=True) words longer than the
    prefix indexes as whole words: a plain posting list, read lazily up to the LIMIT.

    A prefix longer than the prefix indexes makes FTS5 merge the postings of every word
    that starts with it before returning a row (11 ms for "gmail" at 1M clients).
    """
    return " AND ".join(
        _phrase(w) + ("" if whole and len(w) > PREFIX_INDEXED else "*") for w in wanted)


def _ids(conn: Connection, statement, match: str, n: int) -> list[int]:
    return list(conn.execute(statement, {"m": match, "n": n}).scalars())


def _fts_candidates(conn: Connection, q: Query, need: int) -> tuple[list[int], bool]:
    """Ids of up to CANDIDATES clients matching every token (index order, not sorted) and
    whether more may exist. `need` is how many the page still lacks.

    Cheap questions first: whole words, then word prefixes; when they already fill the page
    the costlier exact question is not asked (more matches may exist: the result says so).
    Intersections of common words are what grows with the table; these first passes are
    what keeps most keystrokes flat from 100k to 1M clients.
    """
    tokens_are_words = all(words(t) == [t] for t in q.long_tokens)
    wanted = [*q.long_tokens, *q.short_words] if tokens_are_words else []
    several = len(wanted) > 1
    if wanted and (several or not q.long_tokens) \
            and any(len(w) > PREFIX_INDEXED for w in wanted):
        ids = _ids(conn, _WORDS, _word_match(wanted, whole=True), CANDIDATES)
        if len(ids) >= need:
            return ids, True
    if not q.long_tokens:  # starts with, or 1-2 letters: word prefixes are the answer
        if not q.short_words:
            return [], False
        ids = _ids(conn, _WORDS, _word_match(q.short_words, whole=False), CANDIDATES)
        return ids, len(ids) >= CANDIDATES
    first: list[int] = []
    if several:  # 'dupont j', 'marcha da': words starting so are the likely meaning
        first = _ids(conn, _WORDS, _word_match(wanted, whole=False), CANDIDATES)
        if len(first) >= need:
            return first, True
    # Contains, exactly: trigrams for the long tokens, word prefixes for the short words.
    match = " AND ".join(_phrase(t) for t in q.long_tokens)
    if q.short_words:
        # Checked in Python on the returned text: an IN (subquery) over a 1-letter prefix
        # would materialise tens of thousands of rowids.
        rows = conn.execute(_TRIGRAM_WITH_TEXT, {"m": match, "n": CANDIDATES * 2}).all()
        ids = [r[0] for r in rows if _has_word_prefixes(r[1], q.short_words)]
        capped = len(rows) >= CANDIDATES * 2
    else:
        ids = _ids(conn, _TRIGRAM, match, CANDIDATES)
        capped = len(ids) >= CANDIDATES
    ids = list(dict.fromkeys([*first, *ids]))
    return ids[:CANDIDATES], capped or len(ids) >= CANDIDATES


def _has_word_prefixes(folded_text: str, prefixes: list[str]) -> bool:
    """Some word of the text starts with each prefix (words as core.search_text.words)."""
    return all(_word_start(p).search(folded_text) for p in prefixes)


@lru_cache(maxsize=256)
def _word_start(prefix: str) -> re.Pattern:
    # One regex search per text instead of splitting 600 texts into words per keystroke.
    return re.compile(r"(?<![0-9a-z])" + re.escape(prefix))


# What a hit shows; fetched in the same statement that picks the rows (no second round trip).
_SHOWN = (_C.id, _C.last_name, _C.first_name, _C.company, _C.billing_postal_code,
          _C.billing_city, _C.phone_mobile, _C.phone_home, _C.phone_work, _C.email, _C.archived)
_SHOWN_SQL = ", ".join(c.name for c in _SHOWN)


_NAME_PREFIX = (
    select(*_SHOWN)
    .where(_C.archived.is_(False), _C.sort_key >= bindparam("low"),
           _C.sort_key < bindparam("high"))
    .order_by(_C.archived, _C.sort_key)
    .limit(bindparam("n"))
)


def _name_prefix_rows(conn: Connection, folded: str, limit: int) -> list:
    """Clients whose name starts with the query, alphabetical, straight off the sort index."""
    if not folded:
        return []
    return conn.execute(_NAME_PREFIX, {"low": folded, "high": prefix_upper_bound(folded),
                                       "n": limit}).all()


def _first_rows(conn: Connection, ids: list[int], limit: int) -> list:
    """The first `limit` clients of a bounded id set (≤ CANDIDATES), alphabetical.

    The set is bounded, so sorting it in SQL costs microseconds; rows come by primary key.
    """
    if not ids:
        return []
    id_list = ",".join(str(int(i)) for i in ids)  # ints only: safe to inline
    return conn.exec_driver_sql(
        f"SELECT {_SHOWN_SQL} FROM clients WHERE id IN ({id_list}) "
        f"ORDER BY archived, sort_key, id LIMIT {int(limit)}"
    ).all()


def _generic_candidates(conn: Connection, q: Query) -> list[int]:
    """Databases without FTS5 (PostgreSQL until pg_trgm arrives): contains on the sort key."""
    pattern = "%" + q.folded.replace("%", r"\%").replace("_", r"\_") + "%"
    query = select(_C.id).where(_C.sort_key.like(pattern, escape="\\")).limit(CANDIDATES)
    return list(conn.execute(query).scalars())


def search(ctx: Context, raw: str, *, mode: str | None = None, limit: int = 50) -> SearchResult:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError([Problem("limit", "search.limit_invalid", {"max": MAX_LIMIT})])
    if mode is None:
        mode = preferences.get(ctx, preferences.SEARCH_MODE.key)
    raw = searchable((raw or "")[:MAX_QUERY])  # every path below, `*ref` and `**` too
    q = parse(raw, mode)
    if q.scope == "articles":
        from extradesk.services.articles import edit as articles
        from extradesk.services.catalogues import lookup as catalogue

        # `*ref`: the article base (services.articles.listing.article_hits).
        hits = articles.article_hits(ctx, raw[1:], limit=limit + 1, mode=mode)
        hits += catalogue.catalogue_hits(ctx, raw[1:], limit=limit + 1 - len(hits))  # then catalogues
        return SearchResult(hits=hits[:limit], scope="articles", truncated=len(hits) > limit)
    if not q.folded:
        return SearchResult(hits=[], scope=q.scope, truncated=False)
    by_number = _document_by_number(ctx, raw.lstrip("*"))
    if q.scope == "documents":
        from extradesk.services import usage
        from extradesk.services.documents import drafts as documents

        # Who knows `**name` (the health check's hint goes to the others): one use a minute.
        usage.record(ctx, usage.DOCUMENTS_SEARCH, quiet_seconds=60)
        rows, _capped = _client_rows(ctx, q, CANDIDATES)
        hits = documents.search_documents_of_clients(ctx, [r[0] for r in rows], limit=limit + 1)
        hits = by_number + [h for h in hits if h.id not in {b.id for b in by_number}]
        return SearchResult(hits=hits[:limit], scope="documents", truncated=len(hits) > limit)
    rows, capped = _client_rows(ctx, q, limit + 1)
    hits = by_number + [_hit(r) for r in rows]
    truncated = len(hits) > limit or capped
    return SearchResult(hits=hits[:limit], scope="clients", truncated=truncated)


def _document_by_number(ctx: Context, raw: str) -> list[SearchHit]:
    """A typed document number ('F-2026-12') finds that document first, in either scope."""
    if numbering.parse_number(raw.strip()) is None:
        return []
    from extradesk.services.documents import drafts as documents

    document_id = documents.find_by_number(ctx, raw.strip())
    if document_id is None:
        return []
    return documents.document_hits(ctx, [document_id])


def _client_rows(ctx: Context, q: Query, keep: int) -> tuple[list, bool]:
    with ctx.db.engine.connect() as conn:
        # Names that start with the query come first, then everything else; alphabetical in
        # each group. When the names alone fill the page, nothing else could be shown.
        rows = _name_prefix_rows(conn, q.folded, keep)
        tokens = q.folded.split()
        if len(rows) < keep and len(tokens) == 2:
            # 'helene dupont' typed for DUPONT Hélène: the name, first name first.
            shown = {r[0] for r in rows}
            swapped = _name_prefix_rows(conn, f"{tokens[1]} {tokens[0]}", keep)
            rows += [r for r in swapped if r[0] not in shown][:keep - len(rows)]
        capped = False
        if len(rows) < keep:
            if conn.dialect.name == "sqlite":
                others, capped = _fts_candidates(conn, q, keep - len(rows))
            else:
                others = _generic_candidates(conn, q)
                capped = len(others) >= CANDIDATES
            shown = {r[0] for r in rows}
            more = _first_rows(conn, [i for i in others if i not in shown], keep - len(rows))
            rows = [*rows, *more]
    return rows, capped


def _phone(e164: str | None) -> str:
    """fmt.phone, without parsing the common case: French numbers outside 08 print in pairs.

    phonenumbers costs ~40 µs a number, which made formatting 50 hits cost more than the
    whole search; the pairs are what it prints for +33 1-7 and 9 (checked by the tests).
    """
    if e164 and len(e164) == 12 and e164.startswith("+33") and e164[3] in "12345679" \
            and e164.isascii() and e164[3:].isdigit():
        n = "0" + e164[3:]
        return f"{n[0:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8:10]}"
    return fmt.phone(e164)


def _hit(r) -> SearchHit:
    place = " ".join(filter(None, (r[4], r[5])))
    detail = " · ".join(filter(None, (place, _phone(r[6] or r[7] or r[8]), r[9])))
    if r[10]:
        detail = " · ".join(filter(None, (detail, _ARCHIVED)))
    return SearchHit("client", r[0], display_name(r[1], r[2], r[3]), detail)
