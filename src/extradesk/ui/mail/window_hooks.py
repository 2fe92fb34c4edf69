"""What mail adds to the main window: the « Envoi » tab, the count waiting in the status bar,
the sender running in the background, and the dialogs of the Fichier menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from extradesk.ui.mail.outbox_page import OutboxPage
from extradesk.ui.mail.sender_runner import OutboxRunner, waiting_text
from extradesk.ui.style import label

if TYPE_CHECKING:
    from extradesk.ui.main_window import MainWindow

SENDER_START_DELAY_MS = 3000


def install(window: MainWindow) -> None:
    """After the pages are built: window.outbox_runner, window.outbox_page, the status bar."""
    runner = OutboxRunner(window.tasks, window)
    page = OutboxPage(window.tasks, runner)
    window.outbox_runner, window.outbox_page = runner, page
    window._holders["outbox"].addWidget(page)  # the « Envoi » tab of main_window.TABS
    status = label("", "hint")
    status.setObjectName("outboxStatus")
    status.hide()
    window.statusBar().addPermanentWidget(status)
    window.outbox_status = status

    def show(text: str) -> None:
        status.setText(text)
        status.setVisible(bool(text))

    runner.waiting.connect(lambda count: show(waiting_text(count)))
    runner.progress.connect(lambda done, expected: show(
        f"Envoi des messages : {done} / {expected}"))
    runner.failed.connect(lambda text: window.statusBar().showMessage(
        f"Envoi des messages interrompu : {text}", 15000))

    def tab_shown(_index: int) -> None:  # the list loads when first shown, not at start-up
        if window.tabs.currentWidget() is page.parentWidget() and not page.model.loaded \
                and window.tasks.ctx is not None:
            page.reload()

    window.tabs.currentChanged.connect(tab_shown)
    # The first drain reads the outbox tables (and SQLModel): not while the first searches
    # are served. The other pages are built once the session is up, so it may be up already.
    def start_later() -> None:
        QTimer.singleShot(SENDER_START_DELAY_MS, runner, runner.start)

    if window.ready:
        start_later()
    else:
        window.session_ready.connect(start_later)
    page.open_document.connect(window.open_document)
    window.tasks.changed.connect(page.apply_changes)
    window.tasks.changed.connect(runner.on_changes)
    from extradesk.ui.sms import window_hooks as sms_hooks

    sms_hooks.install(window)  # the appointment reminders queued while the window is open


def open_smtp(window) -> None:
    from extradesk.ui.mail.smtp_dialog import SmtpDialog

    window._open(SmtpDialog(window.tasks, window))


def open_templates(window) -> None:
    from extradesk.ui.mail.templates_dialog import TemplatesDialog

    window._open(TemplatesDialog(window.tasks, window))
