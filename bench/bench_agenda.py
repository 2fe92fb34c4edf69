"""Benchmark: CalDAV sync against a local Radicale started by this script.

    .venv/bin/python bench/bench_agenda.py [--events 2000] [--upcoming 1000]

1. 2,000 appointments already in sync; one changed here and one changed on the phone; an
   incremental sync (sync token): HTTP requests, bytes and time — beside the naive way in
   the same run (list every etag, download every event, compare).
2. A forced full resync ("Synchroniser maintenant") of 1,000 upcoming appointments after the
   phone lost them all; target <= 20 s.

Radicale runs on 127.0.0.1 with a free port and temporary storage; passwords live in an
in-memory keyring (never the user's). Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import keyring
from keyring.backend import KeyringBackend

from extradesk.core.clock import FixedClock
from extradesk.db.session import unit_of_work
from extradesk.services import users
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import store
from extradesk.services.agenda import sync as agenda_sync
from extradesk.services.context import open_context
from extradesk.services.dto import UserInput
from extradesk.sync import ical
from extradesk.sync.caldav_client import CalDavClient

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


def start_radicale(folder: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "", "--server-hosts",
         f"127.0.0.1:{port}", "--storage-filesystem-folder", str(folder / "storage"),
         "--auth-type", "none", "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.05)  # a child process starting to listen
    raise RuntimeError("Radicale did not start")


def add_appointments(ctx, user_id: int, count: int, *, first_day: datetime) -> list[int]:
    """`count` one-hour appointments, four a working day from `first_day`, one transaction."""
    ids = []
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        for i in range(count):
            day = first_day + timedelta(days=i // 4 + (i // 20) * 2)  # skip weekends roughly
            start = day.replace(hour=8 + 2 * (i % 4))
            values = {"title": f"Visite technique n° {i} — client {i % 97}",
                      "start_utc": start, "end_utc": start + timedelta(hours=1),
                      "tz": "Europe/Paris", "all_day": False, "client_id": None,
                      "ouvrage_id": None, "location": f"{i} rue des Lilas, 69003 Lyon",
                      "type_id": 1, "notes": "Prévoir l'échelle." if i % 3 == 0 else None,
                      "status": "confirmed", "reminder_minutes": None}
            ids.append(store.insert(conn, values, [user_id], now=NOW, created_by=None))
    return ids


def timed_sync(ctx, user_id: int, **kw):
    """A generous timeout: Radicale's first listing of a big collection parses every file."""
    started = time.perf_counter()
    report, _ = agenda_sync.sync_user(ctx, user_id, timeout=300, **kw)
    for line in report.messages:
        print("   ", line)
    return report, time.perf_counter() - started


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} Ko".replace(",", " ").replace(".", ",")


def seed_storage(ctx, user_id: int, folder: Path) -> None:
    from sqlalchemy import select

    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(store.A).join(store.AU, store.AU.c.appointment_id
                                                 == store.A.c.id)
                            .where(store.AU.c.user_id == user_id)).all()
        labels = store.type_labels(conn)
    for row in rows:
        body = ical.to_ics(store.event_of(row, labels.get(row.type_id)), now=NOW)
        (folder / f"{row.uid}.ics").write_text(body, encoding="utf-8", newline="")


def incremental(ctx, url: str, storage: Path, events: int) -> None:
    marc, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    agenda_accounts.save_account(ctx, marc, url=url, login="marc", password="x",
                                 calendar=None)
    ids = add_appointments(ctx, marc, events, first_day=datetime(2026, 6, 1, tzinfo=UTC))
    account = agenda_accounts.get_account(ctx, marc)
    # Radicale checks UID uniqueness over the whole collection on every PUT (O(n) each):
    # 2,000 PUTs take ~8 min here. The events are written straight into its storage, as
    # after an initial sync long ago; the first sync adopts them (equal content: no PUT).
    seed_storage(ctx, marc, storage / "collection-root" / urlsplit(
        account.calendar_url).path.strip("/"))
    report, seconds = timed_sync(ctx, marc)
    print(f"first sync adopting {events} identical events: {report.sent} sent, "
          f"{report.requests} requests, {kb(report.bytes)}, {seconds:.1f} s")
    report, seconds = timed_sync(ctx, marc)
    print(f"incremental sync, nothing changed: {report.requests} requests, "
          f"{kb(report.bytes)}, {seconds * 1000:.0f} ms")

    data = agenda.get_appointment(ctx, ids[10]).as_input()
    data.title += " (décalée)"
    agenda.update_appointment(ctx, ids[10], data=data)  # changed here
    phone = CalDavClient(url, "marc", "x")
    listing, _ = phone.list_etags(account.calendar_url)
    href = sorted(listing)[len(listing) // 4]
    etag, body = phone.fetch(account.calendar_url, [href])[href]
    phone.put(href, body.replace("SUMMARY:", "SUMMARY:Déplacé sur le téléphone — "),
              etag=etag)  # changed on the phone
    phone.close()
    report, seconds = timed_sync(ctx, marc)
    print(f"incremental sync, 1 changed here + 1 on the phone: sent {report.sent}, received "
          f"{report.received}, conflicts {report.conflicts}, errors {report.errors}: "
          f"{report.requests} requests, {kb(report.bytes)}, {seconds * 1000:.0f} ms")

    naive = CalDavClient(url, "marc", "x")
    started = time.perf_counter()
    listing, _ = naive.list_etags(account.calendar_url)
    bodies = naive.fetch(account.calendar_url, list(listing))
    seconds = time.perf_counter() - started
    traffic = naive.traffic
    naive.close()
    print(f"baseline, naive full download (list every etag + multiget every event): "
          f"{len(bodies)} events, {traffic.requests} requests, "
          f"{kb(traffic.sent + traffic.received)}, {seconds * 1000:.0f} ms")


def forced(ctx, url: str, upcoming: int) -> None:
    sophie, _ = users.create_user(ctx, UserInput(name="Sophie Garnier", initials="SG"))
    agenda_accounts.save_account(ctx, sophie, url=url, login="sophie", password="x",
                                 calendar=None)
    add_appointments(ctx, sophie, upcoming, first_day=datetime(2026, 12, 1, tzinfo=UTC))
    report, seconds = timed_sync(ctx, sophie)
    print(f"initial sync of {upcoming} upcoming appointments: {report.sent} sent, "
          f"{seconds:.1f} s")
    account = agenda_accounts.get_account(ctx, sophie)
    phone = CalDavClient(url, "sophie", "x")
    listing, _ = phone.list_etags(account.calendar_url)
    for href in listing:  # the phone lost every event
        phone.delete(href, etag=None)
    phone.close()
    report, seconds = timed_sync(ctx, sophie, force=True)
    print(f"forced full resync (phone emptied): {report.sent} re-sent, {report.requests} "
          f"requests, {kb(report.bytes)}, {seconds:.1f} s (target <= 20 s)")
    report, seconds = timed_sync(ctx, sophie, force=True)
    print(f"forced full resync, nothing missing (full comparison): {report.sent} sent, "
          f"{report.requests} requests, {kb(report.bytes)}, {seconds:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--upcoming", type=int, default=1000)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        process, url = start_radicale(folder)
        try:
            ctx, _ = open_context(folder / "bench.sqlite3", clock=FixedClock(NOW))
            ctx.user_id = users.ensure_a_user(ctx)
            incremental(ctx, url, folder / "storage", args.events)
            forced(ctx, url, args.upcoming)
            ctx.db.dispose()
        finally:
            process.terminate()
            process.wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
