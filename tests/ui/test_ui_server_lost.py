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
