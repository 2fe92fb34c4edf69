"""What the main window does for the « Accueil » tab: open the list behind a dashboard tile,
and queue the users' dashboard mails when their time comes."""

from __future__ import annotations

from PySide6.QtCore import QTimer

DASHBOARD_MAIL_DELAY_MS = 20_000  # the first look for due dashboard mails, after start-up
DASHBOARD_MAIL_EVERY_MS = 5 * 60_000
# The Pièces status combo's data for a payment state (ui/pages/documents_page.PAY_PREFIX).
LATE_INVOICES = "reglement:en_retard"
PAID_INVOICES = "reglement:reglee"


class HomeActions:
    """Mixed into MainWindow (which has tasks, documents_page and show_tab)."""

    def opens_on_clients_when_empty(self) -> None:
        """A database without clients opens on the Clients tab, where the first client and
        the demonstration data are offered (the dashboard would only show zeros)."""
        if getattr(self, "_first_snapshot_seen", False):
            return
        self._first_snapshot_seen = True
        model = self.clients_page.model
        if model.complete and model.rowCount() == 0 and self.tabs.currentIndex() == 0:
            self.show_tab("clients")

    def open_tile(self, name: str) -> None:
        """The list behind a dashboard tile: overdue and paid invoices open the Pièces list
        on their payment state; the score opens the health check."""
        from extradesk.core.workflow import DocumentKind, Status

        filtered = {
            "quotes": (DocumentKind.QUOTE, None, "year"),
            "followups": (DocumentKind.QUOTE, Status.SENT, "all"),
            "overdue": (DocumentKind.INVOICE, LATE_INVOICES, "all"),
            "cash": (DocumentKind.INVOICE, PAID_INVOICES, "all"),
        }
        tabs = {"revenue": "exports", "appointments": "agenda", "outbox": "outbox"}
        if name == "audit":
            self.open_audit()
        elif name in filtered:
            self.show_tab("documents")
            kind, status, period = filtered[name]
            self.documents_page.show_filtered(kind=kind, status=status, period=period)
        elif name in tabs:
            self.show_tab(tabs[name])

    def _start_dashboard_mails(self) -> None:
        """Queue the users' dashboard mails when their time comes (once per period), well
        after start-up and then every few minutes; the outbox sender sends them."""
        if getattr(self, "_dashboard_timer", None) is not None:
            return
        self._dashboard_timer = QTimer(self)
        self._dashboard_timer.setInterval(DASHBOARD_MAIL_EVERY_MS)
        self._dashboard_timer.timeout.connect(self._queue_dashboard_mails)
        self._dashboard_timer.start()
        QTimer.singleShot(DASHBOARD_MAIL_DELAY_MS, self, self._queue_dashboard_mails)

    def _queue_dashboard_mails(self) -> None:
        from extradesk.ui.ops import dashboard as dashboard_ops

        # A failure (a database busy for long) is retried at the next tick, unannounced.
        dashboard_ops.queue_due_mails(self.tasks, self, on_error=lambda _error: None)

