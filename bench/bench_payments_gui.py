"""Benchmark: the Pièces tab filtered on « en retard » (payment state), first rows painted,
on the 100,000-client demo database with payments, beside a naive per-invoice sum.

    .venv/bin/python bench/bench_payments_gui.py [--source /tmp/bench/exports-100000.sqlite3]
                                                 [--db bench/out/payui-100000.sqlite3]

The database: `--db` when it exists; else a COPY of `--source` (the shared demo database
made by bench_exports.py, never written to) upgraded to the current schema, whose issued
invoices get their demo payments (services.demo.payments, seed 1, fixed clock 28/11/2026)
when it has none; else bench_payments.build (the whole demo set, ~7 minutes).

In one process, offscreen, median of --runs:
- extradesk, cold: a new DocumentsPage whose status combo is set to « En retard » before its
  first load, until the first page (ids from figures.ids_by_state, rows and the page's
  figures in two queries) is painted; then until the count is exact;
- extradesk, warm: the tab already showing every document, the filter chosen, until the new
  first page is painted;
- the Relances tab: its overdue list by client read and formatted on the worker, painted;
- baseline, same process: every issued invoice read, its allocations summed with one query
  per invoice, the late ones kept in Python, formatted into a QStandardItemModel, painted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_gui import rss_kb, spin  # noqa: E402
from bench_payments import NOW, build  # noqa: E402
from extradesk.core.clock import FixedClock  # noqa: E402

LATE = "En retard"


def ensure_db(path: Path, source: Path, clients: int) -> Path:
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        build(path, clients)
        return path
    print(f"copying {source} → {path} (the shared file is never written to)", flush=True)
    with sqlite3.connect(source) as src, sqlite3.connect(path) as dst:
        src.backup(dst)  # a consistent copy even if its WAL holds pages
    from extradesk.services import users
    from extradesk.services.context import open_context
    from extradesk.services.demo import payments as demo_payments

    ctx, _ = open_context(path, clock=FixedClock(NOW))  # upgrades to the current schema
    ctx.user_id = users.ensure_a_user(ctx)
    with ctx.db.engine.connect() as conn:
        paid = conn.exec_driver_sql("SELECT COUNT(*) FROM payments").scalar()
        first, last = conn.exec_driver_sql("SELECT MIN(id), MAX(id) FROM clients").one()
    if not paid:
        started = time.perf_counter()
        report = demo_payments.generate_payments(ctx, client_ids=range(first, last + 1),
                                                 seed=1)
        print(f"  demo payments generated in {time.perf_counter() - started:.0f} s: {report}",
              flush=True)
    ctx.db.dispose()
    backups = path.parent / "backups"
    if backups.exists():  # the copy made before the upgrade: not needed for a bench
        shutil.rmtree(backups, ignore_errors=True)
    return path


def ms(values) -> str:
    return f"{statistics.median(values):8.1f} ms" if isinstance(values, list) \
        else f"{values:8.1f} ms"


def cold_first_paint(app, tasks, runs: int) -> tuple[list[float], list[float], int]:
    from extradesk.ui.pages.documents_page import DocumentsPage

    painted, counted, rows = [], [], 0
    for _ in range(runs):
        page = DocumentsPage(tasks)
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        combo = page.status_filter
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findText(LATE))
        combo.blockSignals(False)
        model = page.model
        marks: dict[str, float] = {}
        model.count_loaded.connect(lambda m=marks: m.setdefault("count", time.perf_counter()))
        started = time.perf_counter()
        page.apply_filters()  # what the tab does when first shown with this filter
        spin(app, lambda m=model: m.loaded and m.fresh)
        page.table.viewport().repaint()
        painted.append((time.perf_counter() - started) * 1000)
        spin(app, lambda m=model: m.complete and tasks.pending == 0)
        counted.append((marks.get("count", time.perf_counter()) - started) * 1000)
        rows = model.rowCount()
        assert model.data(model.index(0, 5)).endswith("en retard"), model.data(
            model.index(0, 5))
        assert model.data(model.index(0, 9)), "the remaining amount is painted"
        page.close()
        page.deleteLater()
        spin(app, lambda: tasks.pending == 0)
    return painted, counted, rows


def warm_filter(app, tasks, runs: int) -> list[float]:
    from extradesk.ui.pages.documents_page import DocumentsPage

    page = DocumentsPage(tasks)
    page.resize(1200, 700)
    page.show()
    page.reload()
    spin(app, lambda: page.model.complete and tasks.pending == 0)
    combo = page.status_filter
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        combo.setCurrentIndex(combo.findText(LATE))
        spin(app, lambda: page.model.fresh)
        page.table.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
        spin(app, lambda: page.model.complete and tasks.pending == 0)
        combo.setCurrentIndex(0)  # every document again, untimed
        spin(app, lambda: page.model.complete and tasks.pending == 0)
    page.close()
    return times


def reminders_tab(app, tasks, runs: int) -> tuple[list[float], int]:
    """The Relances tab: the overdue list by client (and the levels due today) read and
    formatted on the worker, the table painted."""
    from extradesk.ui.payments.reminders_page import RemindersPage

    times, rows = [], 0
    for _ in range(runs):
        page = RemindersPage(tasks)
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        started = time.perf_counter()
        page.reload()
        spin(app, lambda p=page: p.loaded)
        page.table.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
        rows = len(page.rows)
        page.close()
        page.deleteLater()
        spin(app, lambda: tasks.pending == 0)
    return times, rows


def naive_late_list(app, ctx):
    """Every issued invoice, its paid sum asked one by one, late ones kept, into a
    QStandardItemModel, then painted."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from extradesk.i18n import format as fmt
    from extradesk.services.documents import drafts as documents
    from extradesk.ui.tablemodels.documents_model import format_row

    started = time.perf_counter()
    today = ctx.clock.today().isoformat()
    late = []
    with ctx.db.engine.connect() as conn:
        docs = conn.exec_driver_sql(
            "SELECT id, due_date, gross - deposits FROM documents WHERE kind IN "
            "('facture', 'acompte') AND issued_at IS NOT NULL "
            "ORDER BY issue_date DESC, id DESC").all()
        for doc_id, due, net in docs:
            paid = conn.exec_driver_sql(
                "SELECT COALESCE(SUM(amount), 0) FROM payment_allocations "
                f"WHERE document_id = {doc_id}").scalar()
            if due is not None and str(due) < today and net - paid > 0:
                late.append((doc_id, paid, net - paid))
    model = QStandardItemModel(0, 10)
    rows = {r.id: r for r in documents.document_rows(ctx, [d for d, _p, _r in late])}
    for doc_id, paid, remaining in late:
        texts = format_row(rows[doc_id]).texts[:8]
        model.appendRow([QStandardItem(t) for t in texts]
                        + [QStandardItem(fmt.money(paid / 100)),
                           QStandardItem(fmt.money(remaining / 100))])
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    view.viewport().repaint()
    elapsed = (time.perf_counter() - started) * 1000
    view.close()
    return elapsed, len(late)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/bench/exports-100000.sqlite3"))
    parser.add_argument("--db", type=Path, default=HERE / "out" / "payui-100000.sqlite3")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    path = ensure_db(args.db, args.source, args.clients)
    print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB), Python "
          f"{sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, load "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    from extradesk import app as gui
    from extradesk.services.context import open_context
    from extradesk.ui.tasks import Tasks

    os.environ["EXTRADESK_HOME"] = tempfile.mkdtemp(prefix="bench-payments-gui-")
    qapp = gui.create_app()
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda _kind, _context, text: None if "propagateSizeHints" in text
                           else print(text, file=sys.stderr))
    ctx, _ = open_context(path, clock=FixedClock(NOW))
    with ctx.db.engine.connect() as conn:
        counts = conn.exec_driver_sql(
            "SELECT (SELECT COUNT(*) FROM clients), (SELECT COUNT(*) FROM documents), "
            "(SELECT COUNT(*) FROM documents WHERE kind IN ('facture', 'acompte') AND "
            "issued_at IS NOT NULL), (SELECT COUNT(*) FROM payments)").one()
    print(f"{counts[0]:,} clients, {counts[1]:,} documents ({counts[2]:,} issued invoices), "
          f"{counts[3]:,} payments", flush=True)
    tasks = Tasks(ctx)
    painted, counted, rows = cold_first_paint(qapp, tasks, args.runs)
    warm = warm_filter(qapp, tasks, args.runs)
    relances, overdue_rows = reminders_tab(qapp, tasks, args.runs)
    memory = rss_kb()
    naive_ms, naive_rows = naive_late_list(qapp, ctx)
    assert naive_rows == rows, (naive_rows, rows)
    print(f"\nPièces tab filtered on « en retard » ({rows:,} invoices; median of {args.runs}; "
          "target: first rows painted ≤ 100 ms)")
    print(f"  first paint, new tab with the filter        {ms(painted)}   "
          f"(count exact after {ms(counted).strip()})")
    print(f"  filter chosen on the open tab → repainted   {ms(warm)}")
    print(f"  naive: per-invoice sums + full model + paint {ms(naive_ms)}  (one run)")
    print(f"  Relances tab: overdue by client ({overdue_rows:,} invoices) read, formatted, "
          f"painted {ms(relances)}")
    print(f"  resident memory: {memory / 1024:.0f} MB; load after: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tasks.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
