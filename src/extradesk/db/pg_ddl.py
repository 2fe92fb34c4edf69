"""PostgreSQL equivalents of the SQLite-only parts of the migrations (FTS5 tables, guard
triggers), shared by the revisions so that later ones follow the same pattern.

A migration keeps its SQLite branch as shipped and adds, beside it:

    if bind.dialect.name == "postgresql":
        pg_ddl.search_table("client_fts_tri")
        pg_ddl.guard("payments_frozen_delete", "payments", "DELETE", "TRUE", MESSAGE)

These functions are frozen like the migrations that call them: change a revision's DDL with a
new function, never by editing one of these.
"""

from __future__ import annotations

from alembic import op


def search_table(name: str) -> None:
    """A plain table standing in for an FTS5 table of the same name: `rowid` (the searched
    row's id) and `text` (folded in Python, core.search_text), with a pg_trgm GIN index for
    "contient" (LIKE '%x%') and a text_pattern_ops btree for "commence par" (LIKE 'x%').

    The column names are FTS5's, so the code that fills the index is the same on both."""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE TABLE {name} (rowid BIGINT PRIMARY KEY, text TEXT NOT NULL)")
    op.execute(f"CREATE INDEX ix_{name}_trgm ON {name} USING gin (text gin_trgm_ops)")
    op.execute(f"CREATE INDEX ix_{name}_prefix ON {name} (text text_pattern_ops)")


def drop_search_table(name: str) -> None:
    op.execute(f"DROP TABLE IF EXISTS {name}")


def guard(name: str, table: str, event: str, condition: str, message: str) -> None:
    """A BEFORE `event` row trigger on `table` raising `message` when `condition` holds:
    the plpgsql twin of `CREATE TRIGGER … WHEN condition BEGIN SELECT RAISE(ABORT, …)`.

    `condition` is written in SQLite's trigger dialect; `NEW.x IS NOT OLD.x` becomes
    `IS DISTINCT FROM` (PostgreSQL's null-safe comparison). It is checked inside the
    function, where subqueries are allowed (a trigger's WHEN clause forbids them)."""
    sql_condition = condition.replace(" IS NOT OLD.", " IS DISTINCT FROM OLD.")
    row = "OLD" if event.upper() == "DELETE" else "NEW"
    # SQLSTATE 23000 (integrity constraint violation): SQLAlchemy raises IntegrityError on
    # both backends, with the same message text.
    op.execute(f"""
        CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF coalesce(({sql_condition}), FALSE) THEN
                RAISE EXCEPTION USING ERRCODE = '23000', MESSAGE = '{message}';
            END IF;
            RETURN {row};
        END $fn$""")
    op.execute(f"CREATE TRIGGER {name} BEFORE {event.upper()} ON {table} "
               f"FOR EACH ROW EXECUTE FUNCTION {name}_fn()")


def drop_guard(name: str, table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {name}_fn()")
