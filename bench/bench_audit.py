"""The health check « Avez-vous les bons réflexes ? » on the 100,000-client demo database with
documents and payments, beside a naive version (every client through the ORM, labels
compared pairwise, usages and sales counted with one query per item / per article).

    .venv/bin/python bench/bench_audit.py --source /tmp/bench/exports-100000.sqlite3

The source is never written: it is copied into a temporary folder (upgraded there to the
current schema, its pre-upgrade backup beside it), near-duplicates are seeded into the copy
(« Mr » / « Monsieur » beside « M. », « prospect  », « Salons », « Ets Dupont » / « DUPONT
SA ») with clients moved onto them, then both versions run on it and their figures are
checked equal. The folder is removed at the end.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import text  # noqa: E402

from extradesk.core.search_text import fold  # noqa: E402
from extradesk.services import audit, references  # noqa: E402
from extradesk.services.audit.sales import SOLD  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402


def seed_duplicates(ctx) -> None:
    """Twins a years-old base collects; 1 client in 20 moved onto each of them."""
    twins = {"civility": ["Mr", "Monsieur"], "origin": ["Salons"],
             "supplier": ["Ets Dupont", "DUPONT SA"]}
    made = {name: [references.add_item(ctx, name, label=label)[0].id for label in labels]
            for name, labels in twins.items()}
    with ctx.db.engine.begin() as conn:
        made["status"] = [conn.execute(text(
            "INSERT INTO client_statuses (label, position, active) "
            "VALUES ('prospect  ', 99, 1) RETURNING id")).scalar()]
        for column, ids in (("civility_id", made["civility"]), ("origin_id", made["origin"]),
                            ("status_id", made["status"])):
            for n, item in enumerate(ids):
                conn.execute(text(f"UPDATE clients SET {column} = :i "
                                  f"WHERE id % 20 = :n"), {"i": item, "n": n})
        conn.execute(text("UPDATE clients SET origin_id = NULL WHERE id % 97 = 0"))


def naive(ctx) -> dict:
    """The same questions the obvious way."""
    from sqlmodel import Session, select

    from extradesk.models import Article, Client

    result = {}
    with Session(ctx.db.engine) as session:
        result["clients_unqualified"] = sum(
            1 for c in session.exec(select(Client)).all()
            if not c.archived and (c.status_id is None or c.origin_id is None))
        pairs = 0
        for list_name in ("supplier", "civility", "status", "origin"):
            table = references.LISTS[list_name][1]
            items = session.connection().execute(text(f"SELECT id, label FROM {table}")).all()
            for i, (_a, left) in enumerate(items):
                for _b, right in items[i + 1:]:
                    ratio = difflib.SequenceMatcher(None, fold(left), fold(right)).ratio()
                    pairs += ratio > 0.85
            # usage, one COUNT per item and per referencing column
            for item_id, _label in items:
                for column in references._referencing_columns(  # noqa: SLF001
                        references._table(list_name)):  # noqa: SLF001
                    session.connection().execute(
                        text(f"SELECT COUNT(*) FROM {column.table.name} "
                             f"WHERE {column.name} = :i"), {"i": item_id}).scalar()
        result["similar_pairs"] = pairs
        sold = {}
        states = ", ".join(f"'{s}'" for s in SOLD)
        for article in session.exec(select(Article)).all():
            sold[article.code_key] = session.connection().execute(text(
                "SELECT COUNT(*) FROM document_lines l JOIN documents d ON d.id = l.document_id "
                f"WHERE d.kind = 'facture' AND d.status IN ({states}) AND l.kind = 'article' "
                "AND lower(l.code) = :c"), {"c": article.code_key}).scalar()
        result["sold"] = sold
    return result


def timed(fn, runs: int) -> tuple[float, list[float], object]:
    first_start = time.perf_counter()
    value = fn()
    first = time.perf_counter() - first_start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return first, times, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("/tmp/bench/exports-100000.sqlite3"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-runs", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    try:
        work = folder / "audit.sqlite3"
        start = time.perf_counter()
        shutil.copyfile(args.source, work)
        ctx, report = open_context(work)
        print(f"copy + upgrade {report.before} -> {report.after}: "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        seed_duplicates(ctx)
        with ctx.db.engine.connect() as conn:
            counts = {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
                      for t in ("clients", "documents", "document_lines", "articles",
                                "payments")}
        print("database:", ", ".join(f"{n:,} {t}" for t, n in counts.items()))
        print(f"load average before: {os.getloadavg()}")

        first, times, found = timed(lambda: audit.run(ctx), args.runs)
        print(f"audit.run: first {first * 1000:.0f} ms, median of {args.runs} "
              f"{statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, "
              f"max {max(times) * 1000:.0f}); score {found.score}/10, "
              f"{len(found.findings)} findings")
        for f in found.findings:
            merges = f" merges {len(f.merges)}" if f.merges else ""
            print(f"  {f.habit or '-':>2} {f.id}: {f.count:,}{merges}")

        n_first, n_times, slow = timed(lambda: naive(ctx), args.naive_runs - 1) \
            if args.naive_runs > 1 else (None, [], None)
        if slow is None:
            start = time.perf_counter()
            slow = naive(ctx)
            n_first = time.perf_counter() - start
        print(f"naive: {n_first * 1000:.0f} ms"
              + (f", median {statistics.median(n_times) * 1000:.0f} ms" if n_times else ""))
        print(f"load average after: {os.getloadavg()}")

        # Same figures both ways.
        assert slow["clients_unqualified"] == found.finding("clients_unqualified").count
        ranked = {i.label.split(" — ")[0].lower(): i.count
                  for f in found.findings if f.id in ("articles_unclassified",
                                                      "articles_no_notice")
                  for i in f.items}
        for code, count in ranked.items():
            assert slow["sold"][code] == count, (code, slow["sold"][code], count)
        print(f"checked equal: {slow['clients_unqualified']:,} clients without status or "
              f"origin, times sold of {len(ranked)} listed articles; naive pairwise found "
              f"{slow['similar_pairs']} similar pairs, the keys "
              f"{sum(len(m.duplicates) for f in found.findings for m in f.merges)} duplicates")
        ctx.db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
