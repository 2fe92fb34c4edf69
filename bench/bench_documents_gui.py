"""Benchmark: the Pièces tab over 1,000,000 documents — first rows painted, filter changes.

    .venv/bin/python bench/bench_documents_gui.py [--documents 1000000] [--clients 100000]
                                                  [--naive-rows 100000]

Uses bench/out/documents-<N>.sqlite3, the database bench/bench_documents.py builds (rebuilt
here through the same function when it is missing, holds another number of documents, or
was made by an older schema). In one process, offscreen:

- extradesk: DocumentsPage.reload() until its first page is painted; then until the count
  (exact scrollbar) and every id are known. Filter changes (kind, status, period, client)
  until the new first page is painted, once the previous snapshot is complete, and once
  while it is still loading (the worker is busy with the old snapshot: the worst case).
- baseline, same process: every DocumentRow loaded and put into a QStandardItemModel before
  the view paints, sorted by SQL, with a QSortFilterProxyModel for the filters. On a million
  rows that takes minutes and gigabytes, so it runs on the first --naive-rows ids and says so.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_documents import NOW, big_database  # noqa: E402
from bench_gui import rss_kb, spin  # noqa: E402
from extradesk.core.clock import FixedClock  # noqa: E402
from extradesk.db.migrate import HEAD  # noqa: E402


def ensure_db(folder: Path, documents_count: int, clients_count: int) -> Path:
    """bench_documents' database, rebuilt when its schema is older than the application's."""
    path = folder / f"documents-{documents_count}.sqlite3"
    if path.exists():
        with sqlite3.connect(path) as conn:
            try:
                version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.Error:
                version = None
        if version is None or version[0] != HEAD:
            print(f"   {path.name}: schema {version and version[0]} is not {HEAD}: rebuilding")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    return big_database(folder, documents_count, clients_count)


def ms(values: list[float] | float) -> str:
    if isinstance(values, list):
        return f"{statistics.median(values):8.1f} ms"
    return f"{values:8.1f} ms"


def row(label: str, ours: str, naive: str = "", note: str = "") -> None:
    print(f"  {label:<46}{ours:>12}   {naive:>12}   {note}", flush=True)


# -- extradesk ---------------------------------------------------------------------------------

def first_paint(app, tasks, runs: int) -> tuple[list[float], list[float], list[float]]:
    from extradesk.ui.pages.documents_page import DocumentsPage

    painted, counted, complete = [], [], []
    for _ in range(runs):
        page = DocumentsPage(tasks)
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        model = page.model
        marks: dict[str, float] = {}
        model.count_loaded.connect(lambda m=marks: m.setdefault("count", time.perf_counter()))
        started = time.perf_counter()
        page.reload()
        spin(app, lambda m=model: m.loaded)
        page.table.viewport().repaint()
        painted.append((time.perf_counter() - started) * 1000)
        spin(app, lambda m=model: m.complete and tasks.pending == 0)
        complete.append((time.perf_counter() - started) * 1000)
        counted.append((marks["count"] - started) * 1000)
        assert model.data(model.index(0, 0)), "the first row is painted with its number"
        page.close()
        page.deleteLater()
        spin(app, lambda: tasks.pending == 0)
    return painted, counted, complete


def filter_changes(app, tasks, client_id: int, rounds: int) -> tuple[dict, list[float]]:
    from extradesk.ui.pages.documents_page import DocumentsPage

    page = DocumentsPage(tasks)
    page.resize(1200, 700)
    page.show()
    page.reload()
    spin(app, lambda: page.model.complete and tasks.pending == 0)

    def choose(combo, text):
        return lambda: combo.setCurrentIndex(combo.findText(text))

    steps = [
        ("type: Facture", choose(page.kind_filter, "Facture")),
        ("status: Payée", choose(page.status_filter, "Payée")),
        ("period: Ce mois", choose(page.period_filter, "Ce mois")),
        ("client: one client", lambda: page.set_client(client_id, "client")),
        ("client cleared", lambda: page.set_client(None)),
    ]
    results: dict[str, list[float]] = {name: [] for name, _ in steps}
    for _ in range(rounds):
        for name, action in steps:
            started = time.perf_counter()
            action()
            spin(app, lambda: page.model.fresh)
            page.table.viewport().repaint()
            results[name].append((time.perf_counter() - started) * 1000)
            spin(app, lambda: page.model.complete and tasks.pending == 0)
        choose(page.kind_filter, "Tous les types")()  # back to every document, untimed
        choose(page.period_filter, "Tout")()
        spin(app, lambda: page.model.complete and tasks.pending == 0)
    busy = []
    for _ in range(rounds):
        choose(page.kind_filter, "Facture")()
        spin(app, lambda: page.model.complete and tasks.pending == 0)
        choose(page.kind_filter, "Tous les types")()
        spin(app, lambda: page.model.fresh)
        started = time.perf_counter()  # the whole 1M id snapshot is still being read
        choose(page.kind_filter, "Devis")()
        spin(app, lambda: page.model.fresh)
        page.table.viewport().repaint()
        busy.append((time.perf_counter() - started) * 1000)
        spin(app, lambda: page.model.complete and tasks.pending == 0)
    page.close()
    return results, busy


# -- baseline ----------------------------------------------------------------------------------

def naive_list(app, ctx, count: int):
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from extradesk.services.documents import drafts as documents
    from extradesk.ui.tablemodels.documents_model import format_row

    started = time.perf_counter()
    ids = documents.document_ids(ctx)[:count]
    model = QStandardItemModel(0, 8)
    for start in range(0, len(ids), 5000):
        for r in documents.document_rows(ctx, ids[start:start + 5000]):
            model.appendRow([QStandardItem(t) for t in format_row(r).texts])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(1)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 700)
    view.show()
    view.viewport().repaint()
    return (time.perf_counter() - started) * 1000, view, proxy


def naive_filter(view, proxy, texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        started = time.perf_counter()
        proxy.setFilterFixedString(text)
        view.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    proxy.setFilterFixedString("")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--naive-rows", type=int, default=100_000)
    parser.add_argument("--db-dir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    args.db_dir.mkdir(parents=True, exist_ok=True)
    path = ensure_db(args.db_dir, args.documents, args.clients)
    print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB), Python "
          f"{sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}", flush=True)

    from extradesk import app as gui
    from extradesk.services.context import open_context
    from extradesk.ui.tasks import Tasks

    os.environ["EXTRADESK_HOME"] = tempfile.mkdtemp(prefix="bench-documents-gui-")
    qapp = gui.create_app()
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda _kind, _context, text: None if "propagateSizeHints" in text
                           else print(text, file=sys.stderr))
    ctx, _ = open_context(path, clock=FixedClock(NOW))
    tasks = Tasks(ctx)
    with sqlite3.connect(path) as raw:  # a client with many documents, for its filter
        client_id = raw.execute("SELECT client_id FROM documents GROUP BY client_id "
                                "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        raw.execute("SELECT id FROM documents ORDER BY issue_date DESC, id DESC").fetchall()

    painted, counted, complete = first_paint(qapp, tasks, args.runs)
    changes, busy = filter_changes(qapp, tasks, client_id, args.rounds)
    memory = rss_kb()
    naive_ms, view, proxy = naive_list(qapp, ctx, args.naive_rows)
    naive_filters = naive_filter(view, proxy, ["Facture", "Devis", "Commande", ""])
    naive_memory = rss_kb()

    print(f"\nPièces tab over {args.documents:,} documents (median of {args.runs}; target: "
          "first rows painted ≤ 100 ms)")
    row("", "extradesk", "baseline")
    row("open the tab → first rows painted", ms(painted), ms(naive_ms),
        f"baseline: {args.naive_rows:,} rows into a QStandardItemModel, then paint")
    row("  → exact row count (scrollbar)", ms(counted))
    row("  → every id known (deep scrolling)", ms(complete))
    print(f"\n  filter change → first rows repainted (median of {args.rounds}, previous "
          "snapshot complete)")
    for name, values in changes.items():
        row(name, ms(values))
    row("type filter, QSortFilterProxyModel", "", ms(naive_filters[:3]),
        f"baseline over {args.naive_rows:,} rows, setFilterFixedString + repaint")
    row("filter change while the 1M snapshot still loads", ms(busy), "",
        "worst case: waits for the worker")
    print(f"\n  resident memory: {memory / 1024:.0f} MB with the Pièces tab; "
          f"{naive_memory / 1024:.0f} MB once the naive {args.naive_rows:,}-row model is "
          "loaded too")
    view.close()
    tasks.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
