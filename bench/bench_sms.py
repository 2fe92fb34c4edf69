"""Benchmark: an SMS campaign — target and queue 10,000 recipients among 100,000 demo
clients, drain them through the local fake gateway with flat memory; each beside the naive
way, same run.

    .venv/bin/python bench/bench_sms.py [--clients 100000] [--recipients 10000] [--naive 1000]

1. Target + queue: `campaigns.create_campaign` (one read of the clients as tuples, the
   consent register joined, opt-outs in a set, one multi-row insert into the outbox) on a
   copy of the demo database where `--recipients` clients with a mobile gave consent.
   Baseline: one transaction per message (`gateway.queue_sms` in a loop), on --naive
   messages, extrapolated.
2. Drain: `sender.send_due` against the fake "SMS Gateway for Android" (tests/sms) on
   127.0.0.1, one kept-alive HTTP session, each "sent" committed right after the gateway's
   answer; resident memory sampled after every batch. Baseline: read, send on a new HTTP
   connection and write, one message at a time, on --naive messages, extrapolated.
3. The application's drain (ui/mail/sender_runner.py): a second campaign to the same
   recipients drained by `services.outbox.sms_steps` — claim 10 (database) → deliver (no
   Context) → record (database), as the window's sender does; beside step 2's `send_due`.
The demo database is built once (services.demo, seed 1) under bench/out, like bench_gui.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "sms")]

from fake_gateway import SECRETS, serve  # noqa: E402

from bench_gui import ensure_db, rss_kb  # noqa: E402
from extradesk.core.clock import PARIS, FixedClock  # noqa: E402
from extradesk.db.session import unit_of_work  # noqa: E402
from extradesk.services import company, users  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402
from extradesk.services.outbox import items, sender, sms_channel, sms_steps  # noqa: E402
from extradesk.services.sms import campaigns, gateway  # noqa: E402
from extradesk.sync import sms_gateways  # noqa: E402

TEXT = "Piscines Azur : -10 % sur l'entretien d'hiver jusqu'au 31/12. Infos 04 78 12 34 56."


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


def prepare(source: Path, folder: Path, recipients: int, url: str):
    target = folder / "sms.sqlite3"
    shutil.copyfile(source, target)
    ctx, _ = open_context(target, clock=FixedClock(datetime(2026, 12, 8, 10, 0,
                                                             tzinfo=PARIS)))  # a Tuesday
    ctx.user_id = users.ensure_a_user(ctx)
    company.update_company(ctx, name="Piscines Azur")
    gateway.save_gateway(ctx, data=gateway.GatewayInput(kind="android", url=url,
                                                        stop_number="36111"),
                         secrets=SECRETS["android"])
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        conn.exec_driver_sql("DELETE FROM outbox")
        conn.exec_driver_sql(
            "INSERT INTO sms_consents (client_id, given_at, source) SELECT id, "
            "'2026-01-01 00:00:00', 'bench' FROM clients WHERE phone_mobile IS NOT NULL AND NOT archived "
            f"ORDER BY id LIMIT {recipients}")
    return ctx


def bench_queue(ctx, naive: int) -> dict:
    started = time.perf_counter()
    preview = campaigns.preview(ctx, target=campaigns.Target(), text=TEXT)
    preview_s = time.perf_counter() - started
    started = time.perf_counter()
    campaign_id, _ = campaigns.create_campaign(ctx, name="Hiver", target=campaigns.Target(),
                                               text=TEXT)
    queue_s = time.perf_counter() - started
    numbers = [f"+336{n:08d}" for n in range(naive)]
    started = time.perf_counter()
    naive_ids = [gateway.queue_sms(ctx, to=n, text=TEXT, kind="bench")[0] for n in numbers]
    naive_s = time.perf_counter() - started
    with unit_of_work(ctx.db, write=True) as session:  # keep the drain to the campaign
        session.connection().exec_driver_sql(
            f"DELETE FROM outbox WHERE id BETWEEN {naive_ids[0]} AND {naive_ids[-1]}")
    return {"campaign": campaign_id, "recipients": preview.recipients,
            "excluded": preview.excluded, "segments": preview.info.segments,
            "cost": preview.cost, "preview_s": preview_s, "queue_s": queue_s,
            "naive_per_msg_ms": naive_s / naive * 1000}


def bench_drain(ctx, fake, count: int, naive: int) -> dict:
    samples = [rss_kb()]
    started = time.perf_counter()
    report, _ = sender.send_due(ctx, progress=lambda done, _total: samples.append(rss_kb()))
    drain_s = time.perf_counter() - started
    assert report.sent == count and len(fake.accepted) == count, (report, len(fake.accepted))
    result = campaigns.report(ctx, 1)
    # Naive: the same messages again, one read, one new HTTP connection, one write each.
    fake.reset()
    with ctx.db.engine.connect() as conn:
        config = sms_channel.config_of(sms_channel.settings_row(conn), timeout=20)
    ids = items.item_ids(ctx)[:naive]
    started = time.perf_counter()
    for item_id in ids:
        row = items.get_item(ctx, item_id)
        sms_gateways.send(config, sms_gateways.Outgoing(f"naive-{item_id}", row.to, TEXT))
        with unit_of_work(ctx.db, write=True) as session:
            session.connection().exec_driver_sql(
                f"UPDATE outbox SET server_reply = 'naive' WHERE id = {item_id}")
    naive_s = time.perf_counter() - started
    return {"drain_s": drain_s, "per_s": count / drain_s, "rss": samples,
            "report": result, "naive_per_msg_ms": naive_s / len(ids) * 1000}


def bench_steps(ctx, fake, count: int, batch: int = 10) -> dict:
    fake.reset()
    campaign_id, _ = campaigns.create_campaign(ctx, name="Hiver bis",
                                               target=campaigns.Target(), text=TEXT)
    samples = [rss_kb()]
    started = time.perf_counter()
    sent = 0
    while (claimed := sms_steps.claim_sms_batch(ctx, limit=batch)) is not None:
        sent += sms_steps.record_sms(ctx, outcomes=sms_steps.deliver_sms(claimed))[0].sent
        samples.append(rss_kb())
    steps_s = time.perf_counter() - started
    assert sent == count and len(fake.accepted) == count, (sent, len(fake.accepted))
    return {"steps_s": steps_s, "per_s": count / steps_s, "rss": samples,
            "report": campaigns.report(ctx, campaign_id)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--app-batch", type=int, nargs="+", default=[10],
                        help="batch sizes of the application's drain (its sender uses 10)")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    keyring.set_keyring(MemoryKeyring())
    source = args.db or HERE / "out" / f"clients-{args.clients}.sqlite3"
    ensure_db(source, args.clients)
    with tempfile.TemporaryDirectory() as folder, serve() as fake:
        ctx = prepare(source, Path(folder), args.recipients, fake.url)
        q = bench_queue(ctx, args.naive)
        print(f"campaign on {args.clients:,} clients: {q['recipients']:,} recipients, "
              f"excluded {q['excluded']}, {q['segments']} segment(s), cost {q['cost']} €")
        print(f"  preview (target + counts + cost): {q['preview_s']:.2f} s")
        print(f"  target + queue {q['recipients']:,} SMS (one transaction): {q['queue_s']:.2f} s")
        print(f"  naive, one transaction per message: {q['naive_per_msg_ms']:.2f} ms/msg → "
              f"{q['naive_per_msg_ms'] * q['recipients'] / 1000:.1f} s for "
              f"{q['recipients']:,} (measured on {args.naive:,})")
        d = bench_drain(ctx, fake, q["recipients"], args.naive)
        rss = d["rss"]
        print(f"drain {q['recipients']:,} SMS through the local Android fake: "
              f"{d['drain_s']:.1f} s ({d['per_s']:.0f} SMS/s); RSS start {rss[0] / 1024:.0f} MB,"
              f" after first batch {rss[1] / 1024:.0f} MB, max {max(rss) / 1024:.0f} MB, "
              f"end {rss[-1] / 1024:.0f} MB")
        r = d["report"]
        print(f"  report: sent {r.sent:,}, failed {r.failed}, opted out {r.opted_out}, "
              f"waiting {r.waiting}, cost {r.cost} €")
        print(f"  naive drain (new connection + own transactions per message): "
              f"{d['naive_per_msg_ms']:.2f} ms/msg → "
              f"{d['naive_per_msg_ms'] * q['recipients'] / 1000:.1f} s for "
              f"{q['recipients']:,}")
        for size in args.app_batch:
            t = bench_steps(ctx, fake, q["recipients"], size)
            rss = t["rss"]
            print(f"application drain (sms_steps, claim {size} → deliver → record) of "
                  f"{q['recipients']:,} SMS: {t['steps_s']:.1f} s ({t['per_s']:.0f} SMS/s) "
                  f"beside send_due {d['drain_s']:.1f} s; RSS start {rss[0] / 1024:.0f} MB, "
                  f"max {max(rss) / 1024:.0f} MB, end {rss[-1] / 1024:.0f} MB; report sent "
                  f"{t['report'].sent:,}")
        ctx.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
