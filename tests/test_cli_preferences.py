"""`extradesk preferences list|set`, as a script or a person at a terminal uses them."""

import json

import pytest

from extradesk.cli import main
from extradesk.services import preferences, users
from extradesk.services.context import open_context
from extradesk.services.dto import UserInput


@pytest.fixture
def two_users(db_path):
    ctx, _ = open_context(db_path)
    first = users.ensure_a_user(ctx)
    other, _ = users.create_user(ctx, UserInput(name="Marie Curie", initials="MC"))
    ctx.db.dispose()
    return db_path, first, other


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_set_then_list_for_one_user(two_users, capsys):
    db, first, other = two_users
    code, out, err = run(capsys, "preferences", "set", "--db", db, "--user", "mc",
                         "search.mode", "commence par")
    assert (code, err) == (0, "")
    assert out.strip() == "Un mot tapé correspond à un nom qui… : commence par"
    code, out, _ = run(capsys, "preferences", "set", "--db", db, "--user", "Marie Curie",
                       "dashboard.tiles", "cash,revenue,audit")
    assert code == 0 and out.strip().endswith(": Encaissements, Chiffre d'affaires, Bons réflexes")
    code, out, _ = run(capsys, "preferences", "list", "--db", db, "--user", "MC", "--json")
    found = {row["key"]: row for row in json.loads(out)}
    assert found["search.mode"]["value"] == "starts_with"
    assert found["dashboard.tiles"]["value"] == ["cash", "revenue", "audit"]
    assert found["dashboard.mail_frequency"]["choices"] == ["none", "daily", "weekly", "monthly"]
    assert found["appearance.theme"]["section"] == "appearance"
    code, out, _ = run(capsys, "preferences", "list", "--db", db, "--user", "MC")
    assert code == 0
    assert "Moteur de recherche\n  search.mode = commence par" in out
    assert "Tableau de bord\n  dashboard.tiles = Encaissements, Chiffre d'affaires" in out
    ctx, _ = open_context(db)
    try:  # the other user keeps the defaults
        assert preferences.get(ctx, "search.mode", user_id=first) == "contains"
        assert preferences.get(ctx, "search.mode", user_id=other) == "starts_with"
    finally:
        ctx.db.dispose()


@pytest.mark.parametrize(("argv", "said"), [
    (["search.colour", "rouge"], "Préférence inconnue : « search.colour »."),
    (["appearance.theme", "violet"], "Valeur refusée pour « Thème » : « violet »."),
    (["documents.line_numbers", "peut-être"], "attend oui ou non ; « peut-être » ne convient pas"),
    (["dashboard.mail_time", "7h"], "« 7h » n'est pas une heure (HH:MM"),
    (["clients.default_status", "Inconnu au bataillon"],
     "« Inconnu au bataillon » n'est pas dans la liste Statuts de client."),
    (["appearance.home_background", "{text_file}"], "n'est pas une image"),
])
def test_bad_input_exits_2_with_a_french_error(two_users, capsys, tmp_path, argv, said):
    db, _, _ = two_users
    text_file = tmp_path / "notes.txt"
    text_file.write_text("pas une image")
    argv = [a.format(text_file=text_file) for a in argv]
    code, out, err = run(capsys, "preferences", "set", "--db", db, "--user", "MC", *argv)
    assert code == 2 and out == ""
    assert err.startswith("extradesk : ") and said in err


def test_an_unknown_user_is_refused(two_users, capsys):
    db, _, _ = two_users
    code, _, err = run(capsys, "preferences", "list", "--db", db, "--user", "Personne")
    assert code == 2 and "« Personne »" in err


def test_the_depot_of_new_documents_is_set_by_its_name(two_users, capsys):
    db, first, other = two_users
    code, out, err = run(capsys, "preferences", "set", "--db", db, "--user", "MC",
                         "documents.depot", "Dépôt principal")
    assert (code, err) == (0, "")
    assert out.strip() == "Dépôt des nouvelles pièces : Dépôt principal"
    code, out, _ = run(capsys, "preferences", "list", "--db", db, "--user", "MC")
    assert "  documents.depot = Dépôt principal" in out
    code, out, _ = run(capsys, "preferences", "list", "--db", db, "--user", "MC", "--json")
    found = {row["key"]: row for row in json.loads(out)}["documents.depot"]
    assert found["section"] == "documents" and found["value"] == 1
    code, out, err = run(capsys, "preferences", "set", "--db", db, "--user", "MC",
                         "documents.depot", "Entrepôt lunaire")
    assert code != 0 and out == ""
    assert err == ("extradesk : « Dépôt des nouvelles pièces » : « Entrepôt lunaire » n'est "
                   "pas dans la liste Dépôts.\n")
    ctx, _ = open_context(db)
    try:
        assert preferences.get(ctx, "documents.depot", user_id=other) == 1
        assert preferences.get(ctx, "documents.depot", user_id=first) is None
    finally:
        ctx.db.dispose()
