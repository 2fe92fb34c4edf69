"""Start-up and the main window: first paint before the database, empty state, menus."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from ui_helpers import wait_for

from extradesk import app
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.documents import drafts as documents


@pytest.fixture
def started(qtbot, tmp_path):
    """app.start() on a database file that does not exist yet, like a first launch."""
    windows = []

    def start(path: Path = tmp_path / "premier.sqlite3"):
        window = app.start(path)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        # Jobs still queued (the agenda's first period after the session) would post work
        # to a pool that is shut down: let them land first.
        qtbot.waitUntil(lambda w=window: w.tasks.pending == 0, timeout=20_000)
        window.tasks.shutdown()


def test_the_shell_is_importable_without_the_database_layers():
    code = ("import sys, extradesk.app; "
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic', "
            "'extradesk.services.clients.records', 'extradesk.services.dto') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_first_launch_paints_then_offers_demo_data(qtbot, started):
    window = started()
    assert window.clients_page is None  # nothing but the shell before the first paint
    with qtbot.waitSignal(window.first_painted):
        pass
    assert window.windowTitle() == "extradesk"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Clients", "Pièces", "Relances", "Articles", "Agenda", "Exports", "Envoi"]
    qtbot.waitUntil(lambda: window.ready and window.clients_page.model.loaded, timeout=20_000)
    page = window.clients_page
    assert page.stack.currentWidget() is page.empty
    assert page.demo_button.text() == "Charger des données de démonstration"
    assert window.user_button.text() == "Utilisateur principal"
    qtbot.waitUntil(lambda: window.articles_page is not None)  # built once search is ready
    assert window.articles_page.objectName() == "articlesPage"  # the Articles tab is real


def test_load_demo_data_from_the_empty_list(qtbot, window, ctx):
    page = window.clients_page
    assert page.empty.isVisible()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QInputDialog, "askIntDialog")
    assert ask.intValue() == 2000
    ask.setIntValue(300)
    with qtbot.waitSignal(page.model.snapshot_loaded, timeout=30_000):
        ask.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.stack.currentWidget() is not page.empty
    assert clients.count_clients(ctx) == page.model.total == 300
    shown = page.model.rowCount()  # some demo clients are archived, hence hidden
    assert page.count_label.text() in ("300 clients", f"{shown} affichés sur 300")
    assert "300 clients" in window.statusBar().currentMessage()
    made = documents.count_documents(ctx)
    assert made > 0 and f"{made} pièces" in window.statusBar().currentMessage().replace(
        "\u202f", " ")


def test_a_database_from_a_newer_version_is_refused_clearly(qtbot, started, tmp_path):
    path = tmp_path / "future.sqlite3"
    context, _ = open_context(path)
    context.db.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    window = started(path)
    box = wait_for(qtbot, QMessageBox, "startupErrorBox")
    assert box.text().startswith("Cette base de données a été créée par une version plus "
                                 "récente d'extradesk")
    assert "Traceback" not in box.text()
    assert not window.ready
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_backup_from_the_file_menu(qtbot, window, ctx):
    window.backup_action.trigger()
    box = wait_for(qtbot, QMessageBox, "informBox")
    path = Path(box.text().split("\n", 1)[1])
    assert path.is_file() and path.suffix == ".sqlite3" and "sauvegarde" in path.name
    assert box.windowTitle() == "Sauvegarde terminée"
    box.close()


def test_a_database_on_a_network_share_is_warned_about(qtbot, tasks, monkeypatch):
    from extradesk.services import context
    from extradesk.ui.main_window import MainWindow

    monkeypatch.setattr(context, "on_network_share", lambda ctx: True)
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    window.show()
    window.start_session()
    box = wait_for(qtbot, QMessageBox, "informBox")
    assert box.text().startswith("Attention : la base semble placée sur un partage réseau")
    box.close()


def test_start_up_shows_the_first_page_before_the_services_then_keeps_the_selection(
        qtbot, started, ctx, db_path):
    """The sqlite3 preview paints the default list while the services load; the real
    snapshot (same ids) then replaces it without a reset: the selection stays."""
    from extradesk.services.dto import ClientInput

    for name in ("Dupont", "Martin", "Bernard", "Petit"):
        clients.create_client(ctx, ClientInput(last_name=name, first_name="Anne"))
    archived, _ = clients.create_client(ctx, ClientInput(last_name="Archer"))
    clients.set_archived(ctx, archived, archived=True)
    ctx.db.dispose()
    window = started(db_path)
    shown = []
    window.first_painted.connect(
        lambda: window.clients_loaded.connect(lambda: shown.append(
            (window.ready, window.clients_page.model.loaded, window.search_edit.isEnabled()))))
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    model = window.clients_page.model
    # Read when the rows showed: by the time waitUntil returns, the session may be ready
    # (in a long test run the services are already imported, so it comes at once).
    assert shown[0] == (False, False, False)  # rows on screen, search not ready yet
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "BERNARD Anne", "DUPONT Anne", "MARTIN Anne", "PETIT Anne"]
    table = window.clients_page.table
    table.selectRow(2)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    qtbot.waitUntil(lambda: window.ready and model.loaded, timeout=20_000)
    assert resets == []
    assert [i.row() for i in table.selectionModel().selectedRows()] == [2]
    assert window.clients_page.count_label.text() == "4 affichés sur 5"
