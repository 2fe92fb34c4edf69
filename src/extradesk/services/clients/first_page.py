"""The default clients list read with sqlite3 alone, before SQLAlchemy and the models load.

At start-up the worker would spend ~0.7 s importing SQLAlchemy, SQLModel and the table
models before the first client shows. This module reads the same snapshot as
`clients.client_ids()` with the default ListQuery (name order, archived left out, any
status) and its first page of rows with the standard library, read-only, so the list paints
first. The SQL is a second copy of the services' query: tests/services/test_first_page.py
compares both on a demo database so they cannot drift apart. Imports nothing heavy (a test
checks that importing it loads no sqlalchemy).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from extradesk.db.head import HEAD
from extradesk.services.dto import ClientRow

_IDS = "SELECT clients.id FROM clients WHERE clients.archived = 0 ORDER BY clients.sort_key"
_ROWS = (
    "SELECT clients.id, clients.last_name, clients.first_name, clients.company,"
    " clients.billing_postal_code, clients.billing_city, clients.phone_mobile,"
    " clients.phone_home, clients.phone_work, clients.email, client_statuses.label,"
    " clients.archived FROM clients LEFT OUTER JOIN client_statuses"
    " ON client_statuses.id = clients.status_id WHERE clients.id IN ({marks})"
)


def display_name(last: str | None, first: str | None, company: str | None) -> str:
    """'DUPONT Jean', or 'Piscines du Lac (MARTIN Paul)' when a company is named."""
    person = " ".join(p for p in ((last or "").upper(), first or "") if p)
    if company:
        return f"{company} ({person})" if person else company
    return person


def read(target: str | Path, *, page_size: int) -> tuple[list[int], list[ClientRow]] | None:
    """(ids, rows of the first `page_size` ids) of the default list, or None when the fast
    path does not apply: not an existing SQLite file, or a schema other than HEAD (a
    migration will run, so the services path must answer). Never raises."""
    path = _sqlite_path(target)
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                               check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if [r[0] for r in found] != [HEAD]:
            return None
        # One read transaction: the ids and the rows are one consistent state.
        conn.execute("BEGIN")
        ids = [r[0] for r in conn.execute(_IDS).fetchall()]
        return ids, rows(conn, ids[:page_size])
    except sqlite3.Error:  # no such table, locked, not a database: the services path will say
        return None
    finally:
        conn.close()


def rows(conn: sqlite3.Connection, ids: list[int]) -> list[ClientRow]:
    """The same ClientRow values as `clients.client_rows()`, in the order of `ids`."""
    if not ids:
        return []
    query = _ROWS.format(marks=",".join("?" * len(ids)))
    found = {r[0]: r for r in conn.execute(query, ids)}
    return [
        ClientRow(id=r[0], name=display_name(r[1], r[2], r[3]), postal_code=r[4] or "",
                  city=r[5] or "", phone=r[6] or r[7] or r[8] or "", email=r[9] or "",
                  status=r[10] or "", archived=bool(r[11]))
        for cid in ids if (r := found.get(cid)) is not None
    ]


def _sqlite_path(target: str | Path) -> Path | None:
    """The file behind `target`, as services.context.open_context would read it."""
    text = str(target)
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:  # PostgreSQL or another server: no fast path
        return None
    return Path(text) if text and text != ":memory:" else None
