"""Keep the article search tables (FTS5 trigram + word prefixes) in step with the articles,
inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, select, text

from extradesk.core.catalogue_text import normalise_ref
from extradesk.core.search_text import fold
from extradesk.models import Article

TABLES = ("article_fts_tri", "article_fts_word")
_C = Article.__table__.c
INDEXED = (_C.id, _C.code, _C.label, _C.supplier_ref)


def ref_key(text: str | None) -> str:
    """A code or reference as catalogue references are compared: 'POE-08' -> 'poe08'."""
    return normalise_ref(fold(text))


def search_text(code: str | None, label: str | None, supplier_ref: str | None) -> str:
    """Folded text an article is found by: its code, its label, the supplier's reference,
    and the code and reference without their dashes, dots and spaces (`*poe08` finds POE-08
    as `*w1245er` finds catalogue line W-1245-ER)."""
    parts = [fold(code), fold(label), fold(supplier_ref)]
    parts += [key for key in (ref_key(code), ref_key(supplier_ref)) if key not in parts]
    return " ".join(f for f in parts if f)


def supported(conn: Connection) -> bool:
    return conn.dialect.name in ("sqlite", "postgresql")


def _tables(conn: Connection) -> tuple[str, ...]:
    # PostgreSQL has one pg_trgm table where SQLite has a trigram and a word FTS5 table.
    return TABLES if conn.dialect.name == "sqlite" else TABLES[:1]


def reindex(conn: Connection, ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in ids})
    if not ids or not supported(conn):
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(select(*INDEXED).where(_C.id.in_(chunk))).all()
        _delete(conn, chunk)
        insert(conn, [(r[0], search_text(r[1], r[2], r[3])) for r in rows])


def insert(conn: Connection, rows: Sequence[tuple[int, str]]) -> None:
    """Index new articles from their folded text (bulk imports: no re-read)."""
    if not rows or not supported(conn):
        return
    raw = conn.connection.driver_connection
    if conn.dialect.name != "sqlite":  # psycopg: its own placeholders, a cursor to run on
        with raw.cursor() as cursor:
            cursor.executemany("INSERT INTO article_fts_tri (rowid, text) VALUES (%s, %s)",
                               list(rows))
        return
    for table in TABLES:
        raw.executemany(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", rows)


def unindex(conn: Connection, ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in ids})
    if ids and supported(conn):
        _delete(conn, ids)


def _delete(conn: Connection, ids: list[int]) -> None:
    id_list = ",".join(map(str, ids))  # ints only: safe to inline
    for table in _tables(conn):
        conn.execute(text(f"DELETE FROM {table} WHERE rowid IN ({id_list})"))
