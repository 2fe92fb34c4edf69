"""Benchmark: the outbox — queue 10,000 mails, drain them through a local SMTP server with
flat memory, and one PDF quote mailed end to end; each beside the naive way, same run.

    .venv/bin/python bench/bench_mail.py [--mails 10000] [--naive 1000]

1. Queue N small mails (no attachment) in one transaction (`queue.enqueue_many`) vs one
   transaction per mail (what a loop over `enqueue` in its own unit of work costs).
2. Drain them against aiosmtpd on 127.0.0.1 (a handler that counts, keeps nothing):
   `sender.send_due`, one connection per account and batch, each "sent" committed right
   after the server's acceptance; resident memory sampled as it goes. Baseline: the same
   reads and writes with one SMTP connection per message, on --naive mails, extrapolated.
   Then the same through a STARTTLS + AUTH server (trustme certificate), where each new
   connection costs a TLS handshake and a login, as with a real provider.
3. A quote with 20 lines: render its PDF + queue + SMTP (the STARTTLS + AUTH account: one
   handshake and login per mail), warm process (median of 20 runs), beside the first (cold)
   run that imports reportlab and parses the fonts.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import keyring
from aiosmtpd.controller import Controller
from keyring.backend import KeyringBackend

from extradesk.core.clock import FixedClock
from extradesk.db.session import unit_of_work
from extradesk.services import company, users
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput, UserInput
from extradesk.services.mail import accounts, compose
from extradesk.services.outbox import queue, sender


class MemoryKeyring(KeyringBackend):
    """The bench never touches the user's real keyring."""

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


class Counter:
    """Accepts every message and keeps only a count (the server must not grow either)."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 Ok"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * 4096 / (1024 * 1024)


def mails(n: int, account_id: int, start: int = 0) -> list[queue.Message]:
    return [queue.Message(
        channel="mail", kind="alerte", to=[f"client{i}@exemple.fr"], subject=f"Rappel {i}",
        body="Bonjour,\n\nNous passons demain entre 8 h et 10 h.\n\nPiscines Azur",
        sender="Piscines Azur <contact@piscines-azur.fr>", account_id=account_id)
        for i in range(start, start + n)]


def setup(folder: Path, port: int):
    ctx, _ = open_context(folder / "bench.sqlite3",
                          clock=FixedClock(datetime(2026, 11, 28, 9, tzinfo=UTC)))
    ctx.user_id = users.ensure_a_user(ctx)
    users.update_user(ctx, ctx.user_id, data=UserInput(
        name="Marc Lefèvre", initials="ML", email="marc@piscines-azur.fr", color="#3465a4"))
    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", line1="12 avenue des Tilleuls",
        postal_code="69003", city="Lyon", siret="73282932000074", rcs_rm="RCS Lyon",
        insurer="MAAF", insurance_policy="DEC-1", insurance_coverage="France"))
    account, _ = accounts.save_account(ctx, None, data=accounts.AccountInput(
        host="127.0.0.1", port=port, security="none",
        sender_address="contact@piscines-azur.fr", sender_name="Piscines Azur"))
    return ctx, account


def bench_queue(ctx, account, n: int) -> None:
    t = time.perf_counter()
    with unit_of_work(ctx.db, write=True) as session:
        queue.enqueue_many(session.connection(), ctx, mails(n, account.id))
    ours = time.perf_counter() - t
    naive_n = min(n, 2000)
    t = time.perf_counter()
    naive_ids = []
    for message in mails(naive_n, account.id, start=n):
        with unit_of_work(ctx.db, write=True) as session:
            naive_ids.append(queue.enqueue(session.connection(), ctx, message))
    naive = (time.perf_counter() - t) * n / naive_n
    with unit_of_work(ctx.db, write=True) as session:  # the drain below sends the N only
        session.connection().execute(queue.OUT.update().where(queue.OUT.c.id.in_(naive_ids))
                                     .values(state=queue.CANCELLED))
    print(f"1. queue {n:,} mails: {ours:.2f} s in one transaction   |   naive (one transaction "
          f"per mail, {naive_n:,} timed): {naive:.1f} s extrapolated")


def naive_drain(ctx, ids: list[int]) -> None:
    """The same reads and writes per message, but a new connection (and login) for each."""
    report = sender.SendReport()
    for item_id in ids:
        [out] = sender._load(ctx, sender._claim(ctx, [item_id]))
        session = sender._open(ctx, out, 30.0)
        try:
            accepted = session.send(out.message, sender=out.sender, recipients=out.recipients)
        finally:
            session.close()
        sender._record_sent(ctx, out, accepted, report)


def queued(ctx, account, n: int, start: int) -> list[int]:
    with unit_of_work(ctx.db, write=True) as session:
        return queue.enqueue_many(session.connection(), ctx, mails(n, account.id, start))


def bench_drain(ctx, account, handler, n: int, naive_n: int, label: str) -> None:
    samples = []
    start_rss = rss_mb()

    def progress(done, _total):
        if handler.count and handler.count % 1000 < sender.BATCH:
            samples.append((handler.count, rss_mb()))

    t = time.perf_counter()
    total = 0
    while True:  # what a scheduled `extradesk outbox send` does, until nothing is due
        report, _ = sender.send_due(ctx, progress=progress)
        total += report.sent
        if report.sent == 0:
            break
    ours = time.perf_counter() - t
    mem = ", ".join(f"{c:,}: {m:.0f} MB" for c, m in samples[::max(len(samples) // 5, 1)])
    memory = f", resident {start_rss:.0f} MB before -> {rss_mb():.0f} MB after  [{mem}]" \
        if mem else ""
    print(f"   {label}: drain {total:,} mails: {ours:.1f} s ({total / ours:,.0f}/s){memory}")
    ids = queued(ctx, account, naive_n, 10 * n)
    t = time.perf_counter()
    naive_drain(ctx, ids)
    naive = time.perf_counter() - t
    print(f"   {label}, naive (one connection per message, {naive_n:,} timed): "
          f"{naive_n / naive:,.0f}/s -> {n / (naive_n / naive):.1f} s for {n:,}")


def bench_pdf_quote(ctx, runs: int = 20) -> None:
    client, _ = clients.create_client(ctx, ClientInput(
        last_name="Dupont", first_name="Hélène", email="helene@wanadoo.fr",
        billing_line1="3 chemin des Vignes", billing_postal_code="69003", billing_city="Lyon"))
    times = []
    for _ in range(runs + 1):
        quote, _ = documents.create_quote(ctx, client, subject="Piscine 8×4")
        for i in range(20):
            lines.add_line(ctx, quote, data=LineInput(
                label=f"Fourniture {i}", quantity="2", unit_price="125,50", vat_rate="20"))
        t = time.perf_counter()
        item_id, _ = compose.queue_document_mail(ctx, quote)
        report, _ = sender.send_due(ctx, item_ids=[item_id])
        times.append(time.perf_counter() - t)
        assert report.sent == 1
    cold, warm = times[0], times[1:]
    print(f"3. one PDF quote (20 lines) rendered + queued + sent: warm median "
          f"{statistics.median(warm) * 1000:.0f} ms, max {max(warm) * 1000:.0f} ms   |   "
          f"first (cold) {cold * 1000:.0f} ms")


def tls_server(port: int, handler):
    """A STARTTLS + AUTH server with a throw-away certificate the client trusts."""
    import ssl

    import trustme
    from aiosmtpd.smtp import AuthResult

    ca = trustme.CA()
    ca_file = Path(tempfile.mkdtemp()) / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    os.environ["SSL_CERT_FILE"] = str(ca_file)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_tls)
    return Controller(handler, hostname="127.0.0.1", port=port, server_hostname="bench.local",
                      tls_context=server_tls, require_starttls=True, auth_required=True,
                      authenticator=lambda *_a: AuthResult(success=True))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1000)
    parser.add_argument("--tls-mails", type=int, default=1000)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd's per-login notices
    handler, tls_handler = Counter(), Counter()
    port, tls_port = free_port(), free_port()
    # server_hostname: aiosmtpd would look its own name up (getfqdn) on every connection.
    server = Controller(handler, hostname="127.0.0.1", port=port,
                        server_hostname="bench.local")
    secure = tls_server(tls_port, tls_handler)
    server.start()
    secure.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            ctx, account = setup(Path(folder), port)
            bench_queue(ctx, account, args.mails)
            print("2. drain the outbox through a local SMTP server")
            bench_drain(ctx, account, handler, args.mails, args.naive, "plain")
            account, _ = accounts.save_account(ctx, None, data=accounts.AccountInput(
                host="127.0.0.1", port=tls_port, security="starttls", login="bench",
                sender_address="contact@piscines-azur.fr"), password="x")
            queued(ctx, account, args.tls_mails, 20 * args.mails)
            bench_drain(ctx, account, tls_handler, args.tls_mails, args.naive // 5,
                        "STARTTLS + AUTH")
            bench_pdf_quote(ctx)
            ctx.db.dispose()
    finally:
        server.stop()
        secure.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
