"""Alembic environment: runs on the connection migrate.py hands over (never reads alembic.ini)."""

from __future__ import annotations

from alembic import context

from extradesk.models import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line during development
        from extradesk.db.engine import open_database

        db = open_database(config.get_main_option("sqlalchemy.url"))
        with db.engine.connect() as conn:
            _run(conn)
            conn.commit()
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
