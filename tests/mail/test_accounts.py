"""SMTP accounts: presets, validation, per user or shared, password in the keyring, the test
mail; alerts to a client; deliverability hints with a resolver that needs no network."""

from __future__ import annotations

import pytest
from mail_helpers import account_input

import smtp_server
from extradesk.core.errors import ExternalServiceError, NotFoundError, ValidationError
from extradesk.i18n.messages import error_text, problem_text, text
from extradesk.services import preferences, users
from extradesk.services.dto import UserInput
from extradesk.services.mail import accounts, compose, deliverability
from extradesk.services.outbox import items, mail_channel, sender


def test_presets_cover_the_providers_french_businesses_use():
    assert {p.label for p in accounts.PRESETS.values()} == {
        "Orange", "Free", "SFR", "OVHcloud", "Ionos", "Gandi", "Gmail / Google Workspace",
        "Outlook / Microsoft 365"}
    assert accounts.PRESETS["gmail"] == accounts.Preset(
        "Gmail / Google Workspace", "smtp.gmail.com", 587, "starttls",
        "mot de passe d'application")
    assert all(p.security in ("ssl", "starttls") and p.port in (465, 587)
               for p in accounts.PRESETS.values())


def test_every_problem_of_an_account_is_reported_at_once(business):
    with pytest.raises(ValidationError) as caught:
        accounts.save_account(business, None, data=accounts.AccountInput(
            host="", port="70000", security="tls", sender_address="contact@"))
    assert [problem_text(p) for p in caught.value.problems] == [
        "Serveur SMTP : à renseigner.",
        "Port : « 70000 » doit être un nombre entre 1 et 65535.",
        "Sécurité « tls » inconnue (starttls, ssl ou none).",
        "Adresse de l'expéditeur : « contact@ » n'est pas une adresse e-mail valide."]
    assert accounts.get_account(business, business.user_id) is None


def test_own_account_wins_over_the_shared_one_and_passwords_stay_in_the_keyring(
        business, smtp, memory_keyring):
    ctx = business
    shared, _ = accounts.save_account(ctx, None, data=account_input(smtp.starttls),
                                      password=smtp_server.PASSWORD)
    sophie, _ = users.create_user(ctx, UserInput(name="Sophie Martin", initials="SM",
                                                 color="#4e9a06"))
    assert accounts.get_account(ctx, sophie) == shared  # nobody's own: the company's
    own, _ = accounts.save_account(ctx, sophie, data=account_input(
        smtp.ssl, sender_address="sophie@piscines-azur.fr", login="sophie"), password="s3")
    assert accounts.get_account(ctx, sophie) == own
    assert accounts.get_account(ctx, ctx.user_id) == shared
    again, _ = accounts.save_account(ctx, None, data=account_input(smtp.starttls, port=2525))
    assert again.id == shared.id and again.port == 2525  # one company account, replaced
    assert memory_keyring.store == {
        (mail_channel.KEYRING_SERVICE, f"{smtp_server.LOGIN}@127.0.0.1"): smtp_server.PASSWORD,
        (mail_channel.KEYRING_SERVICE, "sophie@127.0.0.1"): "s3"}
    accounts.delete_account(ctx, own.id)
    assert accounts.get_account(ctx, sophie) == again
    assert list(memory_keyring.store) == [
        (mail_channel.KEYRING_SERVICE, f"{smtp_server.LOGIN}@127.0.0.1")]
    with pytest.raises(NotFoundError):
        accounts.delete_account(ctx, own.id)


def test_the_test_mail_goes_to_the_user_himself(mailer, smtp):
    to = accounts.send_test(mailer, mailer.user_id)
    assert to == "marc@piscines-azur.fr"
    [got] = smtp.starttls.handler.received
    assert got.rcpt_tos == ["marc@piscines-azur.fr"]
    assert got.message["Subject"] == "Message d'essai extradesk"
    assert "le compte d'envoi fonctionne" in got.message.get_content()


def test_the_test_explains_a_wrong_password_and_a_forgotten_one(business, smtp,
                                                                 memory_keyring):
    accounts.save_account(business, None, data=account_input(smtp.starttls), password="non")
    with pytest.raises(ExternalServiceError) as caught:
        accounts.send_test(business, business.user_id)
    assert "Identifiant ou mot de passe refusé par le serveur 127.0.0.1" in \
        error_text(caught.value)
    memory_keyring.store.clear()
    with pytest.raises(ExternalServiceError) as caught:
        accounts.send_test(business, business.user_id)
    assert error_text(caught.value) == (
        "Le mot de passe du compte d'envoi contact@piscines-azur.fr n'est pas enregistré sur "
        "ce poste : saisissez-le à nouveau.")
    assert smtp.starttls.handler.received == []


def test_an_alert_to_a_client_takes_the_same_path_with_the_copy(mailer, helene, smtp):
    ctx = mailer
    preferences.set_value(ctx, preferences.MAIL_COPY_TO_ME.key, value=True)
    item_id, changes = compose.queue_alert(
        ctx, helene, body="Bonjour {civilite} {nom}, nous passons demain à 9 h.\n{signature}")
    assert changes.clients == {helene} and changes.outbox == {item_id}
    assert sender.send_due(ctx)[0].sent == 1
    [got] = smtp.starttls.handler.received
    assert got.rcpt_tos == ["helene@wanadoo.fr", "marc@piscines-azur.fr"]
    assert got.message["Subject"] == "Message de Piscines Azur"
    assert got.message.get_content().startswith("Bonjour Mme Dupont, nous passons demain")
    assert [r.kind for r in items.list_items(ctx, client_id=helene)] == ["alerte"]


def test_the_copy_without_an_email_address_is_said(mailer, helene):
    ctx = mailer
    users.update_user(ctx, ctx.user_id, data=UserInput(name="Marc Lefèvre", initials="ML",
                                                       color="#3465a4"))
    preferences.set_value(ctx, preferences.MAIL_COPY_TO_ME.key, value=True)
    from extradesk.services.documents import drafts as documents

    quote, _ = documents.create_quote(ctx, helene)
    draft = compose.prepare_document_mail(ctx, quote)
    assert draft.copy_to is None
    assert [text(m, **p) for m, p in draft.warnings] == [
        "La copie par e-mail est demandée mais Marc Lefèvre n'a pas d'adresse e-mail."]


def _account(host: str, sender: str) -> mail_channel.AccountRow:
    return mail_channel.AccountRow(1, None, "other", None, sender, host, 465, "ssl", "x")


DNS = {
    "piscines-azur.fr": ["google-site-verification=abc", "v=spf1 include:relay.example.fr "
                         "-all"],
    "relay.example.fr": ["v=spf1 include:mx.ovh.com ~all"],
    "sans-spf.fr": ["google-site-verification=abc"],
    "poseur.fr": ["v=spf1 include:_spf.google.com ~all"],
    "maison.fr": ["v=spf1 a mx ~all"],
}


def resolver(domain: str) -> list[str]:
    if domain == "panne.fr":
        raise OSError("timed out")
    return DNS.get(domain, [])


@pytest.mark.parametrize("host, sender, hints", [
    ("ssl0.ovh.net", "contact@piscines-azur.fr", []),  # through an include of an include
    ("ssl0.ovh.net", "contact@sans-spf.fr", [
        "Le domaine sans-spf.fr ne publie pas d'enregistrement SPF : les messageries des "
        "clients peuvent classer vos e-mails en indésirables."]),
    ("ssl0.ovh.net", "contact@poseur.fr", [
        "L'enregistrement SPF de poseur.fr n'autorise pas le serveur ssl0.ovh.net : demandez "
        "à votre hébergeur de l'ajouter, ou envoyez par le serveur de poseur.fr."]),
    ("smtp.gmail.com", "contact@poseur.fr", [
        "L'adresse d'expéditeur contact@poseur.fr n'est pas du domaine du serveur "
        "smtp.gmail.com : ses e-mails risquent d'être refusés ou classés en indésirables."]),
    ("mail.maison.fr", "devis@maison.fr", []),
    ("ssl0.ovh.net", "devis@panne.fr", [
        "Impossible de vérifier le SPF de panne.fr (pas de réponse DNS)."]),
])
def test_spf_hints(host, sender, hints):
    found = deliverability.spf_hints(_account(host, sender), resolver=resolver)
    assert [text(m, **p) for m, p in found] == hints


def test_consumer_mailbox_warning_only_without_the_business_smtp():
    own = _account("ssl0.ovh.net", "contact@piscines-azur.fr")
    foreign = _account("smtp.gmail.com", "contact@piscines-azur.fr")
    to = ["helene@wanadoo.fr", "achats@camping-du-lac.fr"]
    assert deliverability.consumer_warnings(to, own) == []
    assert deliverability.consumer_warnings(to, foreign) == [
        ("mail.consumer_domain", {"address": "helene@wanadoo.fr"})]
    assert deliverability.consumer_warnings(to, None)[0][1]["address"] == "helene@wanadoo.fr"
