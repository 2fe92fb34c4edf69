"""The sender as the application runs it: claim (database) → deliver (network, no Context) →
record (database). A crash between the server's acceptance and the record resends once,
under the same Message-ID; an account problem keeps every item waiting."""

from __future__ import annotations

from mail_helpers import outbox_rows

from extradesk.services.mail import compose
from extradesk.services.outbox import items, sender


def test_three_steps_send_each_mail_once_and_record_it(mailer, helene, smtp):
    ctx = mailer
    queued = [compose.queue_alert(ctx, helene, body=f"Message {n}")[0] for n in range(3)]
    batch = sender.claim_batch(ctx, limit=2)
    assert batch.size == 2
    assert sender.claim_batch(ctx, limit=5).size == 1  # the third; the two are leased
    assert sender.claim_batch(ctx, limit=5) is None
    outcomes = sender.deliver(batch)
    assert len(smtp.starttls.handler.received) == 2
    assert [items.get_item(ctx, i).state for i in queued[:2]] == ["pending", "pending"]
    report, changes = sender.record_outcomes(ctx, outcomes)
    assert (report.sent, report.failed, report.deferred) == (2, 0, 0)
    assert changes.outbox == set(queued[:2])
    assert [items.get_item(ctx, i).state for i in queued] == ["sent", "sent", "pending"]


def test_a_crash_between_delivery_and_record_resends_once_with_the_same_message_id(
        mailer, helene, smtp, clock, db_path):
    ctx = mailer
    item_id, _ = compose.queue_alert(ctx, helene, body="Rendez-vous jeudi")
    sender.deliver(sender.claim_batch(ctx))  # the application stops before the record
    assert sender.claim_batch(ctx) is None  # leased: nobody sends it again at once
    clock.advance(sender.LEASE)
    report, _ = sender.record_outcomes(ctx, sender.deliver(sender.claim_batch(ctx)))
    assert report.sent == 1
    first, second = smtp.starttls.handler.received
    assert first.message["Message-ID"] == second.message["Message-ID"] == \
        items.get_item(ctx, item_id).message_id
    assert [row[1:3] for row in outbox_rows(db_path)] == [("sent", 2)]


def test_a_wrong_password_keeps_every_item_waiting_with_the_french_reason(
        mailer, helene, smtp, memory_keyring):
    ctx = mailer
    [key] = memory_keyring.store
    memory_keyring.store[key] = "pas-le-bon"
    queued = [compose.queue_alert(ctx, helene, body=f"Message {n}")[0] for n in range(2)]
    report, _ = sender.record_outcomes(ctx, sender.deliver(sender.claim_batch(ctx)))
    assert (report.sent, report.failed, report.deferred) == (0, 0, 2)
    rows = [items.get_item(ctx, i) for i in queued]
    assert {(r.state, r.error) for r in rows} == {("pending", "smtp.auth_refused")}
    assert smtp.starttls.handler.received == []
