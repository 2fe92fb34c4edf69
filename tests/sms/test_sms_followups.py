"""Quote follow-ups: listed after N days, one click by SMS or mail from the template,
recorded on the quote, not twice within N days; CLI `sms send` and `sms gateway`."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from fake_gateway import SECRETS, Fault
from sms_helpers import add_client

from extradesk.cli import main
from extradesk.core.errors import StateError, ValidationError
from extradesk.core.workflow import Status
from extradesk.services import preferences
from extradesk.services.documents import drafts as documents
from extradesk.services.mail import accounts
from extradesk.services.outbox import items, sender
from extradesk.services.sms import followups, gateway, texts


@pytest.fixture
def quote(android):
    client = add_client(android, "Dupont", "06 12 34 56 78", email="helene@wanadoo.fr")
    quote_id, _ = documents.create_quote(android, client)
    documents.set_status(android, quote_id, target=Status.SENT)
    return quote_id


def test_a_sent_quote_is_listed_after_n_days_and_followed_up_once(android, quote, fake):
    assert followups.quotes_to_follow(android) == []
    android.clock.advance(timedelta(days=10))
    [due] = followups.quotes_to_follow(android)
    assert due.document_id == quote and due.mobile == "+33612345678"
    item_id, _ = followups.send_followup(android, quote, channel="sms")
    assert followups.quotes_to_follow(android) == []
    [(at, channel, said)] = followups.history(android, quote)
    assert channel == "sms" and at == android.clock.now()
    assert said.startswith("Bonjour Mme Dupont, avez-vous pu étudier notre devis D-")
    with pytest.raises(StateError) as caught:
        followups.send_followup(android, quote, channel="sms")
    assert caught.value.message_id == "sms.followup_too_soon"
    sender.send_due(android)
    assert items.get_item(android, item_id).state == "sent" and fake.accepted[0]["text"] == said
    android.clock.advance(timedelta(days=10))
    assert [q.document_id for q in followups.quotes_to_follow(android)] == [quote]
    preferences.set_value(android, "quotes.followup_days", value=20)
    assert followups.quotes_to_follow(android) == []


def test_a_follow_up_by_mail_with_the_users_text(android, quote):
    android.clock.advance(timedelta(days=11))
    with pytest.raises(ValidationError) as caught:
        followups.send_followup(android, quote, channel="mail")
    assert caught.value.problems[0].message_id == "sms.followup_no_mail_account"
    accounts.save_account(android, None, data=accounts.AccountInput(
        host="127.0.0.1", port=2525, security="none", sender_address="contact@azur.fr",
        sender_name="Piscines Azur", login=None), password=None)
    item_id, _ = followups.send_followup(android, quote, channel="mail",
                                         text="Bonjour, notre devis vous convient-il ?")
    row = items.get_item(android, item_id)
    assert (row.channel, row.kind, row.to, row.document_id) == (
        "mail", "relance", "helene@wanadoo.fr", quote)
    assert row.subject.startswith("Votre devis D-")


def test_the_template_refuses_an_unknown_field(android):
    with pytest.raises(ValidationError) as caught:
        texts.save_template(android, "rappel", body="Bonjour {prenom}")
    assert caught.value.problems[0].message_id == "sms.template_unknown_field"
    texts.save_template(android, "rappel", body="RDV le {date} à {heure}. {entreprise}")
    assert texts.get_template(android, "rappel") == "RDV le {date} à {heure}. {entreprise}"


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_gateway_send_and_drain(business, fake, db_path, capsys, monkeypatch):
    db = ("--db", db_path)
    code, out, _ = run(capsys, monkeypatch, "sms", "gateway", *db, "--kind", "twilio",
                       "--url", fake.url, "--sender", "PiscAzur",
                       stdin="\n".join(SECRETS["twilio"]) + "\n")
    assert code == 0 and out.startswith("Passerelle SMS enregistrée : Twilio (http://127.0.0.1")
    assert gateway.get_gateway(business).sender == "PiscAzur"
    code, out, _ = run(capsys, monkeypatch, "sms", "send", *db, "--to", "06 12 34 56 78",
                       "--text", "Le technicien arrive à 14 h.")
    assert code == 0 and out == "SMS n° 1 : envoyé\n"
    assert fake.accepted[0]["sender"] == "PiscAzur"
    code, _, err = run(capsys, monkeypatch, "sms", "send", *db, "--to", "12", "--text", "x")
    assert code == 2 and "n'est pas un numéro de portable reconnu" in err
    code, out, _ = run(capsys, monkeypatch, "sms", "test", *db, "--to", "0698765432")
    assert code == 0 and "SMS d'essai remis à Twilio pour le 06 98 76 54 32" in out
    code, _, err = run(capsys, monkeypatch, "sms", "gateway", *db, "--kind", "ovh",
                       stdin="seulement-une-clé\n")
    assert code == 2 and "OVHcloud attend 3 clés" in err and "nom du service SMS" in err
    fake.fail_next(Fault(500, "{}"))
    gateway.queue_sms(business, to="0612345678", text="Rappel")
    code, out, _ = run(capsys, monkeypatch, "outbox", "send", *db)
    assert code == 0 and "0 envoyé, 1 en attente" in out
