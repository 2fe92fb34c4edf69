"""Benchmark: demo generation and search-as-you-type, beside the naive way, at 100k and 1M.

    .venv/bin/python bench/bench_search.py --clients 100000 --big 1000000 --db-dir bench/out

Builds (or reuses, when present with the right number of clients) demo databases with
services.demo.generate, then runs ~200 realistic keystrokes made from the data through
services.search.search in both modes. For each keystroke it reports the whole service call
and the SQL alone (the statements the service ran, replayed on a raw connection), and runs
the same text the naive way (LIKE over the columns, ORDER BY sort_key LIMIT 50). Every
statement of the search path is checked with EXPLAIN QUERY PLAN: none may scan a table.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from extradesk.core.search_text import digits, fold
from extradesk.services import search, users
from extradesk.services.clients import records as client_service
from extradesk.services.context import open_context
from extradesk.services.demo import clients as demo
from extradesk.services.dto import ClientInput

MODES = ("contains", "starts_with")
REPEAT = 3  # each keystroke is timed this many times; its median is kept
TABLE_SCAN = re.compile(r"\bSCAN (clients|ouvrages)\b(?! VIRTUAL)")
NAIVE = """
SELECT id, last_name, first_name, company, billing_postal_code, billing_city,
       phone_mobile, phone_home, phone_work, email, archived
FROM clients
WHERE sort_key LIKE :p OR email LIKE :p OR billing_city LIKE :p
   OR billing_postal_code LIKE :p OR phone_mobile LIKE :d OR phone_home LIKE :d
   OR phone_work LIKE :d
ORDER BY sort_key LIMIT 50
"""


# -- databases --------------------------------------------------------------------------------

def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _client_count(path: Path) -> int:
    if not path.exists():
        return -1
    with sqlite3.connect(path) as conn:
        try:
            return conn.execute("SELECT count(*) FROM clients").fetchone()[0]
        except sqlite3.Error:
            return -1


def build(path: Path, clients: int, seed: int) -> dict:
    """Reuse the database if it holds `clients` clients; otherwise generate it afresh."""
    sidecar = Path(f"{path}.json")
    if _client_count(path) == clients:
        info = {"clients": clients, "ouvrages": None, "seconds": None}
        if sidecar.exists():
            info.update(json.loads(sidecar.read_text()))
        info["reused"] = True
        return info
    _remove(path)
    ctx, _ = open_context(path)
    ctx.user_id = users.ensure_a_user(ctx)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 5 or done == total:
            last[0] = time.perf_counter()
            print(f"  {path.name}: {done:,}/{total:,}", file=sys.stderr, flush=True)

    report, _ = demo.generate(ctx, clients=clients, seed=seed, progress=progress)
    ctx.db.dispose()
    info = {"clients": report.clients, "ouvrages": report.ouvrages, "seconds": report.seconds,
            "size_mb": path.stat().st_size / 1e6, "reused": False}
    sidecar.write_text(json.dumps(info))
    return info


def naive_generation(source: Path, count: int) -> float:
    """Seconds to create `count` clients one by one through services.clients.records (the naive way)."""
    with sqlite3.connect(source) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM clients ORDER BY id LIMIT ?", (count,)).fetchall()
    fields = ClientInput.__dataclass_fields__
    inputs = [ClientInput(**{k: r[k] for k in fields}) for r in rows]
    with tempfile.TemporaryDirectory() as folder:
        ctx, _ = open_context(Path(folder) / "naive.sqlite3")
        ctx.user_id = users.ensure_a_user(ctx)
        started = time.perf_counter()
        for data in inputs:
            client_service.create_client(ctx, data)
        seconds = time.perf_counter() - started
        ctx.db.dispose()
    return seconds


# -- keystrokes -------------------------------------------------------------------------------

def _national(e164: str) -> str:
    n = "0" + e164[3:]
    return " ".join(n[i:i + 2] for i in range(0, 10, 2))


def keystrokes(path: Path, seed: int, count: int = 200) -> list[tuple[str, str]]:
    """(kind, text) pairs a person would type, taken from the data (first 100k clients)."""
    rng = random.Random(seed)
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT last_name, first_name, billing_city, billing_postal_code, phone_mobile, "
            "phone_home, email FROM clients WHERE id <= 100000 ORDER BY id").fetchall()
    sample = rng.sample(rows, 400)
    accented = [r for r in rng.sample(rows, 2000)
                if fold(r[0]) != r[0].lower() or fold(r[1]) != r[1].lower()]
    out: list[tuple[str, str]] = []
    for last, *_ in sample[:10]:  # typing a last name, letter by letter
        out += [("name prefix", last[:n].lower()) for n in range(1, 7)]
    for last, first, *_ in accented[:10]:  # with and without the accents
        out += [("accented", f"{first} {last}"), ("accent-free", fold(f"{first} {last}"))]
    for last, first, *_ in sample[10:25]:  # 'dupont j', 'lefev mar'
        out.append(("last + first", f"{fold(last)[:rng.randint(3, 6)]} {fold(first)[:2]}"))
    phones = [p for r in sample for p in (r[4], r[5]) if p and p.startswith("+33")]
    for phone in phones[:10]:
        spaced, bare = _national(phone), "0" + phone[3:]
        out += [("phone", spaced[:8]), ("phone", bare[:7]), ("phone", spaced[3:11])]
    emails = [r[6] for r in sample if r[6]]
    for email in emails[:10]:
        local, domain = email.split("@")
        out += [("e-mail", local[:rng.randint(4, 8)]), ("e-mail", "@" + domain.split(".")[0])]
    for _last, _first, city, pc, *_ in sample[25:38]:
        out += [("city", city if rng.random() < 0.5 else fold(city)[:5]),
                ("postal code", pc if rng.random() < 0.6 else pc[:3])]
    out += [("no match", t) for t in ("zzqx", "qwxz", "xyzzy", "kkjj", "zz", "wq", "zzqx mar",
                                      "qqq", "jjjjjj", "xkcd")]
    for last, first, *_ in sample[38:]:  # top up with more people typed by name
        if len(out) >= count:
            break
        out.append(("name", fold(f"{last} {first[:1]}") if rng.random() < 0.5 else last))
    return out[:count]


# -- timing -----------------------------------------------------------------------------------

class Recorder:
    """Collects the statements the search service sends to SQLite."""

    def __init__(self, engine) -> None:
        self.statements: list[tuple[str, tuple]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):  # not BEGIN/COMMIT
            self.statements.append((statement, tuple(parameters or ())))


def percentiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def run_queries(path: Path, queries: list[tuple[str, str]], *, naive_every: int = 1) -> dict:
    """Time every keystroke both modes; the naive baseline on every `naive_every`-th one
    (a full scan per keystroke: at 1M clients the whole set would take a quarter of an hour).
    """
    ctx, _ = open_context(path)
    ctx.user_id = users.ensure_a_user(ctx)
    recorder = Recorder(ctx.db.engine)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size=-32000")
    results: dict = {"scans": set(), "statements": 0}
    for mode in MODES:
        for _kind, q in queries:  # warm-up: caches as after a few minutes of use
            search.search(ctx, q, mode=mode)
        service, sql, hits = [], [], []
        for _kind, q in queries:
            times, sql_times = [], []
            for _ in range(REPEAT):
                recorder.statements.clear()
                started = time.perf_counter()
                result = search.search(ctx, q, mode=mode)
                times.append(time.perf_counter() - started)
                statements = list(recorder.statements)
                started = time.perf_counter()
                for statement, params in statements:
                    raw.execute(statement, params).fetchall()
                sql_times.append(time.perf_counter() - started)
            service.append(statistics.median(times) * 1000)
            sql.append(statistics.median(sql_times) * 1000)
            hits.append(len(result.hits))
            for statement, params in statements:
                results["statements"] += 1
                plan = "\n".join(r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}",
                                                           params))
                if TABLE_SCAN.search(plan):
                    results["scans"].add(f"{statement.strip()[:120]} -> {plan}")
        naive = []
        for _kind, q in queries[::naive_every]:
            folded, number = fold(q), digits(q)
            pattern = f"%{folded}%" if mode == "contains" else f"{folded}%"
            phone_pattern = f"%{number.lstrip('0')}%" if len(number) >= 2 else pattern
            params = {"p": pattern, "d": phone_pattern}
            times = []
            for _ in range(REPEAT if naive_every == 1 else 1):
                started = time.perf_counter()
                raw.execute(NAIVE, params).fetchall()
                times.append(time.perf_counter() - started)
            naive.append(statistics.median(times) * 1000)
        results[mode] = {"service": service, "sql": sql, "naive": naive, "hits": hits}
    raw.close()
    ctx.db.dispose()
    return results


# -- report -----------------------------------------------------------------------------------

def _seconds(info: dict) -> str:
    return "n/a" if info["seconds"] is None else f"{info['seconds']:.1f} s"


def _fmt(values: list[float]) -> str:
    p50, p95, top = percentiles(values)
    return f"{p50:.2f} / {p95:.2f} / {top:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--db-dir", type=Path, default=Path("bench/out"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--naive-count", type=int, default=1000,
                        help="clients created one by one for the generation baseline")
    args = parser.parse_args(argv)
    args.db_dir.mkdir(parents=True, exist_ok=True)

    small_path = args.db_dir / f"clients-{args.clients}.sqlite3"
    small = build(small_path, args.clients, args.seed)
    naive_gen = naive_generation(small_path, args.naive_count)
    naive_gen_full = naive_gen * args.clients / args.naive_count
    queries = keystrokes(small_path, args.seed)
    print(f"{len(queries)} keystrokes, e.g. {', '.join(repr(q) for _, q in queries[::23])}")
    small_runs = run_queries(small_path, queries)

    big = big_runs = None
    if args.big:
        big_path = args.db_dir / f"clients-{args.big}.sqlite3"
        big = build(big_path, args.big, args.seed)
        big_runs = run_queries(big_path, queries, naive_every=5)

    n = f"{args.clients:,}"
    print()
    print(f"| {n} clients (p50 / p95 / max, ms) | extradesk | naive baseline |")
    print("|---|---|---|")
    reused = " (reused db, time of its build)" if small["reused"] else ""
    print(f"| generate {n} clients + their ouvrages, indexed{reused} "
          f"| {_seconds(small)} | {naive_gen_full:.0f} s (create_client one by one, "
          f"{args.naive_count:,} timed: {naive_gen:.1f} s) |")
    for mode in MODES:
        r = small_runs[mode]
        like = "LIKE '%q%'" if mode == "contains" else "LIKE 'q%'"
        print(f"| search `{mode}`, whole service call | {_fmt(r['service'])} "
              f"| {_fmt(r['naive'])} ({like} … ORDER BY sort_key LIMIT 50, SQL only) |")
        print(f"| search `{mode}`, SQL only | {_fmt(r['sql'])} | |")
    if big is not None:
        print(f"| generate {args.big:,} clients{' (reused db)' if big['reused'] else ''} "
              f"| {_seconds(big)} | |")
        for mode in MODES:
            p95_small = percentiles(small_runs[mode]["service"])[1]
            p95_big = percentiles(big_runs[mode]["service"])[1]
            sql_big = percentiles(big_runs[mode]["sql"])[1]
            naive_big = percentiles(big_runs[mode]["naive"])[1]
            print(f"| search `{mode}` p95 at {args.big:,} (service / SQL only) "
                  f"| {p95_big:.2f} / {sql_big:.2f} (×{p95_big / p95_small:.2f} vs {n}) "
                  f"| {naive_big:.1f} (SQL only, 1 keystroke in 5) |")
    scans = small_runs["scans"] | (big_runs["scans"] if big_runs else set())
    checked = small_runs["statements"] + (big_runs["statements"] if big_runs else 0)
    print()
    print(f"EXPLAIN QUERY PLAN: {checked:,} search statements checked, "
          f"{len(scans)} with a table scan.")
    for plan in sorted(scans):
        print("  SCAN:", plan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
