"""The outbox under trouble: a server down then back, a wrong password, a server hanging up
mid-DATA, a process killed between the server's acceptance and the outbox's commit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from mail_helpers import account_input, outbox_rows

import smtp_server
from extradesk.core.errors import NotFoundError, StateError
from extradesk.i18n.messages import error_text, text
from extradesk.services.documents import drafts as documents
from extradesk.services.mail import accounts, compose
from extradesk.services.outbox import items, sender


def test_server_down_the_mail_waits_in_french_then_leaves_exactly_once(
        business, helene, flaky, clock):
    ctx = business
    accounts.save_account(ctx, None, data=account_input(flaky))
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote)
    report, changes = sender.send_due(ctx)
    assert (report.sent, report.deferred) == (0, 1) and changes.outbox == {item_id}
    row = items.get_item(ctx, item_id)
    assert (row.state, row.attempts) == ("pending", 1)
    assert text(row.error, **row.error_params).startswith(
        f"Aucun serveur ne répond sur 127.0.0.1:{flaky.port}")
    assert row.next_attempt_at == clock.now() + timedelta(minutes=1)
    assert sender.send_due(ctx)[0].deferred == 0  # not due yet: backoff
    clock.advance(timedelta(minutes=1))
    sender.send_due(ctx)
    assert items.get_item(ctx, item_id).next_attempt_at == clock.now() + timedelta(minutes=2)

    flaky.start()
    clock.advance(timedelta(minutes=2))
    report, _ = sender.send_due(ctx)
    assert report.sent == 1
    row = items.get_item(ctx, item_id)
    assert (row.state, row.attempts, row.error) == ("sent", 3, None)
    clock.advance(timedelta(hours=1))
    assert sender.send_due(ctx)[0].sent == 0
    [got] = flaky.handler.received
    assert got.message["Message-ID"] == row.message_id


def test_backoff_doubles_and_caps_at_six_hours():
    assert [sender.backoff(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert sender.backoff(30) == timedelta(hours=6)


def test_a_wrong_password_keeps_the_mail_with_its_reason_until_fixed(
        business, helene, smtp, clock):
    ctx = business
    accounts.save_account(ctx, None, data=account_input(smtp.ssl), password="pas-le-bon")
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote)
    assert sender.send_due(ctx)[0].deferred == 1
    row = items.get_item(ctx, item_id)
    assert (row.state, row.error) == ("pending", "smtp.auth_refused")
    assert "mot de passe refusé" in text(row.error, **row.error_params)
    accounts.save_account(ctx, None, data=account_input(smtp.ssl),
                          password=smtp_server.PASSWORD)
    items.retry(ctx, item_id)  # "Réessayer": due now, same Message-ID
    assert sender.send_due(ctx)[0].sent == 1
    [got] = smtp.ssl.handler.received
    assert got.message["Message-ID"] == row.message_id


def test_a_server_hanging_up_mid_data_gets_the_mail_again_later_once(
        mailer, helene, smtp, clock):
    ctx = mailer
    smtp.starttls.handler.data_mode = "hang_up"
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote)
    assert sender.send_due(ctx)[0].deferred == 1
    row = items.get_item(ctx, item_id)
    assert (row.state, row.error) == ("pending", "smtp.disconnected")
    smtp.starttls.handler.data_mode = "accept"
    clock.advance(timedelta(minutes=1))
    assert sender.send_due(ctx)[0].sent == 1
    assert len(smtp.starttls.handler.with_message_id(row.message_id)) == 1


def test_cancel_and_retry(mailer, helene, smtp):
    ctx = mailer
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote)
    items.cancel(ctx, item_id)
    assert sender.send_due(ctx)[0].sent == 0
    assert items.get_item(ctx, item_id).state == "cancelled"
    assert items.count_waiting(ctx) == 0
    items.retry(ctx, item_id)
    assert items.count_waiting(ctx) == 1
    assert sender.send_due(ctx)[0].sent == 1
    with pytest.raises(StateError) as caught:
        items.cancel(ctx, item_id)
    assert error_text(caught.value) == (f"Le message n° {item_id} est déjà parti : il ne peut "
                                        "être ni annulé ni renvoyé.")
    with pytest.raises(NotFoundError):
        items.retry(ctx, 999)


def test_a_claimed_item_is_left_alone_by_a_second_sender(mailer, helene, smtp, clock):
    """The application and a scheduled `outbox send` at once: the claim keeps them apart."""
    ctx = mailer
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote)
    assert sender._claim(ctx, None) == [item_id]  # another sender holds it
    assert sender.send_due(ctx)[0].sent == 0
    clock.advance(sender.LEASE)  # that sender died: the claim lapses, the mail still leaves
    assert sender.send_due(ctx)[0].sent == 1


# A child process that drains the outbox and is killed right after the server said "250".
CHILD = r'''
import sys, time
from datetime import UTC, datetime
from pathlib import Path

from extradesk.core.clock import FixedClock
from extradesk.db.engine import open_database
from extradesk.services.context import Context
from extradesk.services.outbox import sender

db_path, folder = sys.argv[1], Path(sys.argv[2])

def pause(point):
    if point == "outbox_accepted":
        (folder / "accepted").write_text("accepted")
        time.sleep(120)  # killed here by the parent

ctx = Context(db=open_database(db_path), clock=FixedClock(datetime(2026, 11, 28, 9, 30,
              tzinfo=UTC)), user_id=1, fault=pause)
sender.send_due(ctx)
'''


def test_killed_after_the_server_accepted_resends_once_with_the_same_message_id(
        business, helene, flaky, clock, db_path, tmp_path):
    ctx = business
    flaky.start()
    accounts.save_account(ctx, None, data=account_input(flaky))
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote)
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(db_path), str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    try:
        _wait_for(tmp_path / "accepted", child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    [(_id, state, attempts, error, message_id)] = outbox_rows(db_path)
    assert (state, attempts, error) == ("pending", 1, None)  # the crash lost the "sent"
    assert len(flaky.handler.received) == 1
    clock.advance(sender.LEASE)
    assert sender.send_due(ctx)[0].sent == 1
    copies = flaky.handler.with_message_id(message_id)
    assert len(copies) == 2 and copies[0].data == copies[1].data  # one duplicate, same id
    assert items.get_item(ctx, item_id).state == "sent"
    clock.advance(timedelta(days=1))
    assert sender.send_due(ctx)[0].sent == 0 and len(flaky.handler.received) == 2


def _wait_for(path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        assert time.monotonic() < deadline, f"{path.name} never came"
        time.sleep(0.01)  # polling a child process's file, not waiting for a thread


def test_the_json_params_of_an_error_read_back(mailer, helene, smtp):
    ctx = mailer
    smtp.starttls.handler.refuse_rcpts["x@wanadoo.fr"] = "550 5.1.1 User unknown"
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote, to=["x@wanadoo.fr"])
    sender.send_due(ctx)
    row = items.get_item(ctx, item_id)
    assert row.error_params == {"address": "x@wanadoo.fr", "code": 550,
                                "reply": "5.1.1 User unknown"}
    assert json.dumps(row.error_params)


def test_the_envoi_page_pages_ids_and_progress_counts(mailer, helene, smtp):
    ctx = mailer
    quote, _ = documents.create_quote(ctx, helene)
    first, _ = compose.queue_document_mail(ctx, quote)
    second, _ = compose.queue_alert(ctx, helene, body="Passage demain.")
    assert items.item_ids(ctx) == [second, first]  # newest first
    assert items.item_ids(ctx, states=["sent"]) == []
    assert [r.id for r in items.item_rows(ctx, [first, 999, second])] == [first, second]
    seen = []
    report, _ = sender.send_due(ctx, progress=lambda done, total: seen.append((done, total)))
    assert report.sent == 2 and seen == [(2, 2)]
    assert items.item_ids(ctx, states=["sent"], client_id=helene) == [second, first]
