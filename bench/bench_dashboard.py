"""Benchmark: the « Accueil » tab on the 100,000-client exports database — tab shown until
every tile and both charts are filled and painted — beside a naive dashboard (SQLModel
entities loaded and summed in Python) in the same process.

    .venv/bin/python bench/bench_dashboard.py [--source /tmp/bench/exports-100000.sqlite3]
        [--db bench/out/dashboard-100000.sqlite3] [--runs 7]

The source is COPIED to --db first (never written to); opening the copy upgrades it (the
dashboard's indexes, revision 0015: its time is printed). The clock is fixed on the day after
the last document of the set, so the figures are the same run after run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from extradesk.core.clock import FixedClock  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def prepare(source: Path, target: Path):
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        print(f"copying {source} -> {target}", flush=True)
        shutil.copyfile(source, target)
    started = time.perf_counter()
    ctx, report = open_context(target, clock=FixedClock(NOW))
    if report.before != report.after:
        print(f"  upgraded {report.before} -> {report.after} in "
              f"{time.perf_counter() - started:.1f} s (backup {report.backup})")
    from extradesk.services import users

    ctx.user_id = users.ensure_a_user(ctx)
    return ctx


def services_figures(ctx, runs: int) -> dict[str, float]:
    from extradesk.services.dashboard import tiles

    found = {}
    for name in [*tiles.TILES, *tiles.CHARTS]:
        tiles.figure(ctx, name, user_id=ctx.user_id)  # warm
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            tiles.figure(ctx, name, user_id=ctx.user_id)
            times.append((time.perf_counter() - started) * 1000)
        found[name] = statistics.median(times)
    return found


def naive_dashboard(ctx) -> dict:
    """What a first version would do: load the documents as SQLModel entities and add them up
    in Python (revenue of the periods with the deposit rule, quotes, overdue), the payments
    of the month likewise. Same figures, far more work."""
    import json

    from sqlmodel import Session, select

    from extradesk.models import Document, Payment

    today = ctx.clock.today()
    back = today.replace(year=today.year - 1)
    with Session(ctx.db.engine) as session:
        docs = session.exec(select(Document).where(
            Document.issue_date >= date(back.year, 1, 1))).all()
        deposits = {d.id: d.net for d in docs if d.kind == "acompte" and d.issued_at}
        year = Decimal(0)
        quotes = accepted = 0
        overdue = 0
        for d in docs:
            if d.issued_at and d.kind in ("facture", "acompte", "avoir") and \
                    d.issue_date >= date(today.year, 1, 1):
                net = d.net - sum((deposits.get(r["id"], 0) for r in json.loads(
                    d.deposit_refs)), Decimal(0)) if d.deposit_refs else d.net
                year += -net if d.kind == "avoir" else net
            if d.kind == "devis" and d.issue_date >= date(today.year, 1, 1):
                quotes += 1
                accepted += d.status == "accepte"
            if d.kind in ("facture", "acompte") and d.status in (
                    "emise", "payee_partiellement") and d.due_date and d.due_date < today:
                overdue += 1
        cash = sum((p.amount for p in session.exec(select(Payment).where(
            Payment.day >= today.replace(day=1))).all()), Decimal(0))
    return {"year": year, "quotes": quotes, "accepted": accepted, "overdue": overdue,
            "cash": cash, "documents": len(docs)}


def gui(ctx, runs: int) -> tuple[float, list[float]]:
    """(cold: session start -> home filled; warm: tab shown -> filled and painted, ms)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from extradesk.ui.main_window import MainWindow
    from extradesk.ui.qt import guard_singleton_refcounts
    from extradesk.ui.style import STYLESHEET
    from extradesk.ui.tasks import Tasks

    guard_singleton_refcounts()  # PySide6 6.12 + Python 3.11: see extradesk/ui/qt.py

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(STYLESHEET)
    tasks = Tasks(ctx)
    window = MainWindow(tasks)
    window.resize(1200, 800)
    window.show()
    page = window.home_page

    def wait_filled() -> None:
        # Qt's own loop (it sleeps while idle): a processEvents() spin would hold the GIL
        # against the worker thread and be measured as the page's slowness.
        loop = QEventLoop()
        page.filled.connect(loop.quit)
        loop.exec()
        page.filled.disconnect(loop.quit)

    def wait_idle() -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: tasks.pending or loop.quit())
        poll.start(5)
        loop.exec()
        poll.stop()

    started = time.perf_counter()
    window.start_session()
    wait_filled()
    cold = (page.filled_at - started) * 1000
    from extradesk.services.dashboard import figures

    warm, reread = [], []
    for n in range(2 * runs):
        window.show_tab("outbox")  # a tab whose list is loaded once: the worker stays idle
        wait_idle()
        page.stale = True  # as after a change elsewhere
        if n % 2:  # as after an invoice was issued: the daily revenue series is read again
            figures._DAILY.clear()
        shown = time.perf_counter()
        window.show_tab("home")  # showEvent -> reload
        wait_filled()
        page.repaint()  # painted with every figure
        (reread if n % 2 else warm).append((time.perf_counter() - shown) * 1000)
    window.grab().save(str(OUT / "dashboard-home.png"))
    tasks.shutdown(dispose=False)
    window.close()
    return cold, warm, reread


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("/tmp/bench/exports-100000.sqlite3"))
    parser.add_argument("--db", type=Path, default=OUT / "dashboard-100000.sqlite3")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    ctx = prepare(args.source, args.db)
    figures = services_figures(ctx, args.runs)
    print("services, median of", args.runs, "(ms):",
          ", ".join(f"{k} {v:.1f}" for k, v in figures.items()),
          f"= {sum(figures.values()):.1f} in all")
    cold, warm, reread = gui(ctx, args.runs)
    print(f"home page, session start -> every tile and chart filled (cold: imports, first "
          f"reads): {cold:.0f} ms")
    print(f"home page, tab shown -> every tile and chart filled and painted: median "
          f"{statistics.median(warm):.0f} ms, max {max(warm):.0f} ms (target 300)")
    print(f"  the same after a revenue document was issued (daily series read again): median "
          f"{statistics.median(reread):.0f} ms, max {max(reread):.0f} ms")
    started = time.perf_counter()
    naive = naive_dashboard(ctx)
    naive_ms = (time.perf_counter() - started) * 1000
    from extradesk.services.dashboard import figures as dash

    ours = dash.revenue(ctx)
    from extradesk.services.payments import figures as payments

    assert (dash.overdue(ctx).count, dash.overdue(ctx).amount) == (
        len(payments.overdue(ctx)), payments.overdue_total(payments.overdue(ctx)))
    print(f"naive (SQLModel entities summed in Python, {naive['documents']:,} documents): "
          f"{naive_ms:.0f} ms; year revenue {naive['year']} vs ours {ours.year}")
    print(f"load average after: {os.getloadavg()}")
    ctx.db.dispose()


if __name__ == "__main__":
    main()
