"""The outbox's SMS as three steps (the application's sender): claim → deliver (no Context)
→ record, with the same rules as the one-call drain: a STOP cancels a commercial SMS, the
window postpones it, a gateway failure keeps the batch with its French reason, a refused
number fails that message only, a lost answer costs no duplicate (Android id)."""

from __future__ import annotations

from datetime import datetime, timedelta

from fake_gateway import Fault, closed_port_url
from sms_helpers import add_client, configure

from extradesk.core.clock import PARIS, FixedClock
from extradesk.services.outbox import items, sms_steps
from extradesk.services.sms import campaigns, consent, gateway
from extradesk.services.sms.campaigns import Target


def drain(ctx, limit: int = 10):
    """One application drain: batches until nothing is due; the reports."""
    reports = []
    while (batch := sms_steps.claim_sms_batch(ctx, limit=limit)) is not None:
        reports.append(sms_steps.record_sms(ctx, outcomes=sms_steps.deliver_sms(batch))[0])
    return reports


def test_three_steps_send_in_batches_and_say_what_changed(android, fake):
    ids = [gateway.queue_sms(android, to="06 12 34 56 78", text=f"Message {n}")[0]
           for n in range(25)]
    reports = drain(android)
    assert [r.sent for r in reports] == [10, 10, 5]
    assert {i for r in reports for i in r.ids} == set(ids)
    assert [a["text"] for a in fake.accepted] == [f"Message {n}" for n in range(25)]
    assert sms_steps.claim_sms_batch(android) is None  # nothing twice


def test_the_batch_holds_no_context_and_no_key_in_its_repr(android):
    gateway.queue_sms(android, to="06 12 34 56 78", text="Bonjour")
    batch = sms_steps.claim_sms_batch(android)
    assert "gate-pass" not in repr(batch)  # GatewayConfig hides the keys
    assert batch.size == 1 and batch.items[0].to == "+33612345678"


def test_a_gateway_down_keeps_the_whole_batch_with_the_reason(android, fake):
    configure(android, fake, "android", url=closed_port_url())
    first = gateway.queue_sms(android, to="06 12 34 56 78", text="Un")[0]
    second = gateway.queue_sms(android, to="06 22 34 56 78", text="Deux")[0]
    [report] = drain(android)
    assert (report.sent, report.deferred) == (0, 2)
    for item_id in (first, second):
        row = items.get_item(android, item_id)
        assert (row.state, row.error) == ("pending", "sms.phone_unreachable")
    configure(android, fake, "android")
    android.clock.advance(timedelta(minutes=1))
    assert sum(r.sent for r in drain(android)) == 2


def test_a_lost_answer_is_recorded_sent_once_on_the_retry(android, fake):
    fake.fail_next(Fault(500, '{"message":"lost"}', after_accept=True))
    item_id = gateway.queue_sms(android, to="06 12 34 56 78", text="Une fois")[0]
    drain(android)
    assert items.get_item(android, item_id).state == "pending" and len(fake.accepted) == 1
    android.clock.advance(timedelta(minutes=1))
    assert sum(r.sent for r in drain(android)) == 1
    assert items.get_item(android, item_id).state == "sent" and len(fake.accepted) == 1


def test_a_stop_after_queueing_and_the_window(android, fake):
    android.clock = FixedClock(datetime(2026, 12, 5, 19, 0, tzinfo=PARIS))  # a Saturday
    people = [add_client(android, "Dupont", "06 12 34 56 78"),
              add_client(android, "Martin", "06 22 34 56 78")]
    for client_id in people:
        consent.record_consent(android, client_id, source="formulaire")
    campaign, _ = campaigns.create_campaign(android, name="Hiver", target=Target(),
                                            text="Promo")
    consent.opt_out(android, number="06 22 34 56 78")  # STOP after queueing
    android.clock = FixedClock(datetime(2026, 12, 5, 20, 0, tzinfo=PARIS))  # window closed
    [report] = drain(android)
    assert (report.sent, report.opted_out, report.postponed) == (0, 1, 1)
    assert fake.accepted == []
    android.clock = FixedClock(datetime(2026, 12, 7, 8, 0, tzinfo=PARIS))  # Monday 8:00
    assert sum(r.sent for r in drain(android)) == 1
    done = campaigns.report(android, campaign)
    assert (done.sent, done.opted_out, done.waiting) == (1, 1, 0)
    assert campaigns.list_campaigns(android) == [done]
    assert [a["to"] for a in fake.accepted] == ["+33612345678"]
