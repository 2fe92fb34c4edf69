"""Benchmark: the preferences on the 100,000-client demo database — reading them, the
dialog's form, the mandatory-field check on client creation, switching the theme of a main
window that shows the clients list; each beside the naive way, same run.

    .venv/bin/python bench/bench_preferences.py [--db /tmp/bench/clients-100000.sqlite3]
                                                [--runs 200]

The database given is COPIED to a temporary folder first (never written in place).
1. Every option of a user: `preferences.get_all` (one SELECT) beside one `preferences.get`
   per option (a connection and a SELECT each: what the old dialog did per option).
2. The dialog's form: `preference_forms.describe` (values + the reference lists offered).
3. `clients.create_client` with three mandatory fields set in the preferences, beside the
   same call with none (the price of reading the rule: one SELECT).
4. Theme: `ui.style.apply_theme` dark -> light -> system on a main window showing the
   100,000 clients, beside `app.setStyleSheet` of the same sheet (the re-polish every
   window already pays once at start).
5. The dialog, built and filled (save button enabled) on the worker, beside an empty
   QDialog shown (Qt's floor).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from extradesk.services import preference_forms, preferences, users  # noqa: E402
from extradesk.services.clients import records  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402
from extradesk.services.dto import ClientInput  # noqa: E402


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


def services_part(ctx, runs: int) -> None:
    keys = list(preferences.OPTIONS)
    print(f"1. all {len(keys)} options of a user")
    print(f"   get_all (one SELECT)          {ms(timed(lambda: preferences.get_all(ctx), runs))}")
    print(f"   naive: get() per option       "
          f"{ms(timed(lambda: [preferences.get(ctx, k) for k in keys], runs))}")
    print("2. the dialog's form")
    print(f"   describe                      "
          f"{ms(timed(lambda: preference_forms.describe(ctx), runs))}")
    print("3. create_client (100,000 clients in the base)")
    n = iter(range(10**6))

    def create():
        i = next(n)
        records.create_client(ctx, ClientInput(
            last_name=f"Banc{i}", first_name="Essai", phone_mobile=f"06 12 {i // 100 % 100:02d} "
            f"{i % 100:02d} 00", billing_city="Lyon", email=f"banc{i}@exemple.fr"))

    few = max(20, runs // 4)
    preferences.set_value(ctx, "clients.required_fields", value=())
    plain = timed(create, few)
    preferences.set_value(ctx, "clients.required_fields",
                          value=("phone", "email", "billing_city"))
    ruled = timed(create, few)
    print(f"   with 3 mandatory fields       {ms(ruled)}")
    print(f"   baseline: no rule             {ms(plain)}")


def gui_part(ctx, runs: int) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    from extradesk.app import create_app
    from extradesk.ui.dialogs.preferences_dialog import PreferencesDialog
    from extradesk.ui.main_window import MainWindow
    from extradesk.ui.style import STYLESHEET, apply_theme
    from extradesk.ui.tasks import Tasks

    app = create_app()
    tasks = Tasks(ctx)
    window = MainWindow(tasks)
    window.resize(1200, 800)
    window.show()
    window.start_session()
    deadline = time.perf_counter() + 120
    while not (window.ready and window.clients_page.model.loaded):
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("the main window did not load in 2 minutes")
    rows = window.clients_page.model.rowCount()

    def paint_all() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.repaint()
        app.processEvents()

    few = max(5, runs // 20)
    switches = []
    for _ in range(few):
        for theme in ("dark", "light", "system"):
            start = time.perf_counter()
            apply_theme(theme)
            paint_all()
            switches.append(time.perf_counter() - start)

    def sheet() -> None:
        app.setStyleSheet(STYLESHEET)
        paint_all()

    print(f"4. theme switch, main window over {rows:,} clients, repainted")
    print(f"   apply_theme                   {ms(switches)}")
    print(f"   baseline: setStyleSheet       {ms(timed(sheet, few * 3))}")

    opened = []
    for _ in range(few * 2):
        start = time.perf_counter()
        dialog = PreferencesDialog(tasks, "Banc", window)
        dialog.show()
        while not dialog.save_button.isEnabled():
            app.processEvents()
        dialog.repaint()
        opened.append(time.perf_counter() - start)
        dialog.reject()
        dialog.deleteLater()
        app.processEvents()

    def empty() -> None:
        dialog = QDialog(window)
        dialog.resize(820, 560)
        dialog.show()
        dialog.repaint()
        dialog.reject()
        dialog.deleteLater()
        app.processEvents()

    print("5. preferences dialog shown and filled")
    print(f"   PreferencesDialog             {ms(opened)}")
    print(f"   baseline: empty QDialog       {ms(timed(empty, few * 2))}")
    window.close()
    tasks.shutdown(dispose=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bench/clients-100000.sqlite3")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-prefs-") as folder:
        copy = Path(folder) / "prefs.sqlite3"
        shutil.copyfile(args.db, copy)  # never write to the shared bench database
        os.environ["EXTRADESK_HOME"] = str(Path(folder) / "home")
        ctx, _ = open_context(copy)
        ctx.user_id = users.ensure_a_user(ctx)
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
              f"{os.getloadavg()[2]:.2f} (1/5/15 min), {os.cpu_count()} cores; "
              f"python {sys.version.split()[0]}")
        preferences.set_values(ctx, values={"appearance.theme": "light", "search.mode":
                                            "starts_with", "dashboard.tiles": ("cash",)})
        services_part(ctx, args.runs)
        gui_part(ctx, args.runs)
        print(f"load after: {os.getloadavg()[0]:.2f}")
        ctx.db.dispose()


if __name__ == "__main__":
    main()
