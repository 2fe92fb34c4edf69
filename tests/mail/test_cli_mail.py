"""`extradesk mail …` and `extradesk outbox …` as a script or a scheduled task runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import smtp_server
from extradesk.cli import main
from extradesk.services.documents import drafts as documents
from extradesk.services.mail import accounts


def run(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_account_test_send_list_through_a_server_that_comes_back(
        business, helene, flaky, smtp, db_path, capsys, monkeypatch):
    db = ("--db", db_path)
    code, out, _ = run(capsys, "mail", "account", *db, "--user", "Marc Lefèvre", "--host",
                       "127.0.0.1", "--port", flaky.port, "--security", "none", "--login",
                       "marc", "--from", "Marc@Piscines-Azur.fr", "--name", "Marc Lefèvre",
                       stdin="\n", monkeypatch=monkeypatch)
    assert code == 0
    assert out == (f"Compte d'envoi enregistré : marc@piscines-azur.fr par 127.0.0.1:"
                   f"{flaky.port} (none, sans authentification).\n")
    account = accounts.own_account(business, business.user_id)
    assert account.login is None and account.sender_name == "Marc Lefèvre"

    code, _, err = run(capsys, "mail", "test", *db, "--user", "ML")
    assert code == 2 and "Aucun serveur ne répond sur 127.0.0.1" in err

    quote, _ = documents.create_quote(business, helene)
    code, out, _ = run(capsys, "mail", "send", "D-2026-00001", *db, "--to",
                       "helene@wanadoo.fr", "--to", "h.dupont@exemple.fr")
    assert code == 0  # safely queued
    assert out.startswith("Message n° 1 : en attente : Aucun serveur ne répond sur ")
    assert documents.get_document(business, quote).status == "envoye"

    code, out, _ = run(capsys, "outbox", "list", "--json", *db)
    [item] = json.loads(out)
    assert {k: item[k] for k in ("id", "kind", "to", "subject", "state", "attempts")} == {
        "id": 1, "kind": "devis", "to": "helene@wanadoo.fr, h.dupont@exemple.fr",
        "subject": "Devis D-2026-00001", "state": "pending", "attempts": 1}
    assert item["error"].startswith("Aucun serveur ne répond")

    flaky.start()
    code, out, _ = run(capsys, "mail", "test", *db, "--user", "ML")
    assert (code, out) == (0, "Message d'essai envoyé à marc@piscines-azur.fr par "
                              "127.0.0.1.\n")
    code, out, _ = run(capsys, "outbox", "send", *db)  # not due yet: backoff
    assert (code, out) == (0, "0 envoyé, 0 en attente d'un nouvel essai, 0 en échec.\n")
    run(capsys, "outbox", "retry", "1", *db)
    code, out, _ = run(capsys, "outbox", "send", *db)
    assert (code, out) == (0, "1 envoyé, 0 en attente d'un nouvel essai, 0 en échec.\n")
    code, out, _ = run(capsys, "outbox", "send", *db)
    assert out.startswith("0 envoyé,")
    test_mail, quote_mail = flaky.handler.received
    assert quote_mail.rcpt_tos == ["helene@wanadoo.fr", "h.dupont@exemple.fr"]
    assert test_mail.message["Subject"] == "Message d'essai extradesk"
    code, out, _ = run(capsys, "outbox", "list", *db)
    assert "envoyé (2 essais)" in out
    code, _, err = run(capsys, "outbox", "cancel", "1", *db)
    assert code == 2 and "déjà parti" in err


def test_send_now_with_a_password_account_and_a_refused_address(
        business, helene, smtp, db_path, capsys, monkeypatch):
    db = ("--db", db_path)
    code, out, _ = run(capsys, "mail", "account", *db, "--company", "--host", "127.0.0.1",
                       "--port", smtp.ssl.port, "--security", "ssl", "--login",
                       smtp_server.LOGIN, "--from", "contact@piscines-azur.fr",
                       stdin=smtp_server.PASSWORD + "\n", monkeypatch=monkeypatch)
    assert code == 0 and "mot de passe dans le trousseau" in out
    for file in db_path.parent.glob(db_path.name + "*"):  # the database and its WAL
        assert smtp_server.PASSWORD.encode() not in file.read_bytes()
    documents.create_quote(business, helene)
    code, out, _ = run(capsys, "mail", "send", "d-2026-1", *db, "--notices")
    assert (code, out) == (0, "Message n° 1 : envoyé\n")
    assert smtp.ssl.handler.received[0].rcpt_tos == ["helene@wanadoo.fr"]
    smtp.ssl.handler.refuse_rcpts["faux@wanadoo.fr"] = "550 5.1.1 User unknown"
    code, out, _ = run(capsys, "mail", "send", "D-2026-00001", *db, "--to", "faux@wanadoo.fr")
    assert code == 1 and out.startswith("Message n° 2 : échec : Adresse refusée par le "
                                        "serveur : faux@wanadoo.fr")
    code, out, _ = run(capsys, "outbox", "cancel", "2", *db)
    assert (code, out) == (0, "Message n° 2 annulé.\n")


@pytest.mark.parametrize("argv, message", [
    (["mail", "send", "D-2026-00099"], "D-2026-00099"),
    (["outbox", "retry", "42"], "Le message n° 42 n'est plus dans la boîte d'envoi."),
])
def test_unknown_numbers_and_ids_are_french_errors(business, db_path, capsys, argv, message):
    code, _, err = run(capsys, *argv, "--db", db_path)
    assert code == 2 and message in err


def test_no_account_is_explained(business, helene, db_path, capsys):
    documents.create_quote(business, helene)
    code, _, err = run(capsys, "mail", "send", "D-2026-00001", "--db", db_path)
    assert code == 2 and "Aucun compte d'envoi configuré pour Marc Lefèvre" in err


def test_outbox_and_mail_commands_never_load_qt(business, db_path):
    script = (
        "import sys\nfrom extradesk.cli import main\n"
        f"assert main(['outbox', 'send', '--db', {str(db_path)!r}]) == 0\n"
        f"assert main(['outbox', 'list', '--db', {str(db_path)!r}]) == 0\n"
        f"main(['mail', 'test', '--user', 'ML', '--db', {str(db_path)!r}])\n"
        "assert 'PySide6' not in sys.modules, 'Qt loaded by a batch command'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "0 envoyé," in done.stdout and "La boîte d'envoi est vide." in done.stdout
    assert "Aucun compte d'envoi configuré pour Marc Lefèvre" in done.stderr
