"""A real Radicale on 127.0.0.1 (free port, temporary storage), an in-memory keyring, and a
second caldav client playing the phone."""

from __future__ import annotations

import uuid

import caldav
import keyring
import pytest

from radicale_server import PASSWORDS, MemoryKeyring, Phone, Radicale, free_port  # noqa: F401


@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    server = Radicale(tmp_path_factory.mktemp("radicale")).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def calendar(radicale):
    """A fresh calendar for marc on the shared server: tests never see each other's events."""
    name = f"cal-{uuid.uuid4().hex[:8]}"
    client = caldav.get_davclient(url=radicale.url, username="marc",
                                  password=PASSWORDS["marc"], auth_type="basic",
                                  check_config_file=False, environment=False)
    cal = client.principal().make_calendar(name=name, cal_id=name)
    return str(cal.url)


@pytest.fixture
def phone(radicale, calendar):
    return Phone(radicale.url, "marc", calendar)


@pytest.fixture
def closed_port():
    return free_port()
