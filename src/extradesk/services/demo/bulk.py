"""Bulk inserts of demo rows straight to the SQLite driver, each value through its column's
binder (the demo writes thousands of documents and lines per transaction)."""

from __future__ import annotations

from sqlalchemy import Connection

from extradesk.db import sequences
from extradesk.models.types import ScaledDecimal


def _scaled(places: int):
    # The demo's amounts are already rounded: skip ScaledDecimal's checks (a third of the time).
    return lambda value: None if value is None else int(value.scaleb(places))


def binder(column_type, conn: Connection):
    if isinstance(column_type, ScaledDecimal):
        return _scaled(column_type.places)
    return column_type.bind_processor(conn.dialect)


def insert(conn: Connection, table, rows: list[dict]) -> None:
    """executemany straight to the SQLite driver, each value through its column's binder."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        if "id" in rows[0]:
            sequences.catch_up(conn, [table.name])
        return
    names = list(rows[0])
    binders = [(i, binder(table.c[name].type, conn)) for i, name in enumerate(names)]
    binders = [(i, b) for i, b in binders if b is not None]
    values = []
    for row in rows:
        value = [row[name] for name in names]
        for i, bind in binders:
            value[i] = bind(value[i])
        values.append(value)
    conn.connection.driver_connection.executemany(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        values)
