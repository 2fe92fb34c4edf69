"""Revenue exports over a demo database: each export's time (query + CSV written) and peak
memory, beside a naive baseline that loads every document through the ORM and sums in
Python (the same figures, checked equal).

    .venv/bin/python bench/bench_exports.py --clients 100000 --db-dir bench/out

The database (clients, ouvrages, two years of documents from services.demo.dataset) is built
once and reused.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from extradesk.services import users  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402
from extradesk.services.exports import catalog, saving  # noqa: E402
from extradesk.services.exports.model import ExportQuery  # noqa: E402


def ensure_db(path: Path, clients: int) -> None:
    if path.exists():
        return
    from extradesk.services.demo import dataset

    print(f"building {path} with {clients:,} demo clients and their documents…", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    ctx, _ = open_context(path)
    ctx.user_id = users.ensure_a_user(ctx)
    report, _ = dataset.generate(ctx, clients=clients, seed=1)
    ctx.db.dispose()
    print(f"  {report.clients:,} clients, {report.documents:,} documents in "
          f"{report.seconds:.1f} s", flush=True)


def naive_ca_journal(ctx, query: ExportQuery) -> Decimal:
    """Every issued document as an ORM entity, deposits looked up one by one."""
    import json

    from sqlmodel import Session, select

    from extradesk.models import Document

    total = Decimal(0)
    by_month: dict[str, Decimal] = defaultdict(Decimal)
    with Session(ctx.db.engine) as session:
        for doc in session.exec(select(Document)).all():
            if doc.kind not in ("facture", "acompte", "avoir") or doc.issued_at is None:
                continue
            if not query.start <= doc.issue_date <= query.end:
                continue
            net = doc.net
            for ref in json.loads(doc.deposit_refs or "[]"):
                net -= session.get(Document, ref["id"]).net
            net = -net if doc.kind == "avoir" else net
            by_month[f"{doc.issue_date:%Y-%m}"] += net
            total += net
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--db-dir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    path = args.db_dir / f"exports-{args.clients}.sqlite3"
    ensure_db(path, args.clients)
    ctx, _ = open_context(path)
    with ctx.db.engine.connect() as conn:
        docs = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
        lines = conn.exec_driver_sql("SELECT count(*) FROM document_lines").scalar()
        first, last = conn.exec_driver_sql(
            "SELECT min(issue_date), max(issue_date) FROM documents").one()
    query = ExportQuery(date.fromisoformat(first[:10]), date.fromisoformat(last[:10]))
    print(f"\n{args.clients:,} clients, {docs:,} documents, {lines:,} lines, "
          f"{query.start:%d/%m/%Y} – {query.end:%d/%m/%Y}")
    print(f"{'export':<24}{'rows':>8}{'time':>11}{'peak Python memory':>22}")
    folder = Path(tempfile.mkdtemp())
    for name in catalog.EXPORTS:
        t0 = time.perf_counter()
        _table, count = saving.save_export(ctx, name, query=query, path=folder / f"{name}.csv")
        seconds = time.perf_counter() - t0
        tracemalloc.start()  # a second run for the memory: tracing slows Python down
        saving.save_export(ctx, name, query=query, path=folder / f"{name}.csv")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:<24}{count:>8,}{seconds * 1000:>9.0f} ms{peak / 1e6:>18.1f} MB")
    t0 = time.perf_counter()
    ours = catalog.run_export(ctx, "ca-journal", query=query).total[2]
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive = naive_ca_journal(ctx, query)
    naive_s = time.perf_counter() - t0
    print(f"\nca-journal total HT: extradesk {ours} in {ours_s * 1000:.0f} ms; naive ORM "
          f"{naive} in {naive_s * 1000:.0f} ms ({'equal' if ours == naive else 'DIFFERENT'})")
    print(f"RSS at the end: {_rss_mb():.0f} MB")
    ctx.db.dispose()
    return 0


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    os.environ.setdefault("EXTRADESK_HOME", tempfile.mkdtemp())
    sys.exit(main())
