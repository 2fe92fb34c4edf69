"""Benchmark: PostgreSQL beside SQLite on the same data — search keystrokes, the Pièces first
page, and invoices issued by 4 processes at once.

    .venv/bin/python bench/bench_postgres.py [--documents 1000000] [--clients 100000]
                                             [--invoices 100] [--db-dir bench/out]

The SQLite database is bench_documents' big one (built once under --db-dir, reused); it is
moved onto a throw-away PostgreSQL 15 server (tests/pg_server.py, started here) with
`services.shared_db.copy_database`, so both backends hold the same rows. Then, in this one
process, on each backend:

1. Search as you type: every keystroke of 40 names typed letter by letter, plus cities,
   postal codes, `**name` and document numbers, through `services.search.search` (whole
   service call, both modes); the naive baseline is `LIKE '%q%' ORDER BY sort_key LIMIT 50`.
2. The Pièces first paint: the ordered id snapshot's first 200 ids + their rows (best of 5).
3. Issuing: 4 processes issuing N invoices each (PDF renderer stubbed: numbering and the
   write transaction are measured), invoices per second, and the check that numbers are
   1..4N with no gap and no duplicate.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from sqlalchemy import text  # noqa: E402

import bench_documents as docs  # noqa: E402
import pg_server  # noqa: E402
from extradesk.core.clock import FixedClock  # noqa: E402
from extradesk.core.search_text import fold  # noqa: E402
from extradesk.services import company, search, shared_db, users  # noqa: E402
from extradesk.services.context import Context, open_context  # noqa: E402
from extradesk.services.documents import drafts as documents  # noqa: E402

CHILD = r'''
import json, sys, time
from datetime import UTC, datetime
from extradesk.core.clock import FixedClock
from extradesk.db.engine import open_database
from extradesk.services.context import Context
from extradesk.services.documents import issuing

target, ids, go = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
ctx = Context(db=open_database(target), clock=FixedClock(datetime(2026, 11, 28, 10, tzinfo=UTC)),
              user_id=1)
ctx.render_pdf = lambda data: b"%PDF-stub " + data.number.encode()
print("ready", flush=True)
while not __import__("os").path.exists(go):
    time.sleep(0.001)
numbers, errors = [], 0
for i in ids:
    try:
        numbers.append(issuing.issue_document(ctx, i)[0])
    except Exception:  # db.locked under a long wait: counted, the bench goes on
        errors += 1
print(json.dumps({"numbers": numbers, "errors": errors}))
'''


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def keystrokes() -> list[str]:
    typed = []
    for name in docs.LAST[:40]:
        folded = fold(name)
        typed += [folded[:k] for k in range(1, min(len(folded), 6) + 1)]
    typed += ["lyon", "69003", "martin j", "dubois mar", "helene", "**martin", "**dubo",
              "d-2025-00012", "f-2026-1", "zzqx"]
    return typed


def bench_search(ctx: Context, label: str) -> dict:
    typed = keystrokes()
    for q in typed[:20]:  # warm the caches (both backends get the same)
        search.search(ctx, q)
    out = {}
    for mode in ("contains", "starts_with"):
        times = []
        for q in typed:
            start = time.perf_counter()
            search.search(ctx, q, mode=mode)
            times.append(time.perf_counter() - start)
        out[mode] = (pct(times, 0.5), pct(times, 0.95), max(times))
    naive = []
    with ctx.db.engine.connect() as conn:
        for q in typed[::5]:
            start = time.perf_counter()
            conn.execute(text("SELECT id, last_name, first_name FROM clients WHERE sort_key "
                              "LIKE :p ORDER BY sort_key LIMIT 50"), {"p": f"%{q}%"}).all()
            naive.append(time.perf_counter() - start)
    out["naive"] = (pct(naive, 0.5), pct(naive, 0.95), max(naive))
    print(f"   {label}: {len(typed)} keystrokes per mode", flush=True)
    return out


def first_paint(ctx: Context) -> float:
    return docs.timed(lambda: documents.document_rows(
        ctx, documents.document_ids(ctx, limit=200)))


def issue_with_writers(ctx: Context, target: str, folder: Path, each: int,
                       writers: int = 4) -> tuple[float, bool, int]:
    ctx.user_id = users.ensure_a_user(ctx)
    company.save_company(ctx, docs.LEGAL)
    client_id = 1
    with ctx.db.write_engine.begin() as conn:  # the bench clients have no street: issuing needs one
        conn.execute(text("UPDATE clients SET billing_line1 = '3 rue Haute' WHERE id = 1"))
    ids = docs.bulk_drafts(ctx, client_id, writers * each)
    script = folder / "issue_child.py"
    script.write_text(CHILD, encoding="utf-8")
    go = folder / f"go-{time.monotonic_ns()}"
    children = [subprocess.Popen([sys.executable, str(script), target,
                                  json.dumps(ids[k::writers]), str(go)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for k in range(writers)]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    start = time.perf_counter()
    go.write_text("go")
    numbers, errors = [], 0
    for child in children:
        out, err = child.communicate(timeout=1800)
        assert child.returncode == 0, err
        found = json.loads(out)
        numbers += found["numbers"]
        errors += found["errors"]
    seconds = time.perf_counter() - start
    values = sorted(int(n.rsplit("-", 1)[1]) for n in numbers if n.startswith("F-2026-"))
    first = values[0] if values else 0
    gapless = values == list(range(first, first + len(values)))
    return len(numbers) / seconds, gapless, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=100, help="per writer (4 writers)")
    parser.add_argument("--db-dir", type=Path, default=HERE / "out")
    args = parser.parse_args()
    args.db_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("EXTRADESK_HOME", tempfile.mkdtemp(prefix="bench-pg-home-"))
    reason = pg_server.why_not()
    if reason:
        sys.exit(f"PostgreSQL indisponible : {reason}")
    print(f"load: {os.getloadavg()}")
    built = docs.big_database(args.db_dir, args.documents, args.clients)
    work = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    source = work / "source.sqlite3"
    shutil.copy(built, source)  # our own copy: upgraded, written to by the issuing part
    server = pg_server.start()
    try:
        sqlite_ctx, _ = open_context(source, clock=FixedClock(docs.NOW))
        name = server.create_database(prefix="bench")
        url = server.url(name)
        sqlite_ctx.db.dispose()
        start = time.perf_counter()
        report = shared_db.copy_database(source, url)
        copied = time.perf_counter() - start
        print(f"   db copy: {sum(report.counts.values()):,} rows in {copied:.1f} s", flush=True)
        with server_connection(url) as conn:
            conn.execute(text("ANALYZE"))
        sqlite_ctx, _ = open_context(source, clock=FixedClock(docs.NOW))
        pg_ctx, _ = open_context(url, clock=FixedClock(docs.NOW))
        results = {"SQLite": (bench_search(sqlite_ctx, "SQLite"), first_paint(sqlite_ctx)),
                   "PostgreSQL": (bench_search(pg_ctx, "PostgreSQL"), first_paint(pg_ctx))}
        print(f"   {json.dumps(results)}", flush=True)
        issuing_rates = {}
        for backend, context, target in (("PostgreSQL", pg_ctx, url),
                                         ("SQLite", sqlite_ctx, str(source))):
            issuing_rates[backend] = issue_with_writers(context, target, work, args.invoices)
            print(f"   issuing {backend}: {issuing_rates[backend]}", flush=True)
        sqlite_ctx.db.dispose()
        pg_ctx.db.dispose()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.clients:,} clients, {args.documents:,} documents "
          f"(load after: {os.getloadavg()})")
    print("| keystroke, whole service call (p50 / p95 / max, ms) | SQLite | PostgreSQL |")
    print("|---|---|---|")
    for key, label in (("contains", "search `contains`"), ("starts_with", "search `starts_with`"),
                       ("naive", "naive `LIKE '%q%' ORDER BY sort_key LIMIT 50`")):
        cells = [" / ".join(ms(v) for v in results[b][0][key]) for b in ("SQLite", "PostgreSQL")]
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    print(f"| Pièces first page (200 ids + rows, best of 5) | {ms(results['SQLite'][1])} | "
          f"{ms(results['PostgreSQL'][1])} |")
    rates = [f"{issuing_rates[b][0]:.1f}/s" + ("" if issuing_rates[b][1] else " (GAPS!)")
             + (f", {issuing_rates[b][2]} refused (db.locked)" if issuing_rates[b][2] else "")
             for b in ("SQLite", "PostgreSQL")]
    print(f"| issuing, 4 writers × {args.invoices} invoices | {rates[0]} | {rates[1]} |")
    print(f"| db copy SQLite → PostgreSQL | | {copied:.1f} s |")


class server_connection:  # noqa: N801 - a small context manager, named as a function
    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.engine = create_engine(url, isolation_level="AUTOCOMMIT")

    def __enter__(self):
        self.conn = self.engine.connect()
        return self.conn

    def __exit__(self, *_exc) -> None:
        self.conn.close()
        self.engine.dispose()


if __name__ == "__main__":
    main()
