"""Where each health-check finding is fixed: the main window opens the list, the tab with
its filter set, or the dialog (the places are named by services.audit's findings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extradesk.core.workflow import DocumentKind, Status

if TYPE_CHECKING:
    from extradesk.ui.main_window import MainWindow


def open_audit(window: MainWindow):
    """Open « Avez-vous les bons réflexes ? » beside the main window (the menu Outils, and
    the home page's score tile, call this); one window, raised when already open."""
    from extradesk.ui.pages.audit_page import AuditDialog

    dialog = getattr(window, "audit_dialog", None)
    if dialog is None:
        dialog = AuditDialog(window.tasks, window)
        dialog.page.open_place.connect(lambda place, item: go_to(window, place, item))
        dialog.finished.connect(lambda _r: setattr(window, "audit_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        window.audit_dialog = dialog
    dialog.show()
    dialog.raise_()
    return dialog


def _tab(window: MainWindow, page) -> None:
    window.tabs.setCurrentWidget(page.parentWidget())
    window.activateWindow()


def go_to(window: MainWindow, place: str, item_id: int = 0) -> None:
    window._build_other_pages()  # noqa: SLF001 - built on first need, as the search does
    kind, _, detail = place.partition(":")
    if kind == "references":
        window.open_references(detail)
    elif kind == "clients":
        window.tabs.setCurrentIndex(0)
        window.show_list()
    elif kind == "search":  # the hint: `**` typed for the user, who adds a name
        window.search_edit.setText("**")
        window.search_edit.setFocus()
        window.activateWindow()
    elif place == "articles:to_classify":
        _tab(window, window.articles_page)
        window.articles_page.to_classify.setChecked(True)
    elif place == "articles:notices":
        _tab(window, window.articles_page)
        window.dialog = window.articles_page.open_article(item_id or None)
    elif kind == "agenda":
        from extradesk.ui.agenda.account_dialog import AccountDialog

        window._open(AccountDialog(window.tasks, item_id or None, window))  # noqa: SLF001
    elif kind == "exports":  # by its key: tabs come and go before it (« Relances »)
        from extradesk.ui.main_window import TABS

        window.tabs.setCurrentIndex([key for key, _title in TABS].index("exports"))
    elif kind == "sms":
        window.open_preferences()
    elif kind == "users":
        window.open_users()
    elif place == "documents:quotes_sent":
        page = window.documents_page
        _tab(window, page)
        page.kind_filter.setCurrentIndex(page.kind_filter.findData(DocumentKind.QUOTE))
        page.status_filter.setCurrentIndex(page.status_filter.findData(Status.SENT))
