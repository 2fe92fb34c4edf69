"""The search box: clients by name, company, city, postal code, phone digits and e-mail.

Every path is index-backed (see DESIGN.md §4): a range scan on the folded sort key for names,
FTS5 trigram for "contains" (3+ characters) and FTS5 unicode61 prefixes for "starts with".
A bounded candidate set is fetched and sorted in Python; no match set is ever sorted in SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select, text

from extradesk.core.errors import Problem, ValidationError
from extradesk.core.search_text import digits, fold, prefix_upper_bound, words
from extradesk.i18n import format as fmt
from extradesk.models import Client
from extradesk.services import preferences
from extradesk.services.clients import display_name
from extradesk.services.context import Context
from extradesk.services.dto import SearchHit, SearchResult

MAX_LIMIT = 500
CANDIDATES = 300  # bounded set fetched from an index, then sorted in Python
MAX_QUERY = 200
_PHONE_LIKE = re.compile(r"^\+?[\d .\-/()]+$")
_C = Client.__table__.c


@dataclass(frozen=True)
class Query:
    scope: str  # clients, documents, articles
    folded: str  # whole folded query, for the name range scan
    long_tokens: list[str]  # 3+ characters: trigram "contains"
    short_words: list[str]  # shorter, or everything in "starts with" mode: word prefixes


def parse(raw: str, mode: str) -> Query:
    """Turn what was typed into index queries; never lets FTS syntax through."""
    raw = (raw or "")[:MAX_QUERY]
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


def _fts_candidates(conn: Connection, q: Query) -> list[tuple[int, str]]:
    """(id, folded text) of up to CANDIDATES clients matching every token."""
    if q.long_tokens:
        match = " AND ".join(_phrase(t) for t in q.long_tokens)
        # Short words are checked in Python on the returned text: an IN (subquery) over a
        # 1-letter prefix would materialise tens of thousands of rowids.
        cap = CANDIDATES * (4 if q.short_words else 1)
        rows = conn.execute(
            text("SELECT rowid, text FROM client_fts_tri WHERE client_fts_tri MATCH :m LIMIT :n"),
            {"m": match, "n": cap},
        ).all()
        if q.short_words:
            rows = [r for r in rows if _has_word_prefixes(r[1], q.short_words)]
        return rows[:CANDIDATES]
    if q.short_words:
        match = " AND ".join(_phrase(w) + "*" for w in q.short_words)
        return conn.execute(
            text("SELECT rowid, text FROM client_fts_word WHERE client_fts_word MATCH :m "
                 "LIMIT :n"),
            {"m": match, "n": CANDIDATES},
        ).all()
    return []


def _has_word_prefixes(folded_text: str, prefixes: list[str]) -> bool:
    present = words(folded_text)
    return all(any(w.startswith(p) for w in present) for p in prefixes)


def _name_prefix_ids(conn: Connection, folded: str, limit: int) -> list[int]:
    """Clients whose name starts with the query, alphabetical, straight off the sort index."""
    if not folded:
        return []
    query = (
        select(_C.id)
        .where(_C.archived.is_(False), _C.sort_key >= folded,
               _C.sort_key < prefix_upper_bound(folded))
        .order_by(_C.archived, _C.sort_key)
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


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
    q = parse(raw, mode)
    if q.scope != "clients" or not q.folded:
        # Documents (`**name`) and articles (`*ref`) join this search with their own issues;
        # until their tables exist there is nothing to find.
        return SearchResult(hits=[], scope=q.scope, truncated=False)
    with ctx.db.engine.connect() as conn:
        first = _name_prefix_ids(conn, q.folded, limit + 1)
        if conn.dialect.name == "sqlite":
            others = [r[0] for r in _fts_candidates(conn, q)]
        else:
            others = _generic_candidates(conn, q)
        ordered = list(dict.fromkeys(first + others))
        hits = _hits(conn, ordered, set(first), limit + 1)
    truncated = len(hits) > limit or len(others) >= CANDIDATES
    return SearchResult(hits=hits[:limit], scope="clients", truncated=truncated)


def _hits(
    conn: Connection, ids: list[int], name_matches: set[int], keep: int
) -> list[SearchHit]:
    if not ids:
        return []
    rows = conn.execute(
        select(_C.id, _C.last_name, _C.first_name, _C.company, _C.billing_postal_code,
               _C.billing_city, _C.phone_mobile, _C.phone_home, _C.phone_work, _C.email,
               _C.archived, _C.sort_key)
        .where(_C.id.in_(ids))
    ).all()
    # Names that start with the query first, then everything else; alphabetical in each.
    rows.sort(key=lambda r: (r[0] not in name_matches, r[10], r[11]))
    hits = []
    for r in rows[:keep]:  # phone formatting costs: only for what is shown
        place = " ".join(p for p in (r[4], r[5]) if p)
        detail = " · ".join(p for p in (place, fmt.phone(r[6] or r[7] or r[8]), r[9]) if p)
        if r[10]:
            detail = f"{detail} · archivé" if detail else "archivé"
        hits.append(SearchHit("client", r[0], display_name(r[1], r[2], r[3]), detail))
    return hits
