"""sync.smtp against real servers: each security mode, and every failure classified with a
French message (nothing mocked: aiosmtpd on 127.0.0.1, raw sockets for the silent cases)."""

from __future__ import annotations

import socket
from email.message import EmailMessage
from email.utils import make_msgid

import pytest

import smtp_server
from extradesk.core.errors import ExternalServiceError
from extradesk.i18n.messages import error_text
from extradesk.sync.smtp import SmtpSession, SmtpSettings, send_message


def settings(server, **overrides) -> SmtpSettings:
    values = {"host": server.host, "port": server.port, "security": server.security,
              "login": smtp_server.LOGIN if server.security != "none" else None,
              "password": smtp_server.PASSWORD, "timeout": 5.0}
    values.update(overrides)
    return SmtpSettings(**values)


def note(subject="Devis D-2026-00001", to="helene@wanadoo.fr") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Piscines Azur <contact@piscines-azur.fr>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="piscines-azur.fr")
    message.set_content("Bonjour Mme Dupont,\n\nVoici le devis : 12 480,00 € TTC.\n")
    return message


def failure(call) -> ExternalServiceError:
    with pytest.raises(ExternalServiceError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("kind", ["plain", "starttls", "ssl"])
def test_each_security_mode_delivers_with_accents_intact(smtp, kind):
    server = getattr(smtp, kind)
    accepted = send_message(settings(server), note("Été 2026 — devis"),
                            sender="contact@piscines-azur.fr",
                            recipients=["helene@wanadoo.fr", "marc@piscines-azur.fr"])
    assert accepted.reply == "2.0.0 Ok: queued as Q1" and accepted.refused == {}
    [got] = server.handler.received
    assert got.mail_from == "contact@piscines-azur.fr"
    assert got.rcpt_tos == ["helene@wanadoo.fr", "marc@piscines-azur.fr"]
    assert got.message["Subject"] == "Été 2026 — devis"
    assert "12 480,00 € TTC" in got.message.get_content()


def test_one_session_sends_many_messages_over_one_connection(smtp):
    session = SmtpSession(settings(smtp.starttls))
    try:
        for n in range(5):
            session.send(note(f"Relance {n}"), sender="contact@piscines-azur.fr",
                         recipients=["helene@wanadoo.fr"])
    finally:
        session.close()
    assert [r.message["Subject"] for r in smtp.starttls.handler.received] == [
        f"Relance {n}" for n in range(5)]


def test_wrong_password_is_refused_in_french_and_not_retried(smtp):
    error = failure(lambda: SmtpSession(settings(smtp.ssl, password="pas-le-bon")))
    assert (error.message_id, error.retryable) == ("smtp.auth_refused", False)
    assert "mot de passe refusé" in error_text(error)


def test_nothing_listening_is_a_temporary_failure():
    port = smtp_server.free_port()
    error = failure(lambda: SmtpSession(SmtpSettings("127.0.0.1", port, "none", timeout=2)))
    assert (error.message_id, error.retryable) == ("smtp.unreachable", True)
    assert f"Aucun serveur ne répond sur 127.0.0.1:{port}" in error_text(error)


def test_an_untrusted_certificate_is_refused(smtp, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")  # the system's CAs do not know trustme's
    error = failure(lambda: SmtpSession(settings(smtp.ssl)))
    assert (error.message_id, error.retryable) == ("smtp.certificate_refused", False)
    assert "certificat du serveur 127.0.0.1 est refusé" in error_text(error)


def test_starttls_asked_of_a_server_that_does_not_offer_it(smtp):
    error = failure(lambda: SmtpSession(settings(smtp.plain, security="starttls")))
    assert (error.message_id, error.retryable) == ("smtp.starttls_missing", False)
    assert "ne propose pas STARTTLS" in error_text(error)


def test_ssl_spoken_to_a_plain_port_is_a_tls_failure(smtp):
    error = failure(lambda: SmtpSession(settings(smtp.plain, security="ssl", timeout=3)))
    assert error.message_id == "smtp.tls_failed" and not error.retryable


def test_sender_refused_permanent_recipient_refused_permanent_busy_temporary(smtp):
    handler = smtp.plain.handler
    handler.refuse_senders["contact@piscines-azur.fr"] = "553 5.7.1 Sender not owned by user"
    session = SmtpSession(settings(smtp.plain))
    try:
        error = failure(lambda: session.send(note(), sender="contact@piscines-azur.fr",
                                             recipients=["helene@wanadoo.fr"]))
        assert (error.message_id, error.retryable) == ("smtp.sender_refused", False)
        assert "refuse l'adresse d'expéditeur contact@piscines-azur.fr" in error_text(error)
        handler.refuse_senders.clear()
        handler.refuse_rcpts["nobody@wanadoo.fr"] = "550 5.1.1 User unknown"
        error = failure(lambda: session.send(note(to="nobody@wanadoo.fr"),
                                             sender="contact@piscines-azur.fr",
                                             recipients=["nobody@wanadoo.fr"]))
        assert (error.message_id, error.retryable) == ("smtp.recipient_refused", False)
        assert "Adresse refusée par le serveur : nobody@wanadoo.fr (550" in error_text(error)
        # One refused among others: the message goes to the rest, the refusal is reported.
        accepted = session.send(note(), sender="contact@piscines-azur.fr",
                                recipients=["nobody@wanadoo.fr", "helene@wanadoo.fr"])
        assert list(accepted.refused) == ["nobody@wanadoo.fr"]
        handler.data_mode = "temporary"
        error = failure(lambda: session.send(note(), sender="contact@piscines-azur.fr",
                                             recipients=["helene@wanadoo.fr"]))
        assert (error.message_id, error.retryable) == ("smtp.temporary", True)
        handler.data_mode = "accept"  # the same connection still works after the refusals
        session.send(note("Encore"), sender="contact@piscines-azur.fr",
                     recipients=["helene@wanadoo.fr"])
    finally:
        session.close()
    assert [r.message["Subject"] for r in handler.received] == ["Devis D-2026-00001",
                                                                "Encore"]


def test_a_message_over_the_size_limit_is_refused_before_sending(smtp):
    big = note()
    big.add_attachment(b"\0" * (smtp_server.SIZE_LIMIT + 1024), maintype="application",
                       subtype="pdf", filename="notice.pdf")
    session = SmtpSession(settings(smtp.starttls))
    assert session.size_limit == smtp_server.SIZE_LIMIT
    error = failure(lambda: session.send(big, sender="contact@piscines-azur.fr",
                                         recipients=["helene@wanadoo.fr"]))
    session.close()
    assert (error.message_id, error.retryable) == ("smtp.too_big", False)
    assert error_text(error).startswith("Message trop gros pour le serveur : 13,7 Mo pour "
                                        "10,0 Mo au plus.")
    assert smtp.starttls.handler.received == []


def test_a_server_hanging_up_mid_data_is_a_temporary_failure(smtp):
    smtp.plain.handler.data_mode = "hang_up"
    session = SmtpSession(settings(smtp.plain))
    error = failure(lambda: session.send(note(), sender="contact@piscines-azur.fr",
                                         recipients=["helene@wanadoo.fr"]))
    assert (error.message_id, error.retryable) == ("smtp.disconnected", True)
    assert session.closed  # the next send opens a new connection
    assert "a coupé la connexion pendant l'envoi" in error_text(error)


def test_a_server_that_never_answers_times_out():
    with socket.socket() as silent:  # accepts connections (backlog), never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        error = failure(lambda: SmtpSession(SmtpSettings("127.0.0.1", port, "none",
                                                         timeout=0.5)))
    assert (error.message_id, error.retryable) == ("smtp.timeout", True)
    assert "ne répond pas" in error_text(error)


def test_a_header_that_cannot_be_encoded_is_a_permanent_failure(smtp):
    bad = note()
    del bad["Message-ID"]
    bad["Message-ID"] = "<été@piscines-azur.fr>"
    session = SmtpSession(settings(smtp.plain))
    error = failure(lambda: session.send(bad, sender="contact@piscines-azur.fr",
                                         recipients=["helene@wanadoo.fr"]))
    session.close()
    assert (error.message_id, error.retryable) == ("smtp.unencodable", False)


def test_settings_never_show_the_password():
    assert "secret" not in repr(SmtpSettings("h", 1, "none", "me", "secret"))
