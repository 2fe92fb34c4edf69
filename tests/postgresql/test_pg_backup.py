"""Backups of the shared PostgreSQL database: `extradesk backup` and the Fichier menu's
backup write a pg_dump file (custom format); `extradesk restore` loads one into an empty
database only, and says in French why it refuses otherwise or when pg_dump is missing."""

from __future__ import annotations

import subprocess

import pytest

from extradesk.cli import main
from extradesk.db import pg_backup
from extradesk.services import backup, users
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput
from extradesk.ui.ops import database as database_ops
from extradesk.ui.tasks import Tasks


@pytest.fixture
def filled(pg_url):
    ctx, _ = open_context(pg_url)
    ctx.user_id = users.ensure_a_user(ctx)
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Sauvegardé",
                                                          first_name="Élise"))
    yield ctx, client_id
    ctx.db.dispose()


def test_backup_then_restore_into_an_empty_database(pg_server, pg_url, filled, tmp_path,
                                                    capsys):
    _ctx, client_id = filled
    target = tmp_path / "bureau.dump"
    assert main(["backup", "--db", pg_url, "-o", str(target)]) == 0
    assert f"Sauvegarde écrite et vérifiée : {target}" in capsys.readouterr().out
    assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert not list(tmp_path.glob("*.partial"))
    listing = subprocess.run([str(pg_backup.find_tool("pg_restore")), "--list", str(target)],
                             capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public client" in listing

    empty = pg_server.create_database(prefix="restored")
    try:
        url = pg_server.url(empty)
        assert main(["restore", "--db", url, str(target)]) == 0
        assert "restaurée dans la base vide" in capsys.readouterr().out
        restored, _ = open_context(url)
        try:
            got = clients.get_client(restored, client_id).data
            assert (got.last_name, got.first_name) == ("Sauvegardé", "Élise")
        finally:
            restored.db.dispose()
    finally:
        pg_server.drop_database(empty)


def test_restore_over_a_database_in_use_is_refused(pg_url, filled, tmp_path, capsys):
    target = tmp_path / "bureau.dump"
    assert main(["backup", "--db", pg_url, "-o", str(target)]) == 0
    capsys.readouterr()
    assert main(["restore", "--db", pg_url, str(target)]) == 2
    said = capsys.readouterr().err
    assert "n'est pas vide" in said and "restaure que dans une base vide" in said
    assert "Traceback" not in said


def test_without_pg_dump_the_backup_says_what_to_install(pg_url, filled, tmp_path, capsys,
                                                         monkeypatch):
    monkeypatch.setattr(pg_backup, "_FOLDERS", [])
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("EXTRADESK_PG_BIN", raising=False)
    assert main(["backup", "--db", pg_url, "-o", str(tmp_path / "x.dump")]) == 2
    said = capsys.readouterr().err
    assert "pg_dump est introuvable : installez les outils clients de PostgreSQL" in said
    assert not list(tmp_path.glob("x.dump*"))


def test_the_in_app_backup_writes_a_dump_in_the_backups_folder(qtbot, filled, tmp_path,
                                                                monkeypatch):
    ctx, _ = filled
    monkeypatch.setenv("EXTRADESK_HOME", str(tmp_path / "home"))
    tasks = Tasks(ctx)
    done = []
    try:
        database_ops.backup(tasks, None, on_done=done.append, on_error=done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    finally:
        tasks.shutdown(dispose=False)
    written = done[0]
    assert written.suffix == backup.PG_SUFFIX and written.is_file(), written
    assert written.parent == backup.backups_folder(ctx) and tmp_path in written.parents
    assert written.read_bytes()[:5] == b"PGDMP"
