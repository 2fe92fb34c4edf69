"""The shared database's server at start-up and during work, as the user meets it."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from ui_helpers import wait_for

from extradesk import app
from extradesk.services.clients import records as clients
from extradesk.services.context import open_context
from extradesk.services.dto import ClientInput


def _dead_url() -> str:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/bureau"


@pytest.fixture
def started(qtbot):
    windows = []

    def start(target):
        window = app.start(target)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        qtbot.waitUntil(lambda w=window: w.tasks.pending == 0, timeout=20_000)
        window.tasks.shutdown()


def _buttons(box: QMessageBox) -> dict:
    return {b.text(): b for b in box.buttons()}


def test_an_unreachable_server_offers_retry_and_a_local_base(qtbot, started, tmp_path,
                                                             monkeypatch, pg_url):
    window = started(_dead_url())
    box = wait_for(qtbot, QMessageBox, "serverUnreachableBox")
    assert "ne répond pas" in box.text() and "Traceback" not in box.text()
    assert set(_buttons(box)) == {"Réessayer", "Ouvrir une base locale…", "Quitter"}
    box.grab().save("/tmp/pg-unreachable.png")  # looked at: French text, three buttons

    # The server comes back (here: the same window pointed at a live one) — Réessayer.
    window._target = pg_url
    _buttons(box)["Réessayer"].click()
    qtbot.waitUntil(lambda: window.ready, timeout=30_000)
    assert window.tasks.ctx.db.url.startswith("postgresql")


def test_a_local_base_can_be_opened_instead(qtbot, started, tmp_path, monkeypatch):
    local = tmp_path / "local.sqlite3"
    ctx, _ = open_context(local)
    clients.create_client(ctx, ClientInput(last_name="Local"))
    ctx.db.dispose()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(local), "")))
    window = started(_dead_url())
    box = wait_for(qtbot, QMessageBox, "serverUnreachableBox")
    _buttons(box)["Ouvrir une base locale…"].click()
    qtbot.waitUntil(lambda: window.ready, timeout=30_000)
    assert window.tasks.ctx.db.sqlite_path == local


def test_a_server_restart_during_work_costs_no_action(pg_server, pg_url):
    """Lost during work: with pool pre-ping the next action reconnects by itself."""
    ctx, _ = open_context(pg_url)
    try:
        first, _ = clients.create_client(ctx, ClientInput(last_name="Avant"))
        pg_server.restart()
        second, _ = clients.create_client(ctx, ClientInput(last_name="Après"))
        assert second == first + 1
        assert clients.get_client(ctx, second).data.last_name == "Après"
    finally:
        ctx.db.dispose()


def _stop_server(pg_server) -> None:
    import pg_server as pg

    pg._as_server_user(str(pg_server.bin / "pg_ctl"), "-D", str(pg_server.folder / "data"),
                       "-m", "fast", "-w", "stop")


def test_the_server_lost_during_work_fails_the_action_in_french_then_reconnects(
        qtbot, started, pg_server, pg_url):
    from extradesk.ui.ops import clients as client_ops

    window = started(pg_url)
    qtbot.waitUntil(lambda: window.ready and window.clients_page.model.loaded, timeout=30_000)
    done = []

    def create(name: str) -> None:  # as the client form saves; errors to the presenter
        client_ops.save(window.tasks, window, client_id=None,
                        data=ClientInput(last_name=name), on_done=done.append)

    _stop_server(pg_server)
    try:
        create("Pendant")
        box = wait_for(qtbot, QMessageBox, "errorBox")
        assert "le serveur de la base partagée ne répond plus" in box.text().lower()
        assert "n'a pas été faite" in box.text() and "Traceback" not in box.text()
        box.grab().save("/tmp/pg2-lost.png")
        box.accept()
    finally:
        pg_server.restart()  # pg_ctl restart starts it again with its former options
    assert window.isVisible() and not done

    create("Après")  # the next action reconnects by itself
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    client_id = done[0][0]
    model = window.clients_page.model
    qtbot.waitUntil(lambda: model.row_of(client_id) is not None, timeout=10_000)
    ctx, _ = open_context(pg_url)
    try:
        assert [c.data.last_name for c in [clients.get_client(ctx, client_id)]] == ["Après"]
        assert clients.count_clients(ctx) == 1  # nothing of the failed action was written
    finally:
        ctx.db.dispose()


def test_restoring_from_the_menu_on_a_shared_base_explains_the_way(qtbot, started, pg_url):
    window = started(pg_url)
    qtbot.waitUntil(lambda: window.ready, timeout=30_000)
    window.restore_action.trigger()
    box = wait_for(qtbot, QMessageBox, "informBox")
    assert "Créez une base vide sur le serveur" in box.text()
    assert "extradesk restore --db" in box.text()
    box.accept()
