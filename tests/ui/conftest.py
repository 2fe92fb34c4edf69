"""UI fixtures: a database worker over the test Context and a main window (helpers: ui_helpers)."""

from __future__ import annotations

import pytest

from extradesk.ui.main_window import MainWindow
from extradesk.ui.qt import guard_singleton_refcounts
from extradesk.ui.style import STYLESHEET
from extradesk.ui.tasks import Tasks

guard_singleton_refcounts()  # PySide6 6.12 + Python 3.11: see extradesk/ui/qt.py


@pytest.fixture
def tasks(qapp, ctx):
    from extradesk.services import company

    # Window tests start on an empty database: the « Votre entreprise » step, offered once,
    # is marked seen (test_ui_first_run.py shows it).
    company.first_run_seen(ctx)
    qapp.setStyleSheet(STYLESHEET)
    worker = Tasks(ctx)
    yield worker
    worker.shutdown(dispose=False)  # the ctx fixture closes the database


@pytest.fixture
def idle(qtbot, tasks):
    """Call to wait until the worker has run every queued job and its callback."""
    return lambda: qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


@pytest.fixture
def window(qtbot, tasks):
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.show()
    main.start_session()
    qtbot.waitUntil(lambda: main.ready and main.clients_page.model.loaded, timeout=15_000)
    return main


# -- mail (tests/ui/test_ui_mail_*.py): real SMTP servers, an in-memory keyring --------------

import radicale_server  # noqa: E402
import smtp_server  # noqa: E402

smtp_servers = pytest.fixture(scope="session")(smtp_server.serve)
flaky = pytest.fixture(smtp_server.flaky)
memory_keyring = pytest.fixture(radicale_server.memory_keyring)


@pytest.fixture
def smtp(smtp_servers, monkeypatch, memory_keyring):
    """The servers, emptied, the client side trusting their certificates, passwords in
    memory."""
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_servers.ca_file))
    smtp_servers.reset()
    yield smtp_servers
    smtp_servers.reset()
