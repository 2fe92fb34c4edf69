"""The `extradesk` command as a script or cron job uses it."""

import json
import sqlite3
import subprocess
import sys

import pytest

from extradesk import __version__
from extradesk.cli import main
from extradesk.services import references
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput


@pytest.fixture
def filled(db_path):
    ctx, _ = open_context(db_path)
    clients.create_client(ctx, ClientInput(last_name="Dupont", first_name="Hélène",
                                           billing_city="Lyon", status_id=2))
    clients.create_client(ctx, ClientInput(company="Camping du Lac", status_id=3))
    ctx.db.dispose()
    return db_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_is_a_stable_contract(filled, capsys):
    code, out, _ = run(capsys, "search", "helene", "--json", "--db", filled)
    assert code == 0
    [hit] = json.loads(out)
    assert hit["kind"] == "client" and hit["label"] == "DUPONT Hélène"
    assert isinstance(hit["id"], int)
    code, out, _ = run(capsys, "--db", filled, "search", "zzqx", "--limit", "5")
    assert (code, out.strip()) == (0, "Aucun résultat.")


def test_merge_from_the_command_line(filled, capsys):
    dup_ctx, _ = open_context(filled)
    dup, _ = references.add_item(dup_ctx, "status", label="Prospect chaud")
    clients.create_client(dup_ctx, ClientInput(last_name="Roux", status_id=dup.id))
    dup_ctx.db.dispose()
    code, out, _ = run(capsys, "merge", "status", 2, dup.id, dup.id, "--db", filled)
    # The same id twice is one merge (it was counted twice), in real French plurals.
    assert code == 0
    assert out.strip() == "1 élément fusionné dans « Prospect » ; 1 fiche rattachée."
    code, out, _ = run(capsys, "lists", "status", "--db", filled)
    assert "Prospect chaud" not in out and "Prospect  — utilisé 2 fois" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["merge", "status", "2", "2"], "avec lui-même"),
        (["merge", "status", "2", "77"], "n° 77 de la liste « Statuts de client » n'existe pas"),
        (["search", "x", "--limit", "0"], "entre 1 et 500"),
    ],
)
def test_bad_input_is_refused_in_french_and_changes_nothing(filled, capsys, argv, message):
    before = sqlite3.connect(filled).execute("SELECT * FROM clients").fetchall()
    code, _, err = run(capsys, *argv, "--db", filled)
    assert code == 2 and message in err and "Traceback" not in err
    assert sqlite3.connect(filled).execute("SELECT * FROM clients").fetchall() == before


@pytest.mark.parametrize(("argv", "message"), [
    (["merge", "colours", "1", "2"], "« colours » n'est pas un choix possible"),
    # Raised by a nested parser (catalogue's own sub-commands), which must be French too.
    (["catalogue", "lire"], "argument ACTION : « lire » n'est pas un choix possible"),
    (["agenda", "list", "--from"], "argument --from : une valeur est attendue"),
])
def test_argument_errors_are_french(capsys, argv, message):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_backup_writes_an_openable_copy(filled, tmp_path, capsys):
    target = tmp_path / "copie.sqlite3"
    code, out, _ = run(capsys, "backup", "-o", target, "--db", filled)
    assert code == 0 and str(target) in out
    assert sqlite3.connect(target).execute("SELECT count(*) FROM clients").fetchone() == (2,)


def test_newer_database_is_refused_by_every_command(filled, capsys):
    with sqlite3.connect(filled) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    code, _, err = run(capsys, "search", "dupont", "--db", filled)
    assert code == 2 and "version plus récente" in err


# What a batch command must not load: Qt ever, and the capabilities it does not use (each
# cli module imports its services inside its handlers). `search` fans out to the catalogue
# lookup by design, never to the importer.
NOT_LOADED = {
    "search": ("PySide6", "extradesk.app", "extradesk.ui", "extradesk.services.agenda",
               "extradesk.services.demo", "extradesk.services.catalogues.importing"),
    "lists": ("PySide6", "extradesk.app", "extradesk.ui", "extradesk.services.agenda",
              "extradesk.services.demo", "extradesk.services.catalogues",
              "extradesk.services.documents", "extradesk.services.articles"),
}


@pytest.mark.parametrize(("argv", "shown"), [
    (["search", "dupont"], "DUPONT Hélène"),
    (["lists", "status"], "Statuts de client"),
])
def test_batch_commands_never_load_qt_nor_other_capabilities(filled, argv, shown):
    script = (
        "import sys\nfrom extradesk.cli import main\n"
        f"code = main({[*argv, '--db', str(filled)]!r})\n"
        f"loaded = [m for m in sys.modules if m.startswith({NOT_LOADED[argv[0]]!r})]\n"
        "assert not loaded, f'loaded by a batch command: {loaded}'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout


def test_version_works():
    version = subprocess.run([sys.executable, "-m", "extradesk", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"extradesk {__version__}"


def test_print_writes_the_pdf_of_a_document(filled, tmp_path, capsys):
    from pypdf import PdfReader

    from extradesk.services.documents import drafts as documents

    ctx, _ = open_context(filled)
    quote, _ = documents.create_quote(ctx, 1)
    number = documents.get_document(ctx, quote).number
    ctx.db.dispose()
    target = tmp_path / "devis.pdf"
    code, out, err = run(capsys, "print", number.lower(), "-o", target, "--db", filled)
    assert code == 0 and "PDF écrit" in out
    # No company saved: printed, but said (issue 11, defect 2).
    assert "l'identité de l'entreprise est incomplète" in err
    text = PdfReader(target).pages[0].extract_text()
    assert number in text and "DUPONT" in text
    code, _, err = run(capsys, "print", "F-2026-99999", "-o", target, "--db", filled)
    assert code == 2 and "Aucune pièce ne porte le numéro « F-2026-99999 »" in err


def test_demo_makes_clients_then_their_documents(db_path, capsys):
    code, out, _ = run(capsys, "demo", "--clients", "60", "--db", db_path)
    assert code == 0
    assert out.startswith("60 clients, ") and "pièces commerciales créés" in out
    with sqlite3.connect(db_path) as conn:
        kinds = {k for (k,) in conn.execute("SELECT DISTINCT kind FROM documents")}
        made = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert {"devis", "facture"} <= kinds
    assert f"et {made} pièces" in out.replace("\u202f", " ")
    code, _, err = run(capsys, "demo", "--clients", "10", "--db", db_path)
    assert code == 2 and "La base contient déjà 60 clients" in err  # not mixed into it
    code, out, _ = run(capsys, "demo", "--clients", "10", "--no-documents", "--force",
                       "--db", db_path)
    assert code == 0 and " et 0 pièces commerciales" in out
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == made
