"""The main window: search box, tabs, menus, user switcher; paints before the database opens.

The shell (this module, tasks, style, user_button) is all that is imported and built before
the first paint: no Qt namespace (~45 ms to import), no DTO or i18n module, no page. The pages
are built right after the first paint, then the database opens on the worker.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from extradesk import APP_NAME
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.ops import users as users_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.user_button import UserButton
from extradesk.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    from extradesk.core.changes import Changes
    from extradesk.ui.agenda.agenda_page import AgendaPage
    from extradesk.ui.pages.articles_page import ArticlesPage
    from extradesk.ui.pages.client_view import ClientView
    from extradesk.ui.pages.clients_page import ClientsPage
    from extradesk.ui.pages.documents_page import DocumentsPage
    from extradesk.ui.widgets.search_box import SearchBox

TABS = (("clients", "Clients"), ("documents", "Pièces"), ("reminders", "Relances"),
        ("articles", "Articles"), ("agenda", "Agenda"), ("exports", "Exports"),
        ("outbox", "Envoi"))


FIRST_RUN_DELAY_MS = 3000  # once the first searches are served
SAFETY_CHECK_DELAY_MS = 5000  # the integrity check reads the whole file: not while typing
WARM_UP_DELAY_MS = 2000  # after the list is usable and the first keystrokes are served


def _warm_up_printing() -> None:
    """Load reportlab and the fonts on a side thread: the first "Aperçu" then opens ~0.3 s
    sooner. Not on the database worker, which must stay free for search-as-you-type."""
    import threading

    from extradesk.services.documents import drafts as documents

    threading.Thread(target=documents.warm_up_printing, name="warm-up-printing",
                     daemon=True).start()


class MainWindow(WindowMenus, QMainWindow):
    first_painted = Signal()
    session_ready = Signal()  # the database is open and the user known
    clients_loaded = Signal()  # the clients list shows rows: start-up preview or a snapshot

    def __init__(self, tasks: Tasks, *, lazy: bool = False) -> None:
        """`lazy`: build the pages only after the first paint (the application does)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self.tasks = tasks
        self.ready = False
        self.startup_error: str | None = None
        self._startup_note = ""  # said in the status bar once the session is ready
        self.dialog: QWidget | None = None  # the dialog opened last (tests reach it here)
        self.search: SearchBox | None = None
        self.clients_page: ClientsPage | None = None
        self.client_view: ClientView | None = None
        self.documents_page: DocumentsPage | None = None
        self.articles_page: ArticlesPage | None = None
        self.agenda_page: AgendaPage | None = None
        self._painted = False
        self.painted_at: float | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")  # before the first polish: styled at once
        self.search_edit.setPlaceholderText(
            "Rechercher un client, un téléphone, un e-mail… (**nom : pièces, *réf : articles)")
        self.add_button = primary(QPushButton("Ajouter un client"))
        self.add_button.setObjectName("addClient")
        self.user_button = UserButton()
        self.gear = QToolButton()
        self.gear.setObjectName("preferencesButton")
        self.gear.setText("⚙")
        self.gear.setToolTip("Préférences")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.user_button)
        top.addWidget(self.gear)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self._holders: dict[str, QVBoxLayout] = {}
        for key, title in TABS:
            holder = QWidget()
            self._holders[key] = QVBoxLayout(holder)
            self._holders[key].setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.db_label = label("", "dbPath")
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().showMessage("Ouverture de la base de données…")
        self._build_menus()
        self._set_ready(False)
        if not lazy:
            self.build_pages()

    def build_pages(self) -> None:
        """Everything behind the shell: the search popup and the clients list, the rest."""
        self._build_clients_list()
        self._build_other_pages()

    def _build_clients_list(self) -> None:
        """What the start-up shows: the search popup and the clients list. The application
        builds the rest once search is ready (the database worker is then idle: page building
        beside its imports would slow both, the GIL going back and forth)."""
        if self.clients_page is not None:
            return
        from PySide6.QtWidgets import QStackedWidget

        from extradesk.ui.pages.clients_page import ClientsPage
        from extradesk.ui.widgets.search_box import SearchBox

        # Resolving a shortcut builds Qt's enums (~45 ms): after the first paint, not before.
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.search = SearchBox(self.tasks, self.search_edit)
        self.clients_page = ClientsPage(self.tasks)
        self.clients_stack = QStackedWidget()
        self.clients_stack.addWidget(self.clients_page)
        self._holders["clients"].addWidget(self.clients_stack)
        self.search.client_chosen.connect(self.open_client)
        self.search.document_chosen.connect(self.open_document)
        self.clients_page.open_client.connect(self.open_client)
        self.clients_page.add_client.connect(self.add_client)
        self.clients_page.load_demo.connect(self.offer_demo)
        self.clients_page.model.snapshot_loaded.connect(self.clients_loaded)
        self.clients_page.model.first_page_shown.connect(self.clients_loaded)
        self.clients_page.model.snapshot_loaded.connect(self._build_rest_once_usable)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.tasks.changed.connect(self._changed)

    def _build_other_pages(self) -> None:
        """The client record and the Pièces, Articles and Agenda tabs."""
        self._build_clients_list()
        if self.documents_page is not None:
            return
        from extradesk.ui.agenda.agenda_page import AgendaPage
        from extradesk.ui.pages.articles_page import ArticlesPage
        from extradesk.ui.pages.client_view import ClientView
        from extradesk.ui.pages.documents_page import DocumentsPage

        self.client_view = ClientView(self.tasks)
        self.clients_stack.addWidget(self.client_view)
        self.documents_page = DocumentsPage(self.tasks)
        self._holders["documents"].addWidget(self.documents_page)
        self.articles_page = ArticlesPage(self.tasks)
        self._holders["articles"].addWidget(self.articles_page)
        self.agenda_page = AgendaPage(self.tasks)
        self._holders["agenda"].addWidget(self.agenda_page)
        self.agenda_page.open_client.connect(self.open_client)
        self.search.article_chosen.connect(self.articles_page.open_article)
        self.search.catalogue_chosen.connect(self.show_catalogue_line)
        self.client_view.back.connect(self.show_list)
        self.client_view.open_document.connect(self.open_document)
        self.client_view.new_document.connect(self.new_document)
        self.documents_page.open_document.connect(self.open_document)
        self.documents_page.new_document.connect(self.new_document)
        from extradesk.ui.pages.exports_page import ExportsPage

        self._holders["exports"].addWidget(ExportsPage(self.tasks))
        self._mail_hooks().install(self)  # the « Envoi » tab, the sender, the status bar
        from extradesk.ui.payments import window_hooks as payments_hooks

        payments_hooks.install(self)  # the « Relances » tab, the « Règlements » menu

    def _set_ready(self, ready: bool) -> None:
        self.ready = ready
        for widget in (self.search_edit, self.add_button, self.user_button, self.gear):
            widget.setEnabled(ready)
        for action in (self.backup_action, self.restore_action, self.compact_action,
                       self.demo_action, self.references_action,
                       self.users_action, self.company_action, self.catalogue_action,
                       self.smtp_action, self.templates_action, self.audit_action,
                       *self.sms_actions):
            action.setEnabled(ready)

    # -- start-up ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted_at = time.time()  # wall clock, for bench/bench_gui.py
            QTimer.singleShot(0, self.first_painted.emit)

    def open_database(self, target: str | Path) -> None:
        """Open the database on the worker (after the first paint), then start the session.

        First, ahead of the ~0.7 s of SQLAlchemy and model imports, the worker reads the
        default clients list with sqlite3 alone, so rows paint before the services exist."""
        from extradesk.ui.tablemodels.clients_model import read_first_page

        self._build_clients_list()
        self.tasks.run_in_db(lambda _ctx: read_first_page(target),
                             self.clients_page.model.show_first_page,
                             on_error=lambda _error: None,  # the services path will tell
                             owner=self)
        self.tasks.open(target, self._opened, on_error=self._open_failed)

    def _opened(self, report) -> None:
        if report.backup is not None:
            self._startup_note = f"Base mise à jour ; copie de sécurité : {report.backup}"
        self.start_session()

    def _open_failed(self, error: BaseException) -> None:
        from extradesk.ui import errors

        self.startup_error = errors.describe(error)
        self.statusBar().showMessage("La base de données n'a pas pu être ouverte.")
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, self.startup_error,
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("startupErrorBox")
        box.button(QMessageBox.StandardButton.Close).setText("Quitter")
        box.finished.connect(lambda _r: self.close())  # app.main then exits with an error code
        box.open()

    def start_session(self) -> None:
        """The Context is open: find the user, their preferences, then the clients."""
        self._build_clients_list()
        users_ops.start_session(self.tasks, self, on_done=self._session_started)
        self.clients_page.reload()
        if self.documents_page is not None and (
                self.documents_page.model.loaded or self._documents_shown()):
            self.documents_page.reload()

    def _documents_shown(self) -> bool:
        page = self.documents_page
        return page is not None and self.tabs.currentWidget() is page.parentWidget()

    def _tab_shown(self, _index: int) -> None:
        """The documents list loads the first time its tab is shown (not at start-up); the
        agenda starts then if its delayed start has not come yet."""
        self._build_other_pages()  # a tab chosen before they were built
        page = self.documents_page
        if self._documents_shown() and not page.model.loaded and self.tasks.ctx is not None:
            page.reload()
        if self.ready and self.tabs.currentWidget() is self.agenda_page.parentWidget():
            self._start_agenda()

    def _start_agenda(self) -> None:
        if not self.isVisible():  # the window closed meanwhile
            return
        self._build_other_pages()
        if not self.agenda_page.started:
            self.agenda_page.start()

    def _build_rest_once_usable(self) -> None:
        """Search is usable (the user known, the clients snapshot installed): the rest now."""
        if self.ready and self.clients_page.model.loaded and self.documents_page is None:
            QTimer.singleShot(0, self, self._build_other_pages)

    def _session_started(self, state: dict) -> None:
        self._apply_user_state(state)
        self.db_label.setText(state["url"].removeprefix("sqlite:///"))
        if self._startup_note:
            self.statusBar().showMessage(self._startup_note, 20000)
        else:
            self.statusBar().clearMessage()
        self._set_ready(True)
        QTimer.singleShot(WARM_UP_DELAY_MS, _warm_up_printing)
        if state["network"]:
            from extradesk.i18n import messages
            from extradesk.ui import prompts

            path = state["url"].removeprefix("sqlite:///")
            self.dialog = prompts.inform(self, "Emplacement de la base",
                                         messages.text("db.network_path", path=path))
        self._build_rest_once_usable()
        # The agenda's period and phone sync timer: its services and tables (and SQLModel,
        # which the clients list and search do not need) load after the first keystrokes.
        QTimer.singleShot(WARM_UP_DELAY_MS, self, self._start_agenda)
        # The company step reads the company tables: after the first keystrokes too.
        QTimer.singleShot(FIRST_RUN_DELAY_MS, self, self.offer_first_run)
        QTimer.singleShot(SAFETY_CHECK_DELAY_MS, self, lambda: self._safety().after_session())
        self.session_ready.emit()

    def offer_first_run(self) -> None:
        """A new empty database: the short « Votre entreprise » step, offered once."""
        from extradesk.ui.dialogs.first_run_dialog import offer_first_run

        offer_first_run(self, self.tasks)

    def _apply_user_state(self, state: dict) -> None:
        self.user_button.set_users(state["users"], state["user_id"])
        self.search.mode = state["search_mode"]
        from extradesk.ui.style import apply_theme

        apply_theme(state.get("theme", "system"))  # the user's, at once, in every window

    # -- reacting to changes -----------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        self.clients_page.apply_changes(changes)
        if self.documents_page is not None:  # built once search is ready
            self.client_view.apply_changes(changes)
            self.documents_page.apply_changes(changes)
        if changes.users or changes.preferences or changes.everything:
            users_ops.user_state(self.tasks, self, on_done=self._apply_user_state)

    # -- navigation and dialogs --------------------------------------------------------------

    def open_client(self, client_id: int) -> None:
        self._build_other_pages()
        self.tabs.setCurrentIndex(0)
        self.clients_stack.setCurrentWidget(self.client_view)
        self.client_view.show_client(client_id)

    def show_catalogue_line(self, line_id: int) -> None:
        self.tabs.setCurrentWidget(self.articles_page.parentWidget())
        self.articles_page.show_catalogue_line(line_id)

    def open_document(self, document_id: int) -> None:
        """Open the document in its editor window (one window per document)."""
        try:
            from extradesk.ui.documents.editor import open_editor
        except ModuleNotFoundError as missing:  # the editor lands with its own change
            if missing.name != "extradesk.ui.documents.editor":
                raise
            self.statusBar().showMessage("L'éditeur de pièces n'est pas encore disponible.", 8000)
            return
        open_editor(self.tasks, document_id, parent=self)

    def new_document(self, client_id: int | None) -> None:
        """A new quote for this client; without one, choose the client first."""
        if client_id is None:
            from extradesk.ui.dialogs.client_picker import ClientPicker

            picker = ClientPicker(self.tasks, self, title="Nouveau devis : choisir le client",
                                  action="Créer le devis")
            picker.chosen.connect(lambda chosen, _name: self.new_document(chosen))
            self._open(picker)
            return
        documents_ops.create_quote(self.tasks, self, client_id=client_id,
                                   on_done=lambda result: self.open_document(result[0]))

    def show_list(self) -> None:
        self.clients_stack.setCurrentWidget(self.clients_page)
        if self.client_view.detail is not None:
            self.clients_page.select_client(self.client_view.detail.id)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.search is not None:
            self.search.hide_results()
        super().closeEvent(event)
