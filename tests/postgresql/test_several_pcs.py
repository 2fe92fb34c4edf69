"""Two PCs on one PostgreSQL database: each learns what the other committed (LISTEN/NOTIFY
carrying Changes), and a draft saved from both is refused the second time, naming who."""

from __future__ import annotations

import queue
import threading
import time
from datetime import UTC, datetime

import pytest

from extradesk.core.changes import Changes
from extradesk.core.clock import FixedClock
from extradesk.core.errors import ConflictError
from extradesk.i18n.messages import error_text
from extradesk.services import shared_db, users
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.documents import drafts
from extradesk.services.documents.dto import DocumentHeader
from extradesk.services.dto import ClientInput, UserInput


@pytest.fixture
def two_pcs(pg_url):
    """The office PC (Sophie) and the manager's laptop (Marc) on the same server base."""
    clock = FixedClock(datetime(2026, 11, 28, 9, 30, tzinfo=UTC))
    office, _ = open_context(pg_url, clock=clock)
    laptop, _ = open_context(pg_url, clock=clock)
    office.user_id, _ = users.create_user(office, UserInput(name="Sophie Garnier",
                                                            initials="SG"))
    laptop.user_id, _ = users.create_user(laptop, UserInput(name="Marc Lenoir", initials="ML"))
    yield office, laptop
    office.db.dispose()
    laptop.db.dispose()


def test_a_client_created_on_one_pc_is_announced_to_the_other_within_a_second(two_pcs,
                                                                             monkeypatch):
    office, laptop = two_pcs
    received: queue.Queue = queue.Queue()
    stop = threading.Event()
    # The laptop is another process in real life: its own sender id, so the office's notes
    # are news to it.
    listener = threading.Thread(target=shared_db.listen, args=(laptop, received.put, stop),
                                daemon=True)
    listener.start()
    try:
        time.sleep(0.3)  # LISTEN registered
        monkeypatch.setattr(shared_db, "SENDER", "office-pc")
        client_id, changes = clients.create_client(office, ClientInput(last_name="Rousseau"))
        sent = time.monotonic()
        shared_db.announce(office, changes)
        got = received.get(timeout=1.0)
        assert time.monotonic() - sent < 1.0
        assert got.clients == frozenset({client_id})
        # What the laptop then re-reads is the committed client.
        assert clients.get_client(laptop, client_id).data.last_name == "Rousseau"
    finally:
        stop.set()
        listener.join(timeout=3)
    assert not listener.is_alive()


def test_own_announcements_are_not_news_and_big_ones_become_everything():
    sender, changes = shared_db.decode(shared_db.encode(Changes(documents=frozenset({1, 2}))))
    assert sender == shared_db.SENDER and changes == Changes(documents=frozenset({1, 2}))
    _sender, big = shared_db.decode(shared_db.encode(
        Changes(clients=frozenset(range(100_000, 103_000)))))
    assert big == Changes(everything=True)
    assert shared_db.decode("not json")[1] == Changes(everything=True)


def test_the_second_save_of_a_draft_edited_on_two_pcs_is_refused_naming_who(two_pcs):
    office, laptop = two_pcs
    client_id, _ = clients.create_client(office, ClientInput(last_name="Rousseau"))
    quote_id, _ = drafts.create_quote(office, client_id)
    # Both open the quote: same version.
    seen_office = drafts.get_document(office, quote_id)
    seen_laptop = drafts.get_document(laptop, quote_id)
    assert seen_office.version == seen_laptop.version
    day = seen_office.header.issue_date
    drafts.update_header(laptop, quote_id, expected_version=seen_laptop.version,
                         header=DocumentHeader(issue_date=day, subject="Piscine 8 × 4"))
    with pytest.raises(ConflictError) as refused:
        drafts.update_header(office, quote_id, expected_version=seen_office.version,
                             header=DocumentHeader(issue_date=day, subject="Spa"))
    message = error_text(refused.value)
    assert "Marc Lenoir" in message and "28/11/2026 10:30" in message
    assert "modifié entre-temps" in message
    assert drafts.get_document(office, quote_id).header.subject == "Piscine 8 × 4"  # kept
    # Reopened, the office saves over the version it now has.
    fresh = drafts.get_document(office, quote_id)
    drafts.update_header(office, quote_id, expected_version=fresh.version,
                         header=DocumentHeader(issue_date=day, subject="Spa"))
    assert drafts.get_document(laptop, quote_id).header.subject == "Spa"
