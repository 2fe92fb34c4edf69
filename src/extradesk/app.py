"""GUI start: paint the main window first, then open the database on the worker thread.

Nothing here imports sqlalchemy or the services before the first paint (importing them costs
about a second on office PCs); the worker imports them while the window is already on screen.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from extradesk import APP_NAME, paths
from extradesk.ui.main_window import MainWindow
from extradesk.ui.qt import (
    GuiThreadGarbageCollector,
    guard_singleton_refcounts,
    skip_feature_source_scan,
)
from extradesk.ui.style import STYLESHEET
from extradesk.ui.tasks import Tasks

BENCH_ENV = "EXTRADESK_BENCH_STARTUP"  # print timestamps for bench/bench_gui.py, then quit


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, in French: locale, Qt's own translations (dialog buttons), style."""
    guard_singleton_refcounts()
    skip_feature_source_scan()
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    if getattr(app, "garbage_collector", None) is None:  # cycles freed on this thread only
        app.garbage_collector = GuiThreadGarbageCollector(app)
    french = QLocale("fr_FR")
    QLocale.setDefault(french)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(french, "qtbase", "_", folder):
        app.installTranslator(translator)
    # The platform's style, which a style sheet hides: the "system" theme goes back to it.
    app.setProperty("extradeskBaseStyle", app.style().name())
    app.setStyleSheet(STYLESHEET)
    return app


def start(db: str | Path | None = None, *, tasks: Tasks | None = None) -> MainWindow:
    """Show the main window; once it has painted, open `db` (default: the user's database)."""
    create_app()
    target = db if db is not None else _default_target()
    window = MainWindow(tasks or Tasks(), lazy=True)
    # open_database builds the search popup and the clients list, then the worker reads the
    # first page; the other pages follow once search is ready (MainWindow._build_other_pages).
    window.first_painted.connect(lambda: window.open_database(target))
    # The log file handler imports logging.handlers (pickle, socket…: ~60 ms of GIL) — not
    # while the worker imports SQLAlchemy for the first list; at the latest 3 s after paint.
    window.clients_loaded.connect(_setup_logging)
    window.first_painted.connect(lambda: QTimer.singleShot(3000, _setup_logging))
    if os.environ.get(BENCH_ENV):
        _report_startup(window)
    window.show()
    return window


def _default_target() -> str | Path:
    """The shared base chosen in Fichier › Base de données partagée…, else the local file.
    Without a saved choice nothing is imported (start-up time)."""
    if not (paths.config_dir() / "shared_database.json").is_file():
        return paths.default_db_path()
    from extradesk.services import shared_server

    return shared_server.saved_url() or paths.default_db_path()


def main(argv: list[str] | None = None, db: str | Path | None = None) -> int:
    app = create_app(argv)
    window = start(db)
    code = app.exec()
    window.close_database()
    window.tasks.shutdown()
    return 1 if window.startup_error else code


def _setup_logging() -> None:
    """Errors go to a file in the data folder: the user sees French, support reads this."""
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger("extradesk")
    if root.handlers:
        return
    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            folder / "extradesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _report_startup(window: MainWindow) -> None:
    """For the benchmark: wall-clock stamps at first paint, when the clients list shows rows
    ("ready") and when search works on the real snapshot ("session")."""

    def stamp(what: str, at: float | None = None) -> None:
        print(f"{BENCH_ENV} {what} {at or time.time():.6f}", flush=True)

    stamped: set[str] = set()

    def shown() -> None:
        if "ready" not in stamped:
            stamped.add("ready")
            window.repaint()  # the rows are painted before the stamp
            stamp("ready")
        session()

    def session() -> None:
        # Search usable: the user known and the real snapshot (not the preview) installed.
        if "session" in stamped or not (window.ready and window.clients_page.model.loaded):
            return
        stamped.add("session")
        window.repaint()
        stamp("session")
        rss = _rss_kb()
        print(f"{BENCH_ENV} rss_kb {rss}", flush=True)
        window.close()
        QApplication.instance().quit()

    window.first_painted.connect(lambda: stamp("painted", window.painted_at))
    window.clients_loaded.connect(shown)
    window.session_ready.connect(session)


def _rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
