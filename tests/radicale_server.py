"""A real Radicale server for tests (127.0.0.1, free port, temporary storage, htpasswd users),
an in-memory keyring backend and a caldav client playing the phone.

Shared by tests/sync/conftest.py and the agenda UI tests (imported as `radicale_server`).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid

import caldav
import keyring
from keyring.backend import KeyringBackend

PASSWORDS = {"marc": "secret-marc", "sophie": "secret-sophie"}


class MemoryKeyring(KeyringBackend):
    """Never the user's real keyring: tests keep passwords in a dict."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    def __init__(self, folder, port: int | None = None) -> None:
        self.folder, self.port = folder, port or free_port()
        self.users = folder / "users"
        self.users.write_text("".join(f"{u}:{p}\n" for u, p in PASSWORDS.items()))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Radicale:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", "",
             "--server-hosts", f"127.0.0.1:{self.port}",
             "--storage-filesystem-folder", str(self.folder / "storage"),
             "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(self.users),
             "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
             "--logging-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)  # waiting for a child process to listen, not for a thread
        raise RuntimeError("Radicale did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(5)
            self.process = None


class Phone:
    """The tradesman's phone: another CalDAV client (the caldav library) on the same calendar."""

    def __init__(self, url: str, user: str, calendar_url: str) -> None:
        self.client = caldav.get_davclient(url=url, username=user, password=PASSWORDS[user],
                                           auth_type="basic", check_config_file=False,
                                           environment=False)
        self.calendar = caldav.Calendar(client=self.client, url=calendar_url)

    def events(self) -> dict[str, caldav.Event]:
        found = {}
        for event in self.calendar.events():
            found[str(event.icalendar_component["UID"])] = event
        return found

    def add(self, ics: str):
        return self.calendar.save_event(ics)


# Fixture bodies, registered by each test folder with the scope it needs:
#     radicale = pytest.fixture(scope="session")(radicale_server.serve)

def serve(tmp_path_factory):
    """A Radicale server for the duration of the fixture's scope."""
    server = Radicale(tmp_path_factory.mktemp("radicale")).start()
    yield server
    server.stop()


def memory_keyring():
    """Passwords go to memory, never to the user's real keyring."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def new_calendar(server: Radicale, user: str = "marc") -> tuple[str, str]:
    """A fresh calendar (name, url) on the shared server: tests never see each other's events."""
    name = f"cal-{uuid.uuid4().hex[:8]}"
    client = caldav.get_davclient(url=server.url, username=user, password=PASSWORDS[user],
                                  auth_type="basic", check_config_file=False,
                                  environment=False)
    return name, str(client.principal().make_calendar(name=name, cal_id=name).url)
