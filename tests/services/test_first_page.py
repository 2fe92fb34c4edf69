"""The start-up fast path (services.clients.first_page) must show exactly what the services show."""

import sqlite3
import subprocess
import sys

import pytest

from extradesk.core.changes import Changes
from extradesk.db import migrate
from extradesk.services.clients import first_page
from extradesk.services.clients import records as clients
from extradesk.services.demo import clients as demo
from extradesk.services.dto import ClientInput
from extradesk.ui.tablemodels.clients_model import PAGE_SIZE, ListQuery


@pytest.mark.sqlite_only
def test_fast_path_equals_the_default_clients_list(ctx, db_path):
    """On a demo database with archived clients, several statuses and equal names, the
    sqlite3 copy of the default query gives the services' ids and first page, exactly."""
    demo.generate(ctx, clients=600, seed=3)
    ids = clients.client_ids(ctx)
    for client_id in ids[::37]:  # archived clients are spread through the name order
        assert isinstance(clients.set_archived(ctx, client_id, archived=True), Changes)
    twin = ClientInput(last_name="Martin", first_name="Paul", company=None)  # equal sort keys
    for _ in range(3):
        clients.create_client(ctx, twin)

    default = ListQuery()  # what the clients list asks for when it opens
    expected = clients.client_ids(ctx, sort=default.sort, descending=default.descending,
                                  include_archived=default.include_archived,
                                  status_id=default.status_id)
    with sqlite3.connect(db_path) as conn:
        archived = conn.execute("SELECT count(*) FROM clients WHERE archived").fetchone()[0]
        statuses = conn.execute("SELECT count(DISTINCT status_id) FROM clients").fetchone()[0]
    assert archived >= 10 and statuses >= 3
    assert len(expected) == clients.count_clients(ctx) - archived

    found = first_page.read(db_path, page_size=PAGE_SIZE)
    assert found is not None
    fast_ids, fast_rows = found
    assert fast_ids == expected
    assert fast_rows == clients.client_rows(ctx, expected[:PAGE_SIZE])
    assert len(fast_rows) == PAGE_SIZE


@pytest.mark.sqlite_only
def test_no_fast_path_unless_a_sqlite_file_at_head(ctx, db_path, tmp_path, monkeypatch):
    assert first_page.read(db_path, page_size=10) == ([], [])
    assert first_page.read(tmp_path / "missing.sqlite3", page_size=10) is None
    assert first_page.read("postgresql://u@localhost/x", page_size=10) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database")
    assert first_page.read(tmp_path / "junk.sqlite3", page_size=10) is None
    monkeypatch.setattr(first_page, "HEAD", "9999")  # an older or newer schema: it migrates
    assert first_page.read(db_path, page_size=10) is None
    assert migrate.HEAD != "9999"


def test_importing_the_fast_path_loads_no_sqlalchemy():
    code = ("import sys; import extradesk.services.clients.first_page; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic', 'phonenumbers') "
            "or m.startswith('extradesk.models')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
