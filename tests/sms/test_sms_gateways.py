"""Each gateway client against the local fake that checks what the provider's API checks,
and every failure: French reason, item kept, retried later, never sent twice."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from fake_gateway import SECRETS, Fault, closed_port_url, silent_server
from sms_helpers import configure

from extradesk.core.errors import ExternalServiceError
from extradesk.i18n.messages import text
from extradesk.services.outbox import items, sender
from extradesk.services.sms import gateway
from extradesk.sync import sms_gateways
from extradesk.sync.sms_gateways import GatewayConfig, Outgoing

KINDS = ("ovh", "brevo", "smsmode", "twilio", "android")


def queue_one(ctx, to="06 12 34 56 78", body="Votre rendez-vous est confirmé."):
    item_id, _ = gateway.queue_sms(ctx, to=to, text=body)
    return item_id


def reason(row) -> str:
    return text(row.error, **row.error_params)


@pytest.mark.parametrize("kind", KINDS)
def test_each_gateway_takes_a_message_the_way_its_api_documents(business, fake, kind):
    configure(business, fake, kind)
    item_id = queue_one(business)
    report, _ = sender.send_due(business)
    assert (report.sent, report.deferred, report.failed) == (1, 0, 0)
    row = items.get_item(business, item_id)
    assert row.state == "sent" and row.error is None
    [got] = fake.accepted
    assert got["provider"] == kind and got["text"] == "Votre rendez-vous est confirmé."
    assert got["to"].lstrip("+") == "33612345678"
    # Sent once, never again.
    assert sender.send_due(business)[0].sent == 0 and len(fake.accepted) == 1


def test_ovh_signs_with_the_servers_time_and_transactional_messages_skip_the_stop_clause(
        business, fake):
    configure(business, fake, "ovh")
    queue_one(business)
    sender.send_due(business)
    assert fake.calls[:2] == [("GET", "/1.0/auth/time"),
                              ("POST", "/1.0/sms/sms-ab12345-1/jobs")]
    assert fake.accepted[0]["stop_clause"] is False


def test_the_ovh_signature_is_sha1_of_the_documented_chain():
    expected = "$1$" + hashlib.sha1(b"AS+CK+POST+https://eu.api.ovh.com/1.0/sms/x/jobs+"
                                    b'{"a":1}+1700000000').hexdigest()
    assert sms_gateways.ovh_signature("AS", "CK", "POST", "https://eu.api.ovh.com/1.0/sms/x/"
                                      "jobs", '{"a":1}', "1700000000") == expected


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_key_is_said_in_french_and_the_message_waits(business, fake, kind):
    wrong = list(SECRETS[kind])
    wrong[-1] = wrong[-1] + "-faux"  # OVH: the consumer key; others: key or password
    configure(business, fake, kind, secrets=wrong)
    item_id = queue_one(business)
    report, _ = sender.send_due(business)
    assert report.sent == 0 and report.deferred == 1
    row = items.get_item(business, item_id)
    assert row.state == "pending" and row.error == "sms.bad_key"
    assert "refuse les clés d'accès" in reason(row)
    assert fake.accepted == []
    configure(business, fake, kind)  # the user fixes the key, the message leaves
    items.retry(business, item_id)
    assert sender.send_due(business)[0].sent == 1 and len(fake.accepted) == 1


def test_a_wrong_ovh_application_secret_breaks_the_signature(business, fake):
    configure(business, fake, "ovh", secrets=["ak-123", "autre-secret", "ck-789"])
    item_id = queue_one(business)
    sender.send_due(business)
    assert items.get_item(business, item_id).error == "sms.bad_key"
    assert fake.accepted == []


def test_a_sender_name_the_provider_refuses(business, fake):
    configure(business, fake, "twilio", sender="Interdit")
    item_id = queue_one(business)
    sender.send_due(business)
    row = items.get_item(business, item_id)
    assert row.state == "pending" and row.error == "sms.sender_refused"
    assert "n'autorise pas le nom d'expéditeur « Interdit »" in reason(row)


def test_no_credit_left(business, fake):
    configure(business, fake, "brevo")
    fake.fail_next(Fault(402, '{"code":"not_enough_credits","message":"Not enough credits"}'))
    item_id = queue_one(business)
    sender.send_due(business)
    row = items.get_item(business, item_id)
    assert row.state == "pending" and row.error == "sms.no_credit"
    assert reason(row).startswith("Plus de crédit SMS chez Brevo")


@pytest.mark.parametrize(("kind", "expected"), [("smsmode", "sms.unreachable"),
                                                ("android", "sms.phone_unreachable")])
def test_a_refused_connection_keeps_the_message_for_later(business, fake, clock, kind,
                                                          expected):
    configure(business, fake, kind, url=closed_port_url())
    item_id = queue_one(business)
    report, _ = sender.send_due(business)
    assert report.deferred == 1
    row = items.get_item(business, item_id)
    assert row.state == "pending" and row.error == expected
    assert row.next_attempt_at == clock.now() + timedelta(minutes=1)
    assert "boîte d'envoi" in reason(row)
    configure(business, fake, kind)  # the phone is back on the Wi-Fi
    clock.advance(timedelta(minutes=1))
    assert sender.send_due(business)[0].sent == 1 and len(fake.accepted) == 1


def test_a_time_out_keeps_the_message(business, fake):
    with silent_server() as url:
        configure(business, fake, "brevo", url=url)
        item_id = queue_one(business)
        report, _ = sender.send_due(business, timeout=0.3)
    row = items.get_item(business, item_id)
    assert report.deferred == 1 and row.state == "pending" and row.error == "sms.timeout"
    assert "n'a pas répondu en 0,3 s" in reason(row)


def test_429_is_retried_after_the_time_the_server_asked_for(business, fake, clock):
    configure(business, fake, "smsmode")
    fake.fail_next(Fault(429, '{"message":"Too many requests"}', {"Retry-After": "120"}))
    first, second = queue_one(business), queue_one(business, body="Deuxième")
    report, _ = sender.send_due(business)
    assert report.deferred == 2 and fake.accepted == []  # the batch waits, not only one
    row = items.get_item(business, first)
    assert row.error == "sms.rate_limited" and "120 s" in reason(row)
    assert row.next_attempt_at == clock.now() + timedelta(seconds=120)
    clock.advance(timedelta(seconds=60))
    assert sender.send_due(business)[0].sent == 0  # one minute of backoff is not enough
    clock.advance(timedelta(seconds=60))
    assert sender.send_due(business)[0].sent == 2
    assert [a["text"] for a in fake.accepted] == ["Votre rendez-vous est confirmé.", "Deuxième"]
    assert items.get_item(business, second).state == "sent"


def test_a_500_then_success_sends_once(business, fake, clock):
    configure(business, fake, "twilio")
    fake.fail_next(Fault(500, '{"message":"Internal error"}'))
    item_id = queue_one(business)
    sender.send_due(business)
    row = items.get_item(business, item_id)
    assert row.error == "sms.server_error" and "en panne (erreur 500)" in reason(row)
    clock.advance(timedelta(minutes=1))
    sender.send_due(business)
    assert items.get_item(business, item_id).state == "sent" and len(fake.accepted) == 1


def test_an_html_page_instead_of_json(business, fake):
    configure(business, fake, "brevo")
    fake.fail_next(Fault(200, "<html><body>Portail Wi-Fi</body></html>",
                         content_type="text/html"))
    item_id = queue_one(business)
    sender.send_due(business)
    row = items.get_item(business, item_id)
    assert row.state == "pending" and row.error == "sms.not_json"
    assert "une page web au lieu d'une réponse d'API" in reason(row)


def test_the_android_id_makes_a_retry_after_a_lost_answer_harmless(business, fake, clock):
    """The phone took the message but its answer was lost: the retry carries the same id,
    the gateway answers 409, the item is sent and the client got one SMS."""
    configure(business, fake, "android")
    fake.fail_next(Fault(500, '{"message":"lost"}', after_accept=True))
    item_id = queue_one(business)
    sender.send_due(business)
    assert items.get_item(business, item_id).state == "pending" and len(fake.accepted) == 1
    clock.advance(timedelta(minutes=1))
    assert sender.send_due(business)[0].sent == 1
    assert items.get_item(business, item_id).state == "sent" and len(fake.accepted) == 1


def test_a_bad_recipient_fails_that_message_only(fake):
    config = GatewayConfig("ovh", fake.url, None, "sms-ab12345-1", tuple(SECRETS["ovh"]), 5)
    with pytest.raises(ExternalServiceError) as caught:
        sms_gateways.send(config, Outgoing("k1", "0612", "x"))
    assert caught.value.message_id == "sms.recipient_refused"
    assert not caught.value.retryable


def test_the_test_button_sends_to_the_users_own_mobile(business, fake):
    from extradesk.services import users
    from extradesk.services.dto import UserInput

    configure(business, fake, "android")
    with pytest.raises(Exception) as caught:
        gateway.send_test(business)
    assert caught.value.message_id == "validation.failed"
    users.update_user(business, business.user_id, data=UserInput(
        name="Marc Lefèvre", initials="ML", mobile="06 98 76 54 32", color="#3465a4"))
    number, reference = gateway.send_test(business)
    assert number == "+33698765432" and reference
    assert fake.accepted[0]["to"] == "+33698765432"
    assert "SMS Gateway for Android fonctionne" in fake.accepted[0]["text"]


def test_android_sent_marks_lost_in_a_crash_cost_no_duplicate(business, fake, clock):
    """The Android batch records its "sent" in one commit; if the process dies before it,
    the items come back after their claim expires and the phone refuses the known ids."""
    configure(business, fake, "android")
    ids = [queue_one(business, body=f"Message {n}") for n in range(3)]
    assert sender.send_due(business)[0].sent == 3 and len(fake.accepted) == 3
    with business.db.engine.begin() as conn:  # as if the commit never happened
        conn.exec_driver_sql("UPDATE outbox SET state = 'pending', sent_at = NULL, "
                             "next_attempt_at = '2026-11-28 09:40:00.000000'")
    clock.advance(timedelta(minutes=10))
    report, _ = sender.send_due(business)
    assert report.sent == 3 and len(fake.accepted) == 3
    assert {items.get_item(business, i).state for i in ids} == {"sent"}
