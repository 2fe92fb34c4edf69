"""PostgreSQL sequences brought level with rows inserted under explicit ids (bulk loads,
`db copy`): SQLite's INTEGER PRIMARY KEY takes max(id) + 1 by itself, a serial column does not."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, inspect


def catch_up(conn: Connection, tables: Iterable[str]) -> None:
    """After rows were written with their own ids: the next default id is max(id) + 1."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1), "
            f"max(id) IS NOT NULL) FROM {table}")


def catch_up_all(conn: Connection) -> list[str]:
    """Every table with a serial `id`; returns their names."""
    if conn.dialect.name != "postgresql":
        return []
    names = [t for t in inspect(conn).get_table_names()
             if conn.exec_driver_sql(
                 f"SELECT pg_get_serial_sequence('{t}', 'id') IS NOT NULL "
                 f"WHERE EXISTS (SELECT 1 FROM information_schema.columns "
                 f"WHERE table_name = '{t}' AND column_name = 'id')").scalar()]
    catch_up(conn, names)
    return names
