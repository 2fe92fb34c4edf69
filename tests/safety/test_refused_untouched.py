"""A database that is refused is left exactly as found: not switched to WAL, not a byte
changed (issue 11)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from extradesk.core.errors import StorageError
from extradesk.i18n.messages import error_text
from extradesk.services.context import open_context


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rollback_journal_db(path, *, revision: str | None) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("CREATE TABLE notes (x TEXT)")
    if revision is not None:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("revision, said", [
    (None, "n'est pas une base extradesk"),
    ("9999", "plus récente"),
])
def test_a_refused_file_keeps_its_journal_mode_and_bytes(tmp_path, revision, said):
    path = tmp_path / "autre.sqlite3"
    _rollback_journal_db(path, revision=revision)
    before = _digest(path)
    with pytest.raises(StorageError) as caught:
        open_context(path)
    assert said in error_text(caught.value)
    assert _digest(path) == before
    assert not (tmp_path / "autre.sqlite3-wal").exists()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_file_that_is_no_database_is_refused_untouched(tmp_path):
    path = tmp_path / "facture.pdf"
    path.write_bytes(b"%PDF-1.4 " + bytes(5000))
    with pytest.raises(StorageError) as caught:
        open_context(path)
    assert "n'est pas une base extradesk" in error_text(caught.value)
    assert path.read_bytes().startswith(b"%PDF-1.4")
