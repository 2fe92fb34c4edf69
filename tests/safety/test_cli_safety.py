"""The command line never prints a traceback: French message, log file, exit code; backup,
check, restore and repair from the command line (issue 11)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from safety_helpers import root_page, scramble

from extradesk.cli import main
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def filled(db_path, clock):
    ctx, _ = open_context(db_path, clock=clock)
    for name in ("Dupont", "Martin"):
        clients.create_client(ctx, ClientInput(last_name=name))
    ctx.db.dispose()
    return db_path


@pytest.fixture
def quote_number(filled, capsys):
    code, out, _ = run(capsys, "demo", "--clients", "3", "--force", "--db", filled)
    assert code == 0
    with sqlite3.connect(filled) as conn:
        return conn.execute("SELECT number FROM documents WHERE kind = 'devis' "
                            "ORDER BY id LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("where, said", [
    ("absent/devis.pdf", "n'existe pas"),
    (".", "est un dossier"),
    ("x" * 300 + ".pdf", "le nom du fichier est trop long"),
    ("/proc/devis.pdf", "Impossible d'écrire"),
])
def test_print_to_a_place_that_cannot_be_written_says_why(quote_number, filled, tmp_path,
                                                          capsys, where, said):
    target = where if where.startswith("/") else tmp_path / where
    code, _, err = run(capsys, "print", quote_number, "-o", target, "--db", filled)
    assert code == 2 and said in err
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".extradesk-*"))


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001", "32/01/2026"])
def test_agenda_dates_out_of_range_are_refused_in_french(filled, capsys, day):
    code, _, err = run(capsys, "agenda", "list", "--from", day, "--db", filled)
    assert code == 2 and "date" in err


def test_a_damaged_database_is_said_in_french(filled, capsys):
    scramble(filled, pages=(2, 3, 4, 5, 6, 7, 8, 9, 10))
    code, _, err = run(capsys, "search", "dupont", "--db", filled)
    assert code == 2 and "endommagée" in err


def test_an_unexpected_error_is_logged_and_said_in_french(filled, capsys, monkeypatch):
    from extradesk import paths
    from extradesk.services import search

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(search, "search", broken)
    code, _, err = run(capsys, "search", "dupont", "--db", filled)
    assert code == 1 and err.startswith("extradesk : Une erreur inattendue")
    assert "RuntimeError" in err and "a bug of ours" not in err
    log = (paths.data_dir() / "logs" / "extradesk-cli.log").read_text()
    assert "Traceback" in log and "a bug of ours" in log


def test_check_restore_and_repair_from_the_command_line(filled, tmp_path, capsys):
    code, out, _ = run(capsys, "backup", "--db", filled)
    assert code == 0 and "Sauvegarde écrite et vérifiée" in out
    copy = Path(out.split(" : ", 1)[1].strip())
    code, out, _ = run(capsys, "check", "--db", filled)
    assert (code, out.strip()) == (0, "La base est intègre.")

    damaged = (root_page(filled, "document_counters"),)  # not the schema: repair needs it
    scramble(filled, pages=damaged)
    code, out, err = run(capsys, "check", "--db", filled)
    assert code == 3 and "La base est endommagée" in out and str(copy) in out, err
    code, _, err = run(capsys, "backup", "--db", filled)
    assert code == 2 and "endommagée" in err and "extradesk repair" in err

    code, out, err = run(capsys, "restore", copy, "--db", filled)
    assert code == 0 and "remise en service" in out, err
    code, out, _ = run(capsys, "check", "--db", filled)
    assert code == 0

    scramble(filled, pages=damaged)
    code, out, err = run(capsys, "repair", "--db", filled)
    assert code == 0 and "Base réparée" in out, err
    code, out, _ = run(capsys, "search", "dupont", "--db", filled)
    assert code == 0 and "DUPONT" in out
