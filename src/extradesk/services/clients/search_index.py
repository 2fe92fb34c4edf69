"""Keep the FTS5 search tables in step with clients, inside the caller's transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Connection, select, text

from extradesk.core.search_text import fold
from extradesk.models import Client
from extradesk.services.clients.phones import search_forms

TABLES = ("client_fts_tri", "client_fts_word")
_C = Client.__table__.c
INDEXED_COLUMNS = (
    _C.id, _C.last_name, _C.first_name, _C.company, _C.billing_postal_code, _C.billing_city,
    _C.site_postal_code, _C.site_city, _C.phone_mobile, _C.phone_home, _C.phone_work,
    _C.email, _C.email2,
)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=32_768)
def _fold_name(part: str) -> str:
    """Names, cities and postal codes repeat a lot: fold each distinct one once (bulk loads)."""
    return fold(part)


def _fold_other(part: str) -> str:
    # For ASCII, fold() is just this (no ligature, nothing to decompose); e-mails, digits.
    return _SPACES.sub(" ", part).strip().lower() if part.isascii() else fold(part)


def client_search_text(row: Sequence) -> str:
    """Folded text a client is found by; `row` is ordered as INDEXED_COLUMNS.

    Equal to fold(" ".join(parts)): folding works character by character and collapses
    spaces, so folding each part and joining the non-empty results gives the same text.
    """
    (_id, last, first, company, pc, city, site_pc, site_city,
     mobile, home, work, email, email2) = row
    folded = [_fold_name(p) for p in (last, first, company, pc, city, site_pc, site_city) if p]
    folded += [_fold_other(p) for p in (email, email2) if p]
    folded += [_fold_other(search_forms(p)) for p in (mobile, home, work) if p]
    return " ".join(f for f in folded if f)


def supported(conn: Connection) -> bool:
    return conn.dialect.name in ("sqlite", "postgresql")


def _tables(conn: Connection) -> tuple[str, ...]:
    # PostgreSQL has one pg_trgm table where SQLite has a trigram and a word FTS5 table.
    return TABLES if conn.dialect.name == "sqlite" else TABLES[:1]


def reindex_clients(conn: Connection, ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids or not supported(conn):
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(select(*INDEXED_COLUMNS).where(_C.id.in_(chunk))).all()
        _delete(conn, chunk)
        _insert(conn, [(r[0], client_search_text(r)) for r in rows])


def index_new_clients(conn: Connection, rows: Sequence[Sequence]) -> None:
    """Index clients just inserted, from their values (ordered as INDEXED_COLUMNS).

    For bulk loads: no re-read of the rows. Any stale entry under the same ids is removed first.
    """
    if not rows or not supported(conn):
        return
    _delete(conn, [r[0] for r in rows])
    _insert(conn, [(r[0], client_search_text(r)) for r in rows])


def unindex_clients(conn: Connection, ids: Iterable[int]) -> None:
    ids = list(ids)
    if ids and supported(conn):
        _delete(conn, ids)


def rebuild(conn: Connection) -> int:
    """Rebuild both indexes from the clients table (after a bulk load); returns the row count."""
    if not supported(conn):
        return 0
    for table in _tables(conn):
        conn.execute(text(f"DELETE FROM {table}"))
    count, last_id = 0, 0
    while True:  # keyset pages: no cursor left open while we write
        batch = conn.execute(
            select(*INDEXED_COLUMNS).where(_C.id > last_id).order_by(_C.id).limit(5000)
        ).all()
        if not batch:
            return count
        _insert(conn, [(r[0], client_search_text(r)) for r in batch])
        count += len(batch)
        last_id = batch[-1][0]


def _delete(conn: Connection, ids: list[int]) -> None:
    ids = sorted({int(i) for i in ids})  # ints only: safe to inline
    if ids[-1] - ids[0] + 1 == len(ids):  # a run of ids (bulk load): one range, not a long IN
        where = f"rowid BETWEEN {ids[0]} AND {ids[-1]}"
    else:
        where = f"rowid IN ({','.join(map(str, ids))})"
    for table in _tables(conn):
        conn.execute(text(f"DELETE FROM {table} WHERE {where}"))


def _insert(conn: Connection, rows: list[tuple[int, str]]) -> None:
    if not rows:
        return
    raw = conn.connection.driver_connection
    if conn.dialect.name != "sqlite":  # psycopg: its own placeholders, a cursor to run on
        with raw.cursor() as cursor:
            cursor.executemany("INSERT INTO client_fts_tri (rowid, text) VALUES (%s, %s)", rows)
        return
    for table in TABLES:
        raw.executemany(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", rows)
