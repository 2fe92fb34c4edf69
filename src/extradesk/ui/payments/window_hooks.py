"""What payments add to the main window: the « Relances » tab (loaded when first shown)
and the « Règlements » menu (cheque deposits, closings, reminder templates)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extradesk.ui.payments.reminders_page import RemindersPage

if TYPE_CHECKING:
    from extradesk.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """After the pages are built: window.reminders_page and the menu's actions."""
    page = RemindersPage(window.tasks)
    window.reminders_page = page
    window._holders["reminders"].addWidget(page)  # the « Relances » tab of main_window.TABS

    def tab_shown(_index: int) -> None:
        if window.tabs.currentWidget() is page.parentWidget() and not page.loaded \
                and window.tasks.ctx is not None:
            page.reload()

    window.tabs.currentChanged.connect(tab_shown)
    window.tasks.changed.connect(page.apply_changes)
    page.open_document.connect(window.open_document)

    menu = window.menuBar().addMenu("&Règlements")
    window.deposit_action = menu.addAction("Remise de chèques en banque…")
    window.closing_action = menu.addAction("Clôture de caisse (jour, mois, année)…")
    menu.addSeparator()
    window.reminders_action = menu.addAction("Relances des impayés")
    window.reminder_templates_action = menu.addAction("Modèles de relance…")
    window.deposit_action.triggered.connect(lambda: open_deposit(window))
    window.closing_action.triggered.connect(lambda: open_closing(window))
    window.reminders_action.triggered.connect(
        lambda: window.tabs.setCurrentWidget(page.parentWidget()))
    window.reminder_templates_action.triggered.connect(page.open_templates)
    actions = (window.deposit_action, window.closing_action, window.reminders_action,
               window.reminder_templates_action)

    def enable(ready: bool = True) -> None:
        for action in actions:
            action.setEnabled(ready)

    enable(window.ready)
    window.session_ready.connect(enable)


def open_deposit(window) -> None:
    from extradesk.ui.payments.deposit_dialog import DepositDialog

    window._open(DepositDialog(window.tasks, window))


def open_closing(window) -> None:
    from extradesk.ui.payments.closing_dialog import ClosingDialog

    window._open(ClosingDialog(window.tasks, window))
