"""Benchmark: the Articles tab on 100,000 articles (first paint) and `*ref` search, each
beside the naive way in the same run.

    .venv/bin/python bench/bench_articles.py [--articles 100000] [--db bench/out/articles.sqlite3]

First paint: from the request for the list to the table painted with its first rows (the
lazy model: a LIMIT-200 first page of ids and rows; the count and the whole ordered id
snapshot follow, and the time until they are known is printed too), against the naive model that loads
every row into a QStandardItemModel first. Search: 200 `*ref` keystrokes taken from the
data (code prefixes, code fragments, label words, supplier references, no-match strings),
services.article_list.article_hits against `LIKE '%q%'` on code and label with ORDER BY.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent / "out"
WORDS = ("pompe", "vanne", "filtre", "liner", "margelle", "poêle", "conduit", "granulés",
         "chaudière", "raccord", "tube", "coude", "joint", "skimmer", "projecteur", "bâche",
         "dalle", "gravier", "gazon", "arbuste", "carrelage", "faïence", "robinet", "évier")


def build(path: Path, count: int) -> None:
    """Articles in bulk (one transaction, Core executemany), with their search index."""
    from extradesk.core.search_text import fold
    from extradesk.services.articles import accounts, families
    from extradesk.services.articles import index as article_index
    from extradesk.services.context import open_context

    ctx, _ = open_context(path)
    fams = [families.add_family(ctx, f"Famille {i}")[0] for i in range(12)]
    rng = random.Random(1)
    now = datetime(2026, 11, 28, tzinfo=UTC)
    with ctx.db.write_engine.begin() as conn:
        waiting = accounts.waiting_account_id(conn)
        rows, index = [], []
        for i in range(1, count + 1):
            code = f"{rng.choice('ABCDEFGHKLMPRSTW')}{rng.randrange(100, 9999)}{i:06d}"
            label = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.randrange(1, 99)}"
            ref = f"R-{rng.randrange(10000, 99999)}"
            rows.append({"id": i, "code": code, "code_key": fold(code), "label": label,
                         "sort_label": fold(label), "vat_rate": 20 * 100,
                         "sale_price": rng.randrange(100, 10**7), "account_id": waiting,
                         "family_id": rng.choice(fams), "supplier_ref": ref, "active": True,
                         "created_at": now.replace(tzinfo=None),
                         "updated_at": now.replace(tzinfo=None)})
            index.append((i, article_index.search_text(code, label, ref)))
        conn.connection.driver_connection.executemany(
            "INSERT INTO articles (id, code, code_key, label, sort_label, vat_rate, sale_price, "
            "account_id, family_id, supplier_ref, active, created_at, updated_at) VALUES "
            "(:id, :code, :code_key, :label, :sort_label, :vat_rate, :sale_price, :account_id, "
            ":family_id, :supplier_ref, :active, :created_at, :updated_at)", rows)
        article_index.insert(conn, index)
    ctx.db.dispose()


def first_paint(ctx, app) -> tuple[float, float, float]:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from extradesk.services.articles import edit as articles
    from extradesk.ui.pages.articles_page import ArticlesPage
    from extradesk.ui.tasks import Tasks

    tasks = Tasks(ctx)
    page = ArticlesPage(tasks)
    page.resize(1200, 700)
    started = time.perf_counter()
    page.show()  # the first show loads the list (ArticlesPage.showEvent)
    while not page.model.loaded:
        app.processEvents()
    page.table.viewport().grab()  # the paint, with the first page of rows
    lazy = (time.perf_counter() - started) * 1000
    while not (page.model.complete and page.model.count_known and tasks.pending == 0):
        app.processEvents()  # then the count and every id arrive behind it
    whole = (time.perf_counter() - started) * 1000
    page.close()
    tasks.shutdown(dispose=False)

    started = time.perf_counter()
    model = QStandardItemModel()
    rows = articles.article_rows(ctx, articles.article_ids(ctx))
    for r in rows:
        model.appendRow([QStandardItem(r.code), QStandardItem(r.label),
                         QStandardItem(str(r.sale_price)), QStandardItem(r.family)])
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    view.viewport().grab()
    naive = (time.perf_counter() - started) * 1000
    view.close()
    return lazy, naive, whole


def keystrokes(ctx, n: int = 200) -> list[str]:
    from sqlalchemy import text

    with ctx.db.engine.connect() as conn:
        sample = conn.execute(text("SELECT code, label, supplier_ref FROM articles "
                                   "ORDER BY random() LIMIT 100")).all()
    rng = random.Random(2)
    out = []
    while len(out) < n:
        code, label, ref = rng.choice(sample)
        out += [code[:rng.randrange(1, 6)], code[2:8], label.split()[0][:rng.randrange(3, 7)],
                ref[:rng.randrange(3, 8)], "zzq" + str(rng.randrange(99))]
    return out[:n]


def p(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def search_times(ctx, queries: list[str]) -> tuple[list[float], list[float]]:
    from sqlalchemy import text

    from extradesk.services.articles import listing as article_list

    ours, naive = [], []
    like = text("SELECT id FROM articles WHERE code LIKE :q OR label LIKE :q "
                "ORDER BY code_key LIMIT 51")
    with ctx.db.engine.connect() as conn:
        for q in queries:
            started = time.perf_counter()
            article_list.article_hits(ctx, q, limit=51)
            ours.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            conn.execute(like, {"q": f"%{q}%"}).all()
            naive.append((time.perf_counter() - started) * 1000)
    return ours, naive


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or OUT / f"articles-{args.articles}.sqlite3"
    OUT.mkdir(exist_ok=True)
    if not path.exists():
        started = time.perf_counter()
        build(path, args.articles)
        print(f"built {args.articles:,} articles in {time.perf_counter() - started:.1f} s")
    from PySide6.QtWidgets import QApplication

    from extradesk.services.context import open_context
    from extradesk.ui.qt import guard_singleton_refcounts

    guard_singleton_refcounts()  # PySide6 6.12 on Python 3.11 would abort the event loop
    app = QApplication([])
    ctx, _ = open_context(path)
    first_paint(ctx, app)  # warm-up: imports, page cache
    runs = [first_paint(ctx, app) for _ in range(3)]
    lazy = statistics.median(r[0] for r in runs)
    naive = statistics.median(r[1] for r in runs)
    whole = statistics.median(r[2] for r in runs)
    print(f"Articles tab first paint, {args.articles:,} articles: {lazy:.1f} ms "
          f"(naive full load: {naive:.1f} ms), median of 3; "
          f"count and every id known: {whole:.1f} ms")
    ours, like = search_times(ctx, keystrokes(ctx))
    print(f"*ref search, 200 keystrokes, p50/p95/max ms: "
          f"{p(ours, .5):.2f} / {p(ours, .95):.2f} / {max(ours):.2f} "
          f"(naive LIKE: {p(like, .5):.2f} / {p(like, .95):.2f} / {max(like):.2f})")
    ctx.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
