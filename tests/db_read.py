"""Read rows behind the services' back, on either backend (a SQLite file or a PG URL)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from extradesk.db.engine import url_for


def read(target, sql: str) -> list[tuple]:
    """Every row of `sql`, as tuples (bytes for blobs on both backends)."""
    engine = create_engine(url_for(target))
    try:
        with engine.connect() as conn:
            return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                    for row in conn.execute(text(sql))]
    finally:
        engine.dispose()
