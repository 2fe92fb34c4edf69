"""Keep the FTS5 search tables in step with clients, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, select, text

from extradesk.core.search_text import fold
from extradesk.models import Client
from extradesk.services.phones import search_forms

TABLES = ("client_fts_tri", "client_fts_word")
_C = Client.__table__.c
INDEXED_COLUMNS = (
    _C.id, _C.last_name, _C.first_name, _C.company, _C.billing_postal_code, _C.billing_city,
    _C.site_postal_code, _C.site_city, _C.phone_mobile, _C.phone_home, _C.phone_work,
    _C.email, _C.email2,
)


def client_search_text(row: Sequence) -> str:
    """Folded text a client is found by; `row` is ordered as INDEXED_COLUMNS."""
    (_id, last, first, company, pc, city, site_pc, site_city,
     mobile, home, work, email, email2) = row
    parts = [last, first, company, pc, city, site_pc, site_city, email, email2]
    parts += [search_forms(p) for p in (mobile, home, work)]
    return fold(" ".join(p for p in parts if p))


def supported(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def reindex_clients(conn: Connection, ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids or not supported(conn):
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(select(*INDEXED_COLUMNS).where(_C.id.in_(chunk))).all()
        _delete(conn, chunk)
        _insert(conn, [(r[0], client_search_text(r)) for r in rows])


def unindex_clients(conn: Connection, ids: Iterable[int]) -> None:
    ids = list(ids)
    if ids and supported(conn):
        _delete(conn, ids)


def rebuild(conn: Connection) -> int:
    """Rebuild both indexes from the clients table (after a bulk load); returns the row count."""
    if not supported(conn):
        return 0
    for table in TABLES:
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
    id_list = ",".join(str(int(i)) for i in ids)  # ints only: safe to inline
    for table in TABLES:
        conn.execute(text(f"DELETE FROM {table} WHERE rowid IN ({id_list})"))


def _insert(conn: Connection, rows: list[tuple[int, str]]) -> None:
    if not rows:
        return
    raw = conn.connection.driver_connection
    for table in TABLES:
        raw.executemany(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", rows)
