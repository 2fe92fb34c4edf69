"""Revenue exports over a demo database: each export's time (query + CSV written) and peak
memory, beside a naive baseline that loads every document through the ORM and sums in
Python (the same figures, checked equal).

    .venv/bin/python bench/bench_exports.py --clients 100000 --db-dir bench/out
    .venv/bin/python bench/bench_exports.py --db /tmp/my-copy.sqlite3 --inflate 1000000

The database (clients, ouvrages, two years of documents from services.demo.dataset) is built
once and reused; `--db` takes an existing one instead (a COPY: it is migrated and written
to). The accountant's exports (commercial, ca-famille, ca-compte, encaissements, fec) are
each run beside a naive baseline that loads the same rows as ORM entities. `--inflate N`
copies the database and repeats its documents (new ids and numbers, no lines) until there
are N, for the commercial export's million rows: time and peak Python memory.
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


def ensure_payments(ctx) -> None:
    """A demo base made before payments existed gets the demo payments of its invoices."""
    from extradesk.services.demo import payments

    with ctx.db.engine.connect() as conn:
        if conn.exec_driver_sql("SELECT count(*) FROM payments").scalar():
            return
        first, last = conn.exec_driver_sql("SELECT min(id), max(id) FROM clients").one()
    t0 = time.perf_counter()
    report = payments.generate_payments(ctx, client_ids=range(first, last + 1), seed=1)
    print(f"added the demo payments: {report} in {time.perf_counter() - t0:.1f} s")


def ensure_siret(ctx) -> None:
    """The FEC is named after the SIREN: a demo base without one gets the demo company's."""
    from extradesk.services import company

    if not company.get_company(ctx).siret:
        company.update_company(ctx, siret="73282932000074")


def accountant_baselines(ctx, query: ExportQuery) -> None:
    """Each new export's headline figure the naive way (ORM entities, per-row lookups),
    timed and checked equal to the export's."""
    from bench_exports_big import naive_commercial, naive_families, naive_receipts

    print(f"\n{'naive baseline':<24}{'extradesk':>14}{'naive ORM':>14}   figure")
    for name, naive, figure in (
            ("commercial", naive_commercial, lambda t: sum(  # issued ones: not drafts
                (r[11] for r in t.rows if r[1] in ("facture", "acompte", "avoir")
                 and r[8] != "brouillon"), Decimal(0))),
            ("ca-famille", naive_families, lambda t: t.total[1]),
            ("encaissements", naive_receipts, lambda t: t.total[-1])):
        t0 = time.perf_counter()
        ours = figure(catalog.run_export(ctx, name, query=query))
        ours_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        theirs = naive(ctx, query)
        naive_s = time.perf_counter() - t0
        print(f"{name:<24}{ours_s * 1000:>11.0f} ms{naive_s * 1000:>11.0f} ms   {ours} "
              f"{'= naive' if ours == theirs else f'DIFFERENT from naive {theirs}'}")
    t0 = time.perf_counter()
    rows = catalog.run_export(ctx, "fec", query=query).rows
    revenue = vat = Decimal(0)
    for row in rows:
        if row[4].startswith("70"):
            revenue += row[12] - row[11]
        elif row[4].startswith("44571"):
            vat += row[12] - row[11]
    fec_s = time.perf_counter() - t0
    journal = catalog.run_export(ctx, "ca-journal", query=query).total
    print(f"{'fec (rows only)':<24}{fec_s * 1000:>11.0f} ms   revenue {revenue}, VAT {vat}: "
          f"{'= CA par journal' if (revenue, vat) == (journal[2], journal[-1] - journal[2]) else 'DIFFERENT from CA par journal'}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--db-dir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--db", type=Path, help="an existing database (a copy: it is written)")
    parser.add_argument("--inflate", type=int, default=0, metavar="N")
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    path = args.db or args.db_dir / f"exports-{args.clients}.sqlite3"
    if args.db is None:
        ensure_db(path, args.clients)
    ctx, _ = open_context(path)
    ensure_siret(ctx)
    ensure_payments(ctx)
    with ctx.db.engine.connect() as conn:
        docs = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
        lines = conn.exec_driver_sql("SELECT count(*) FROM document_lines").scalar()
        first, last = conn.exec_driver_sql(
            "SELECT min(issue_date), max(issue_date) FROM documents").one()
    query = ExportQuery(date.fromisoformat(first[:10]), date.fromisoformat(last[:10]))
    print(f"\n{args.clients:,} clients, {docs:,} documents, {lines:,} lines, "
          f"{query.start:%d/%m/%Y} – {query.end:%d/%m/%Y}")
    print(f"{'export':<24}{'rows':>8}{'time':>11}{'CPU':>11}{'peak Python memory':>22}")
    folder = Path(tempfile.mkdtemp())
    for name in catalog.EXPORTS:
        t0, c0 = time.perf_counter(), time.process_time()  # CPU: the machine is shared
        _table, count = saving.save_export(ctx, name, query=query, path=folder / f"{name}.csv")
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        tracemalloc.start()  # a second run for the memory: tracing slows Python down
        saving.save_export(ctx, name, query=query, path=folder / f"{name}.csv")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:<24}{count:>8,}{seconds * 1000:>9.0f} ms{cpu * 1000:>9.0f} ms"
              f"{peak / 1e6:>18.1f} MB")
    t0 = time.perf_counter()
    ours = catalog.run_export(ctx, "ca-journal", query=query).total[2]
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive = naive_ca_journal(ctx, query)
    naive_s = time.perf_counter() - t0
    print(f"\nca-journal total HT: extradesk {ours} in {ours_s * 1000:.0f} ms; naive ORM "
          f"{naive} in {naive_s * 1000:.0f} ms ({'equal' if ours == naive else 'DIFFERENT'})")
    if not args.skip_naive:
        accountant_baselines(ctx, query)
    print(f"RSS at the end: {_rss_mb():.0f} MB")
    ctx.db.dispose()
    if args.inflate:
        from bench_exports_big import million_rows

        million_rows(path, args.inflate)
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
