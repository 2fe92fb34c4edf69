"""Shared fixtures: an isolated EXTRADESK_HOME, a migrated database, a fixed clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

import pg_server as pg

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from extradesk.core.clock import FixedClock  # noqa: E402
from extradesk.services import users  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """Every test gets its own data and config folders; nothing touches the real home."""
    monkeypatch.setenv("EXTRADESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 28, 9, 30, tzinfo=UTC))


def pytest_addoption(parser):
    parser.addoption(
        "--backend", choices=("sqlite", "postgresql"),
        default=os.environ.get("EXTRADESK_TEST_DB", "sqlite"),
        help="database of the `db_path`/`ctx` fixtures: a SQLite file (default) or a fresh "
             "database on a throw-away PostgreSQL server (also EXTRADESK_TEST_DB=postgresql)")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: reads the SQLite file itself; skipped "
                            "on --backend=postgresql")
    config.addinivalue_line("markers", "no_attestation: documents made by the test get no "
                            "reduced-VAT attestation (tests of that rule itself)")


@pytest.fixture(autouse=True)
def _attested(request, monkeypatch):
    """Every new quote, order or invoice gets the client's reduced-VAT attestation (signed
    today, no file), as a careful user records it: most tests invoice works at 10 % or
    5,5 % and are about something else. The rule stays whole: `no_attestation` tests see it,
    and documents made by conversions only find their source's attestation."""
    if "no_attestation" in request.keywords:
        return
    from extradesk.services.documents import attestation, drafts

    create = drafts.create_document

    def create_attested(ctx, kind, **kwargs):
        new_id, changes = create(ctx, kind, **kwargs)
        attestation.record(ctx, new_id, day=ctx.clock.today())
        return new_id, changes

    monkeypatch.setattr(drafts, "create_document", create_attested)


def pytest_collection_modifyitems(config, items):
    if config.getoption("--backend") != "postgresql":
        return
    skip = pytest.mark.skip(reason="reads the SQLite file directly")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the whole run, started on first use (skipped when the
    binaries or psycopg are missing)."""
    reason = pg.why_not()
    if reason:
        pytest.skip(reason)
    server = pg.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A database migrated to head once; each test copies it (CREATE DATABASE … TEMPLATE:
    ~0.1 s instead of ~1.5 s of migrations)."""
    name = pg_server.create_database(prefix="template")
    context, _report = open_context(pg_server.url(name))
    context.db.dispose()  # a template must have no connection when copied
    return name


@pytest.fixture
def pg_url(pg_server, pg_template):
    """The URL of a fresh database at head, dropped after the test."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def backend(request) -> str:
    return request.config.getoption("--backend")


@pytest.fixture
def db_path(request, tmp_path):
    """Where `ctx` opens its database: a SQLite file, or a PostgreSQL URL (--backend)."""
    if request.config.getoption("--backend") == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "extradesk.sqlite3"


@pytest.fixture
def ctx(db_path, clock):
    context, _report = open_context(db_path, clock=clock)
    context.user_id = users.ensure_a_user(context)
    yield context
    context.db.dispose()


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_the_main_thread():
    """As in the application (ui/qt.GuiThreadGarbageCollector): no automatic collection,
    which could start on a worker thread and free Qt widgets there (a crash); cycles are
    collected on the main thread after each test instead."""
    import gc

    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    import gc

    yield
    gc.collect()
