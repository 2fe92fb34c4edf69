"""Benchmark: depots (issue 16) on a big database — migration 0018 and document creation.

    .venv/bin/python bench/bench_depot.py [--db /tmp/bench/exports-100000.sqlite3] [--runs 200]

The database given is COPIED to a temporary folder first (never written in place), brought
to revision 0017 (not timed), then:
1. `migrate.upgrade(db, "0018")`: the depots table and documents.depot_id as a plain
   ADD COLUMN, beside the naive way on a second copy: rebuilding `documents` with the new
   column (what alembic's batch mode does on SQLite: CREATE … AS SELECT, DROP, RENAME; the
   guard triggers dropped, as batch mode loses them; no index rebuilt, so a lower bound).
2. `drafts.create_quote` with the user's `documents.depot` preference set (one more
   SELECT of the preference and one of the depot), beside the same call with none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from extradesk.db import migrate
from extradesk.db.engine import open_database
from extradesk.services import preferences, references, users
from extradesk.services.context import open_context
from extradesk.services.documents import drafts


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _at_0017(source: Path, target: Path) -> None:
    shutil.copy(source, target)
    db = open_database(target)
    migrate.upgrade(db, "0017")
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench/exports-100000.sqlite3"))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-depot-"))
    try:
        ours, naive = folder / "ours.sqlite3", folder / "naive.sqlite3"
        _at_0017(args.db, ours)
        shutil.copy(ours, naive)
        with sqlite3.connect(ours) as conn:
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        print(f"load: {os.getloadavg()}; {documents:,} documents")

        db = open_database(ours)
        start = time.perf_counter()
        migrate.upgrade(db, "0018")
        ours_s = time.perf_counter() - start
        db.dispose()
        conn = sqlite3.connect(naive)
        start = time.perf_counter()
        # Batch mode loses the 0008 guard triggers (they name documents): dropped here too.
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                    " AND sql LIKE '%documents%'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("CREATE TABLE documents_new AS SELECT *, NULL AS depot_id FROM documents")
        conn.execute("DROP TABLE documents")
        conn.execute("ALTER TABLE documents_new RENAME TO documents")
        conn.commit()
        naive_s = time.perf_counter() - start
        conn.close()
        print(f"migration 0018: {ours_s:.3f} s | naive (rebuild documents): {naive_s:.3f} s")

        ctx, _ = open_context(ours)
        ctx.user_id = users.ensure_a_user(ctx)
        with sqlite3.connect(ours) as raw:
            client_id = raw.execute("SELECT min(id) FROM clients").fetchone()[0]
        timed(lambda: drafts.create_quote(ctx, client_id), 30)  # warm-up: caches, statements
        without = timed(lambda: drafts.create_quote(ctx, client_id), args.runs)
        depot = references.list_items(ctx, "depot")[0].id
        preferences.set_value(ctx, "documents.depot", value=depot)
        with_depot = timed(lambda: drafts.create_quote(ctx, client_id), args.runs)
        print(f"create_quote with the depot preference: {ms(with_depot)} | "
              f"without (baseline): {ms(without)}")
        ctx.db.dispose()
        print(f"load after: {os.getloadavg()}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
