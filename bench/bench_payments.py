"""Benchmark: payments on the demo database — the overdue list, a client's balance, the
Pièces list filtered on "en retard" (ids + first page of figures), beside the naive way.

    .venv/bin/python bench/bench_payments.py [--clients 100000] [--db bench/out/payments-100000.sqlite3]

Builds the whole demo set (clients, documents, payments: services.demo.dataset) when the file
is missing, with a fixed clock so the figures are the same run after run. The naive
baseline, in the same run: read every issued invoice, ask SUM(allocations) of each one by
one, and filter/sum in Python (what a first version without the status index and the
covering allocation index would do).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from extradesk.core.clock import FixedClock
from extradesk.core.payments import PayState
from extradesk.services.context import open_context

OUT = Path(__file__).resolve().parent / "out"
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def build(path: Path, clients: int) -> None:
    from extradesk.services import users
    from extradesk.services.demo import dataset

    print(f"building {path} with {clients:,} demo clients, documents and payments…", flush=True)
    started = time.perf_counter()
    ctx, _ = open_context(path, clock=FixedClock(NOW))
    ctx.user_id = users.ensure_a_user(ctx)
    report, _ = dataset.generate(ctx, clients=clients, seed=1)
    ctx.db.dispose()
    print(f"  built in {time.perf_counter() - started:.0f} s ({report.documents:,} documents)")


def timed(fn, runs: int = 7) -> tuple[float, object]:
    fn()  # warm-up: page cache, statement cache
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def naive_overdue(ctx):
    today = ctx.clock.today().isoformat()
    with ctx.db.engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT id, client_id, due_date, gross - deposits FROM documents "
            "WHERE kind IN ('facture', 'acompte') AND issued_at IS NOT NULL").all()
        late = []
        for doc_id, client_id, due, net in docs:
            paid = conn.exec_driver_sql(
                "SELECT COALESCE(SUM(amount), 0) FROM payment_allocations "
                f"WHERE document_id = {doc_id}").scalar()
            if due is not None and str(due) < today and net - paid > 0:
                late.append((client_id, doc_id, net - paid))
    return sorted(late)


def naive_balance(ctx, client_id: int) -> Decimal:
    with ctx.db.engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT id, kind, gross, deposits FROM documents WHERE client_id = "
            f"{client_id} AND issued_at IS NOT NULL").all()
        total = 0
        for _doc_id, kind, gross, deposits in docs:
            total += -gross if kind == "avoir" else (gross - deposits) if kind in (
                "facture", "acompte") else 0
        for (amount,) in conn.exec_driver_sql(
                f"SELECT amount FROM payments WHERE client_id = {client_id}"):
            total -= amount
    return Decimal(total) / 100


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or OUT / f"payments-{args.clients}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build(path, args.clients)
    from extradesk.services.payments import figures

    ctx, _ = open_context(path, clock=FixedClock(NOW))
    with ctx.db.engine.connect() as conn:
        counts = conn.exec_driver_sql(
            "SELECT (SELECT COUNT(*) FROM clients), (SELECT COUNT(*) FROM documents), "
            "(SELECT COUNT(*) FROM documents WHERE kind IN ('facture', 'acompte') AND "
            "issued_at IS NOT NULL), (SELECT COUNT(*) FROM payments), "
            "(SELECT COUNT(*) FROM payment_allocations)").one()
        payers = [r[0] for r in conn.exec_driver_sql(
            "SELECT DISTINCT client_id FROM payments ORDER BY client_id")]
    print(f"{counts[0]:,} clients, {counts[1]:,} documents ({counts[2]:,} issued invoices), "
          f"{counts[3]:,} payments, {counts[4]:,} allocations")

    ms, rows = timed(lambda: figures.overdue(ctx))
    print(f"overdue list (by client, days late, amounts): {ms:7.1f} ms  ({len(rows):,} rows)")
    naive_ms, naive_rows = timed(lambda: naive_overdue(ctx), runs=1)
    assert len(naive_rows) == len(rows), (len(naive_rows), len(rows))
    print(f"  naive per-invoice sums:                     {naive_ms:7.1f} ms")

    sample = random.Random(1).sample(payers, min(200, len(payers)))
    times, naive_times = [], []
    for client_id in sample:
        started = time.perf_counter()
        balance = figures.client_balance(ctx, client_id)
        times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        naive = naive_balance(ctx, client_id)
        naive_times.append((time.perf_counter() - started) * 1000)
        assert naive == balance.balance, (client_id, naive, balance)
    print(f"client balance (with its credit), p50/p95:   {statistics.median(times):7.2f} / "
          f"{sorted(times)[int(len(times) * 0.95)]:.2f} ms  (200 clients)")
    print(f"  naive (rows summed in Python), p50:        {statistics.median(naive_times):7.2f} ms")

    def late_first_paint():
        ids = figures.ids_by_state(ctx, [PayState.LATE])
        return ids, figures.figures_by_ids(ctx, ids[:200])

    ms, (ids, page) = timed(late_first_paint)
    print(f"Pièces filtered on « en retard »: ids + first 200 figures: {ms:7.1f} ms "
          f"({len(ids):,} invoices)")
    ms, _ = timed(lambda: figures.ids_by_state(ctx, [PayState.PAID]))
    print(f"  « réglée » ids (the big set):               {ms:7.1f} ms")
    naive_ms, _ = timed(lambda: [d for _c, d, _r in naive_overdue(ctx)], runs=1)
    print(f"  naive: every invoice summed one by one:     {naive_ms:7.1f} ms")
    ctx.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
