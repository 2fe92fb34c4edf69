"""`extradesk audit`: the score and findings in French, and as JSON for scripts."""

from __future__ import annotations

import json

import pytest

from extradesk.cli import main
from extradesk.services import references
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_empty_database_scores_10(db_path, capsys):
    open_context(db_path)[0].db.dispose()
    code, out, _err = run(capsys, "audit", "--db", db_path)
    assert code == 0
    assert "Score : 10/10" in out and "toutes les bonnes habitudes" in out
    code, out, _err = run(capsys, "audit", "--db", db_path, "--json")
    assert json.loads(out) == {"score": 10, "findings": []}


def test_duplicates_and_clients_without_status(db_path, capsys):
    ctx, _ = open_context(db_path)
    mr, _ = references.add_item(ctx, "civility", label="Mr")
    clients.create_client(ctx, ClientInput(last_name="Vite", civility_id=mr.id))
    ctx.db.dispose()
    code, out, _err = run(capsys, "audit", "--db", db_path)
    assert code == 0 and "Score : 8/10" in out
    assert "Réflexe n° 1 — 1 client sans statut ou sans origine" in out
    assert "Réflexe n° 4 — 1 civilité en double" in out
    assert "Garder « Mr » et y rattacher « M. » (0 fiche à rattacher)." in out
    code, out, _err = run(capsys, "audit", "--db", db_path, "--json")
    data = json.loads(out)
    [civilities] = [f for f in data["findings"] if f["id"] == "duplicate_civilities"]
    assert civilities["habit"] == 4 and civilities["place"] == "references:civility"
    assert civilities["merges"][0]["keep"]["label"] == "Mr"
    assert civilities["merges"][0]["duplicates"][0]["label"] == "M."


def test_a_file_that_is_not_a_database_is_refused_in_french(tmp_path, capsys):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("pas une base\n" * 200)
    code, out, err = run(capsys, "audit", "--db", notes)
    assert code == 2 and out == "" and "Traceback" not in err
    assert "base" in err.lower()
    with pytest.raises(SystemExit) as stopped:
        main(["audit", "--score"])
    assert stopped.value.code == 2 and "arguments non reconnus" in capsys.readouterr().err
