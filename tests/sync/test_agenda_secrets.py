"""Secrets (issue 11): an insecure keyring is refused before anything is created on the
server, and a password given inside a CalDAV URL goes to the keyring, never to the database
or the screen."""

from __future__ import annotations

import io

import caldav
import keyring
import pytest
from keyring.backend import KeyringBackend

import radicale_server
from extradesk.core.errors import ExternalServiceError
from extradesk.i18n.messages import error_text
from extradesk.services.agenda import accounts as agenda_accounts


class PlaintextKeyring(KeyringBackend):
    """What keyrings.alt's file backend does: passwords in a file, in clear (priority .5)."""

    priority = 0.5

    def __init__(self) -> None:
        super().__init__()
        self.store: dict = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


def calendars_of(radicale, user):
    client = caldav.get_davclient(url=radicale.url, username=user,
                                  password=radicale_server.PASSWORDS[user], auth_type="basic",
                                  check_config_file=False, environment=False)
    return sorted(str(c.url) for c in client.principal().calendars())


def test_a_plaintext_keyring_is_refused_before_the_server_is_touched(ctx, radicale):
    plaintext = PlaintextKeyring()
    keyring.set_keyring(plaintext)  # the fixture puts the memory keyring back afterwards
    before = calendars_of(radicale, "sophie")
    with pytest.raises(ExternalServiceError) as caught:
        agenda_accounts.save_account(ctx, ctx.user_id, url=radicale.url, login="sophie",
                                     password="secret-sophie")
    assert error_text(caught.value).startswith(
        "Le trousseau de mots de passe de ce poste (test_agenda_secrets.PlaintextKeyring) "
        "garde les mots de passe en clair ou n'est pas sûr")
    assert plaintext.store == {} and calendars_of(radicale, "sophie") == before
    assert agenda_accounts.get_account(ctx, ctx.user_id) is None


def test_no_keyring_at_all_is_refused_before_the_server_is_touched(ctx, closed_port):
    """The URL leads nowhere: a refusal that names the keyring proves no request was made."""
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(ExternalServiceError) as caught:
        agenda_accounts.save_account(ctx, ctx.user_id, url=f"http://127.0.0.1:{closed_port}/",
                                     login="sophie", password="secret-sophie")
    assert error_text(caught.value).startswith(
        "Aucun trousseau de mots de passe n'est disponible sur ce poste")
    assert agenda_accounts.get_account(ctx, ctx.user_id) is None


def test_credentials_in_the_url_go_to_the_keyring_not_the_database(ctx, radicale,
                                                                   memory_keyring):
    host = radicale.url.split("://", 1)[1]
    account, _ = agenda_accounts.save_account(
        ctx, ctx.user_id, url=f"http://sophie:secret-sophie@{host}", login="", password="")
    assert account.url == radicale.url and account.login == "sophie"
    assert list(memory_keyring.store.values()) == ["secret-sophie"]
    assert "secret-sophie" not in repr(agenda_accounts.list_accounts(ctx))


def test_command_line_takes_the_login_from_the_url_and_never_echoes_the_password(
        db_path, radicale, capsys, monkeypatch, memory_keyring):
    from extradesk.cli import main
    from extradesk.services import users
    from extradesk.services.context import open_context
    from extradesk.services.dto import UserInput

    ctx, _ = open_context(db_path)
    users.create_user(ctx, UserInput(name="Sophie Garnier", initials="SG"))
    ctx.db.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    host = radicale.url.split("://", 1)[1]
    code = main(["agenda", "account", "--db", str(db_path), "--user", "SG", "--url",
                 f"http://sophie:secret-sophie@{host}"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "secret-sophie" not in out.out + out.err and f"sur {radicale.url} " in out.out
    assert list(memory_keyring.store.values()) == ["secret-sophie"]
