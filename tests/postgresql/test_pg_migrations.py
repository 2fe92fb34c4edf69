"""Every revision runs on a real PostgreSQL server, and head matches the models there."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from extradesk.db import migrate
from extradesk.db.engine import open_database
from extradesk.db.head import HEAD
from extradesk.models import metadata

SEARCH_TABLES = {"client_fts_tri", "article_fts_tri", "catalogue_fts_tri"}


@pytest.fixture
def empty_db(pg_server):
    name = pg_server.create_database(prefix="empty")
    db = open_database(pg_server.url(name))
    yield db
    db.dispose()
    pg_server.drop_database(name)


def _differences(db) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, kind, _parent: not (
                kind == "table" and name in SEARCH_TABLES | {"alembic_version"}),
        })
        return compare_metadata(context, metadata)


def test_an_empty_server_database_migrates_to_head_and_matches_the_models(empty_db):
    migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) == HEAD
    assert _differences(empty_db) == []
    with empty_db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert tables >= SEARCH_TABLES  # the pg_trgm stand-ins for FTS5
        indexes = {i["name"] for i in inspect(conn).get_indexes("client_fts_tri")}
        assert {"ix_client_fts_tri_trgm", "ix_client_fts_tri_prefix"} <= indexes
        seeded = conn.execute(text("SELECT count(*) FROM civilities WHERE active")).scalar()
        assert seeded == 7


def test_revisions_upgrade_one_at_a_time_and_downgrade_back(empty_db):
    """Each step on its own (as a server upgraded release after release would run them),
    then every downgrade back to nothing, then up again."""
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    for revision in reversed(list(script.walk_revisions())):  # base first
        migrate.upgrade(empty_db, revision.revision)

    config = migrate.alembic_config()
    with empty_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    with empty_db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(empty_db)
    assert _differences(empty_db) == []


def test_the_issued_and_payment_guards_are_enforced_by_the_server(empty_db):
    migrate.upgrade(empty_db)
    with pytest.raises(IntegrityError, match="extradesk: entered payment is frozen"), \
            empty_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO deposit_slips (day, total, count, created_at) "
                          "VALUES ('2026-01-01', 0, 0, now())"))
        conn.execute(text("DELETE FROM deposit_slips"))
