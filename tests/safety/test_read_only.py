"""Read-only commands never write to the database file: a backup opened with --db keeps its
journal mode and bytes (issue 11)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from extradesk.cli import main
from extradesk.core.errors import StorageError
from extradesk.services import backup
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copy(ctx):
    clients.create_client(ctx, ClientInput(last_name="Dupont", first_name="Anne"))
    return backup.make_backup(ctx)


def test_search_and_verify_on_a_backup_leave_it_as_it_was(copy, capsys):
    before = _digest(copy)
    assert main(["search", "dupont", "--db", str(copy)]) == 0
    assert "DUPONT Anne" in capsys.readouterr().out
    assert main(["verify", "--db", str(copy)]) == 0
    assert main(["export", "ca-journal", "--from", "01/01/2026", "--to", "31/12/2026",
                 "--db", str(copy)]) == 0
    assert _digest(copy) == before
    assert not copy.with_name(copy.name + "-wal").exists()
    assert sqlite3.connect(copy).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_read_only_context_cannot_write(copy, clock):
    ctx, _ = open_context(copy, clock=clock, read_only=True)
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        clients.create_client(ctx, ClientInput(last_name="Martin"))
    ctx.db.dispose()


def test_an_old_schema_is_not_upgraded_read_only(tmp_path, clock):
    import shutil
    from pathlib import Path

    old = tmp_path / "0007.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "schemas" / "0007.sqlite3", old)
    before = _digest(old)
    with pytest.raises(StorageError) as caught:
        open_context(old, clock=clock, read_only=True)
    assert caught.value.message_id == "db.read_only_upgrade"
    assert _digest(old) == before
