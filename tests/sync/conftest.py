"""A real Radicale on 127.0.0.1 (free port, temporary storage), an in-memory keyring, and a
second caldav client playing the phone."""

from __future__ import annotations

import pytest

import radicale_server
from radicale_server import Phone, free_port, new_calendar

radicale = pytest.fixture(scope="session")(radicale_server.serve)
memory_keyring = pytest.fixture(autouse=True)(radicale_server.memory_keyring)


@pytest.fixture
def calendar(radicale):
    return new_calendar(radicale)[1]


@pytest.fixture
def phone(radicale, calendar):
    return Phone(radicale.url, "marc", calendar)


@pytest.fixture
def closed_port():
    return free_port()
