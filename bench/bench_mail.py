"""Benchmark: the outbox — queue 10,000 mails, drain them through a local SMTP server with
flat memory, and one PDF quote mailed end to end; each beside the naive way, same run.

    .venv/bin/python bench/bench_mail.py [--mails 10000] [--naive 1000]

1. Queue N small mails (no attachment) in one transaction (`queue.enqueue_many`) vs one
   transaction per mail (what a loop over `enqueue` in its own unit of work costs).
2. Drain them against aiosmtpd on 127.0.0.1 (a handler that counts, keeps nothing):
   `sender.send_due`, one connection per account and batch, each "sent" committed right
   after the server's acceptance; resident memory sampled as it goes. Baseline: one SMTP
   connection per message (connect, EHLO, send, QUIT), on --naive mails, rate extrapolated.
3. A quote with 20 lines: render its PDF + queue + SMTP, warm process (median of 20 runs),
   beside the first (cold) run that imports reportlab and parses the fonts.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller

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
from extradesk.sync.smtp import SmtpSettings, send_message


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


def bench_drain(ctx, handler, n: int, naive_n: int, port: int) -> None:
    samples = []
    start_rss = rss_mb()

    def progress(done, _total):
        if handler.count and handler.count % 1000 < sender.BATCH:
            samples.append((handler.count, rss_mb()))

    t = time.perf_counter()
    total = 0
    while True:
        report, _ = sender.send_due(ctx, progress=progress)
        total += report.sent
        if report.sent == 0:
            break
    ours = time.perf_counter() - t
    mem = ", ".join(f"{c:,}: {m:.0f} MB" for c, m in samples[::max(len(samples) // 5, 1)])
    print(f"2. drain {total:,} mails: {ours:.1f} s ({total / ours:,.0f}/s), resident "
          f"{start_rss:.0f} MB before -> {rss_mb():.0f} MB after  [{mem}]")
    settings = SmtpSettings("127.0.0.1", port, "none")
    from email.message import EmailMessage

    t = time.perf_counter()
    for i in range(naive_n):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = (
            "contact@piscines-azur.fr", f"client{i}@exemple.fr", f"Rappel {i}")
        message.set_content("Bonjour,\n\nNous passons demain.\n")
        send_message(settings, message, sender="contact@piscines-azur.fr",
                     recipients=[f"client{i}@exemple.fr"])
    naive = time.perf_counter() - t
    print(f"   naive, one connection per message ({naive_n:,} sent, no database): "
          f"{naive:.1f} s ({naive_n / naive:,.0f}/s) -> {n / (naive_n / naive):.0f} s for "
          f"{n:,}")


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1000)
    args = parser.parse_args()
    handler = Counter()
    port = free_port()
    # server_hostname: aiosmtpd would look its own name up (getfqdn) on every connection.
    server = Controller(handler, hostname="127.0.0.1", port=port,
                        server_hostname="bench.local")
    server.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            ctx, account = setup(Path(folder), port)
            bench_queue(ctx, account, args.mails)
            bench_drain(ctx, handler, args.mails, args.naive, port)
            bench_pdf_quote(ctx)
            ctx.db.dispose()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
