"""Benchmark: GUI start-up, clients list, search as you type and memory, beside the naive way.

    .venv/bin/python bench/bench_gui.py --clients 100000 --db bench/out/clients-100000.sqlite3

Builds the demo database with services.demo.generate when the file is missing. Cold start
runs the real application in fresh processes (EXTRADESK_BENCH_STARTUP=1 makes it print wall
clock stamps at first paint, when the clients list shows its first rows — read with sqlite3
before SQLAlchemy loads — and when search works on the full snapshot, then quit). The baselines,
in the same run: a bare PySide6 window (the floor nobody can beat), and the naive app that
opens the database and loads every client into a QStandardItemModel behind a
QSortFilterProxyModel before showing anything; keystrokes are timed against that proxy's
setFilterFixedString. Offscreen platform; Python bytecode cached under bench/out.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent / "out"
STAMP = "EXTRADESK_BENCH_STARTUP"

FLOOR = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("extradesk")); w.menuBar().addMenu("Fichier")
w.resize(1200, 760); w.show()
QTimer.singleShot(0, lambda: (print("STAMP painted", time.time(), flush=True), app.quit()))
app.exec()
"""

NAIVE = """
import sys, time
from extradesk.ui.qt import guard_singleton_refcounts
guard_singleton_refcounts()  # PySide6 6.12 on Python 3.11 would abort this loop otherwise
from PySide6.QtCore import QSortFilterProxyModel, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from extradesk.i18n import format as fmt
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
app = QApplication([])
ctx, _ = open_context(sys.argv[1])
ids = clients.client_ids(ctx)
model = QStandardItemModel(0, 6)
for start in range(0, len(ids), 5000):
    for r in clients.client_rows(ctx, ids[start:start + 5000]):
        model.appendRow([QStandardItem(v) for v in (r.name, r.postal_code, r.city,
                                                    fmt.phone(r.phone), r.email, r.status)])
proxy = QSortFilterProxyModel(); proxy.setSourceModel(model)
view = QTableView(); view.setModel(proxy)
w = QMainWindow(); w.setCentralWidget(view); w.resize(1200, 760); w.show()
def done():
    w.repaint()
    print("STAMP painted", time.time(), flush=True)
    print("STAMP ready", time.time(), flush=True)
    rss = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]
    print("STAMP rss_kb", rss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = "import sys; from extradesk.app import main; raise SystemExit(main(db=sys.argv[1]))"


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ensure_db(path: Path, clients: int) -> None:
    if path.exists():
        return
    from extradesk.services import users
    from extradesk.services.context import open_context
    from extradesk.services.demo import clients as demo

    print(f"building {path} with {clients:,} demo clients…", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    ctx, _ = open_context(path)
    ctx.user_id = users.ensure_a_user(ctx)
    report, _changes = demo.generate(ctx, clients=clients, seed=1)
    ctx.db.dispose()
    print(f"  {report.clients:,} clients, {report.ouvrages:,} ouvrages in {report.seconds:.1f} s")


# -- cold start (fresh processes) ------------------------------------------------------------

def run_process(code: str, db: Path, home: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(EXTRADESK_HOME=home, PYTHONPYCACHEPREFIX=str(OUT / "pycache"), **{STAMP: "1"})
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, str(db)], env=env, capture_output=True,
                          text=True, timeout=300)
    figures = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in (STAMP, "STAMP"):
            value = float(parts[2])
            figures[parts[1]] = value if parts[1] == "rss_kb" else (value - started) * 1000
    if "painted" not in figures:
        raise RuntimeError(f"no stamp from the process:\n{done.stdout}\n{done.stderr[-2000:]}")
    return figures


def cold_start(db: Path, runs: int) -> dict[str, dict[str, float]]:
    home = tempfile.mkdtemp(prefix="bench-gui-")
    results = {}
    for name, code in (("extradesk", APP), ("bare PySide6 window", FLOOR),
                       ("naive app", NAIVE)):
        run_process(code, db, home)  # warm the bytecode and file caches
        samples = [run_process(code, db, home) for _ in range(runs if name != "naive app"
                                                              else max(1, runs // 2))]
        results[name] = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    return results


# -- in-process: list first paint, keystrokes ------------------------------------------------

def spin(app, until, timeout: float = 60.0) -> None:
    """Run the event loop until `until()`: sleeping in it, as the real loop does (a busy
    loop would hold the GIL and slow the database worker down)."""
    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + timeout
    app.processEvents()
    while not until():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if time.perf_counter() > end:
            raise TimeoutError("the GUI did not answer in time")


def list_first_paint(app, tasks, runs: int) -> list[float]:
    from extradesk.ui.pages.clients_page import ClientsPage

    times = []
    for _ in range(runs):
        page = ClientsPage(tasks)
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        started = time.perf_counter()
        page.model.reload()
        spin(app, lambda p=page: p.model.loaded)
        page.table.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
        page.close()
        spin(app, lambda: tasks.pending == 0)
        drop(page)
    return times


def drop(widget) -> None:
    """Delete a top-level widget now. processEvents() outside exec() never runs deferred
    deletes, and the page's signal lambdas keep its Python side alive: without this each
    measured page (its 100,000-id snapshot and its rows) stayed in memory, +58 MB for seven."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def naive_list(app, ctx):
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from extradesk.i18n import format as fmt
    from extradesk.services.clients import records as clients

    started = time.perf_counter()
    ids = clients.client_ids(ctx)
    model = QStandardItemModel(0, 6)
    for start in range(0, len(ids), 5000):
        for r in clients.client_rows(ctx, ids[start:start + 5000]):
            model.appendRow([QStandardItem(v) for v in (r.name, r.postal_code, r.city,
                                                        fmt.phone(r.phone), r.email, r.status)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 700)
    view.show()
    view.viewport().repaint()
    return (time.perf_counter() - started) * 1000, view, proxy


def queries(ctx, count: int, seed: int = 7) -> list[str]:
    """What people type: names, name + first name, cities, phone starts, e-mail parts."""
    from extradesk.i18n import format as fmt
    from extradesk.services.clients import records as clients

    rng = random.Random(seed)
    ids = clients.client_ids(ctx)
    rows = clients.client_rows(ctx, rng.sample(ids, min(len(ids), count * 2)))
    out: list[str] = []
    for i, r in enumerate(rows):
        last = r.name.split(" (")[-1].split()[0].title() if r.name else ""
        kind = i % 5
        if kind == 0 and last:
            out.append(last[:rng.randint(3, 7)].lower())
        elif kind == 1 and " " in r.name:
            out.append(f"{last.lower()} {r.name.split()[-1][:2].lower()}")
        elif kind == 2 and r.city:
            out.append(r.city[:rng.randint(4, 8)])
        elif kind == 3 and r.phone:
            out.append(fmt.phone(r.phone)[:8])
        elif r.email:
            out.append(r.email.split("@")[0][:6])
        if len(out) == count:
            break
    return out


def type_char(app, widget, char: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        app.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def keystrokes(app, window, texts: list[str]) -> list[float]:
    search, times = window.search, []
    for text in texts:
        search.edit.clear()
        app.processEvents()
        for char in text:
            started = time.perf_counter()
            type_char(app, search.edit, char)
            spin(app, lambda: search.shown_seq == search.seq and window.tasks.pending == 0)
            search.popup.repaint()
            times.append((time.perf_counter() - started) * 1000)
    search.hide_results()
    return times


def naive_keystrokes(app, view, proxy, texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        for n in range(1, len(text) + 1):
            started = time.perf_counter()
            proxy.setFilterFixedString(text[:n])
            view.viewport().repaint()
            times.append((time.perf_counter() - started) * 1000)
    proxy.setFilterFixedString("")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="default: bench/out/clients-<N>.sqlite3")
    parser.add_argument("--runs", type=int, default=5, help="cold starts per variant")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--naive-queries", type=int, default=15)
    args = parser.parse_args(argv)
    db = args.db or OUT / f"clients-{args.clients}.sqlite3"
    ensure_db(db, args.clients)

    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB); load average at start "
          f"{_load()} (2 shared cores: figures move with it)\n", flush=True)
    starts = cold_start(db, args.runs)
    ours, floor, naive = starts["extradesk"], starts["bare PySide6 window"], starts["naive app"]
    print("cold start (fresh process, median)   extradesk    baseline")
    print(f"  process start → first paint         {ours['painted']:7.0f} ms  "
          f"{floor['painted']:7.0f} ms bare PySide6 window · {naive['painted']:.0f} ms naive app")
    print(f"  process start → clients list shown  {ours['ready']:7.0f} ms  "
          f"{naive['ready']:7.0f} ms naive app (all rows, proxy model)")
    print(f"  process start → search ready        {ours['session']:7.0f} ms  "
          f"{naive['ready']:7.0f} ms naive app")
    print(f"  resident memory, list open          {ours['rss_kb'] / 1024:7.0f} MB  "
          f"{naive['rss_kb'] / 1024:7.0f} MB naive app", flush=True)

    from PySide6.QtWidgets import QApplication

    from extradesk import app as gui
    from extradesk.services import users
    from extradesk.services.context import open_context
    from extradesk.ui.main_window import MainWindow
    from extradesk.ui.tasks import Tasks

    os.environ["EXTRADESK_HOME"] = tempfile.mkdtemp(prefix="bench-gui-")
    qapp: QApplication = gui.create_app()
    ctx, _ = open_context(db)
    tasks = Tasks(ctx)
    window = MainWindow(tasks)
    window.resize(1200, 760)
    window.show()
    window.start_session()
    spin(qapp, lambda: window.ready and window.clients_page.model.loaded and tasks.pending == 0)
    ctx.user_id = users.last_user_id(ctx)

    paints = list_first_paint(qapp, tasks, 7)
    texts = queries(ctx, args.queries)
    ours_keys = keystrokes(qapp, window, texts)
    memory = rss_kb()
    naive_ms, view, proxy = naive_list(qapp, ctx)
    naive_keys = naive_keystrokes(qapp, view, proxy, texts[:args.naive_queries])
    print("\nin one process                         extradesk    baseline")
    print(f"  clients tab first paint (median)    {statistics.median(paints):7.1f} ms  "
          f"{naive_ms:7.0f} ms QStandardItemModel + QSortFilterProxyModel")
    print(f"  keystroke → results painted p50     {percentile(ours_keys, .5):7.1f} ms  "
          f"{percentile(naive_keys, .5):7.1f} ms proxy setFilterFixedString")
    print(f"  keystroke → results painted p95     {percentile(ours_keys, .95):7.1f} ms  "
          f"{percentile(naive_keys, .95):7.1f} ms")
    print(f"  ({len(ours_keys)} keystrokes in {len(texts)} queries; baseline "
          f"{len(naive_keys)} keystrokes in {args.naive_queries} queries)")
    print(f"  resident memory after list + search {memory / 1024:7.0f} MB  "
          f"{rss_kb() / 1024:7.0f} MB once the naive model is loaded too")
    print(f"load average at the end {_load()}")
    view.close()
    window.close()
    tasks.shutdown()
    return 0


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
