"""The Pièces tab: every commercial document, filtered in SQL by kind, status, period, client."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.core.workflow import TRANSITIONS, DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.i18n.payments import STATE_LABELS
from extradesk.ui.style import error_label, label, mark_invalid, primary
from extradesk.ui.tablemodels.documents_model import (
    DocumentsModel,
    kind_label,
    status_label,
)
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.empty_state import EmptyState
from extradesk.ui.widgets.table import lazy_table

PERIODS = (("all", "Tout"), ("month", "Ce mois"), ("last_month", "Mois dernier"),
           ("year", "Cette année"), ("12_months", "12 derniers mois"),
           ("custom", "Personnalisée…"))
PAY_PREFIX = "reglement:"  # status combo data of a payment state (à régler, en retard…)
CLIENT_NAME_WIDTH = 220  # pixels: a long company name is elided on the filter button
# The preferences the list opens on (services/preferences.DOCUMENTS_*_FILTER).
KIND_KEY, PERIOD_KEY = "documents.filter_kind", "documents.filter_period"


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """The first and last days (inclusive) of a preset period around `today`."""
    if key == "month":
        return today.replace(day=1), _month_end(today)
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if key == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "12_months":
        try:
            start = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            start = today.replace(year=today.year - 1, day=28)
        return start + timedelta(days=1), today
    return None, None


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def statuses_of(kind: DocumentKind | None) -> list[Status]:
    """The statuses a document of this kind can be in (every status when no kind)."""
    if kind is None:
        return list(Status)
    return [s for s in Status if s in TRANSITIONS[kind]]


def count_text(count: int) -> str:
    return f"{fmt.integer(count)} pièce{'s' if count > 1 else ''}"


def make_table(model: DocumentsModel, name: str) -> QTableView:
    """A read-only table over a documents model: the subject takes what the others leave."""
    return lazy_table(model, name, stretch=4)


class DocumentsPage(QWidget):
    open_document = Signal(int)
    new_document = Signal(object)  # client id, or None to choose one

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsPage")
        self._tasks = tasks
        self.client_id: int | None = None
        self.client_name = ""
        self.dialog: QWidget | None = None  # the client picker opened last (tests reach it)
        self.model = DocumentsModel(tasks, self)
        self._defaults_read = False

        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem("Tous les types", None)
        for kind in DocumentKind:
            self.kind_filter.addItem(kind_label(kind), kind)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setMinimumContentsLength(16)
        self._fill_statuses(None)
        self.period_filter = QComboBox()
        self.period_filter.setObjectName("periodFilter")
        for key, text in PERIODS:
            self.period_filter.addItem(text, key)
        self.period_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_from = self._date_edit("dateFrom")
        self.date_to = self._date_edit("dateTo")
        self.to_label = label("au")
        self.client_button = QPushButton("Tous les clients")
        self.client_button.setObjectName("clientFilter")
        self.client_button.setToolTip("Ne montrer que les pièces d'un client")
        self.clear_client = QToolButton()
        self.clear_client.setObjectName("clearClient")
        self.clear_client.setText("✕")
        self.clear_client.setToolTip("Tous les clients")
        self.clear_client.hide()
        self.count_label = label("", "documentCount")
        self.new_button = primary(QPushButton("Nouveau devis"))
        self.new_button.setObjectName("newQuote")
        self.period_error = error_label()
        self.period_error.setObjectName("periodError")

        filters = QHBoxLayout()
        # "Tous les types", "Tous les statuts" say what their combo is: no label, more room.
        for widget in (self.kind_filter, self.status_filter, label("Période :"),
                       self.period_filter, self.date_from, self.to_label, self.date_to,
                       label("Client :"), self.client_button, self.clear_client):
            filters.addWidget(widget)
            if isinstance(widget, (QComboBox, QDateEdit)):  # never squeezed below its text
                widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        filters.addStretch()
        filters.addWidget(self.count_label)
        filters.addSpacing(12)
        filters.addWidget(self.new_button)
        self._show_custom(False)

        self.table = make_table(self.model, "documentsTable")
        from extradesk.ui.mail import documents_action

        self.mail_button = documents_action.install(self, filters)  # « Envoyer par e-mail… »
        self.no_match = label("Aucune pièce ne correspond à ces filtres.", "hint")
        self.no_match.hide()
        self.empty = EmptyState(
            "Aucune pièce pour l'instant.",
            "Les devis, commandes, factures, factures d'acompte et avoirs de vos clients "
            "s'affichent ici. Commencez par un devis.")
        self.empty.setObjectName("documentsEmpty")
        self.empty.add_button("Nouveau devis", name="emptyNewQuote", is_primary=True
                              ).clicked.connect(lambda: self.new_document.emit(self.client_id))

        self.stack = QStackedWidget()
        list_page = QWidget()
        column = QVBoxLayout(list_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.period_error)
        column.addWidget(self.no_match)
        column.addWidget(self.table)
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.stack)

        self.model.snapshot_loaded.connect(self._counted)
        self.model.count_loaded.connect(self._counted)
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.period_filter.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(lambda _d: self.apply_filters())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filters())
        self.client_button.clicked.connect(self.pick_client)
        self.clear_client.clicked.connect(lambda: self.set_client(None))
        self.new_button.clicked.connect(lambda: self.new_document.emit(self.client_id))
        self.table.activated.connect(self._activated)

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the list (after the database is open, when the tab is first shown); the
        first time, on the kind and period the user chose in the preferences."""
        if self._defaults_read:
            self.model.reload()
            return
        self._defaults_read = True
        from extradesk.ui.ops import preferences as preferences_ops

        preferences_ops.values(self._tasks, self, keys=[KIND_KEY, PERIOD_KEY],
                               on_done=self.start_with, on_error=lambda _e: self.model.reload())

    def start_with(self, values: dict) -> None:
        """Set the filter bar to the preferred kind and period, then load."""
        kind, period = values.get(KIND_KEY, "all"), values.get(PERIOD_KEY, "all")
        for combo, data in ((self.kind_filter, None if kind == "all" else kind),
                            (self.period_filter, period)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(data), 0))
            combo.blockSignals(False)
        self._fill_statuses(self._kind())
        before = self.model.query
        self.apply_filters()
        if self.model.query is before:  # nothing to filter: load all the same
            self.model.reload()

    def apply_changes(self, changes: Changes) -> None:
        self.model.apply_changes(changes)

    def _counted(self) -> None:
        model = self.model
        nothing = model.complete and model.rowCount() == 0
        self.stack.setCurrentWidget(self.empty if nothing and not model.query.filtered
                                    else self.stack.widget(0))
        self.no_match.setVisible(nothing and model.query.filtered)
        self.table.setVisible(not (nothing and model.query.filtered))
        if model.count_known:
            self.count_label.setText(count_text(model.rowCount()))
        else:
            self.count_label.setText(f"plus de {count_text(model.rowCount())}…")

    # -- filters -----------------------------------------------------------------------------

    def today(self) -> date:
        ctx = self._tasks.ctx
        return ctx.clock.today() if ctx is not None else date.today()

    def _fill_statuses(self, kind: DocumentKind | None) -> None:
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem("Tous les statuts", None)
        for status in statuses_of(kind):
            self.status_filter.addItem(status_label(status, kind), status)
        if kind in (None, DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE):
            # Payment states of the issued invoices, in the same combo (one or the other:
            # a state says the status already): the list is then read off
            # services/payments/figures. The filter bar has no room for one more combo.
            self.status_filter.insertSeparator(self.status_filter.count())
            for key, text in STATE_LABELS.items():
                self.status_filter.addItem(text, PAY_PREFIX + key)
                self.status_filter.setItemData(
                    self.status_filter.count() - 1, "Factures émises dans cet état de "
                    "règlement", Qt.ItemDataRole.ToolTipRole)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(current), 0))
        self.status_filter.blockSignals(False)

    def _kind(self) -> DocumentKind | None:
        kind = self.kind_filter.currentData()
        return DocumentKind(kind) if kind else None

    def _kind_changed(self, _index: int) -> None:
        self._fill_statuses(self._kind())
        self.apply_filters()

    def _period_changed(self, _index: int) -> None:
        custom = self.period_filter.currentData() == "custom"
        if custom:
            start, end = self.model.query.date_from, self.model.query.date_to
            if start is None:
                start, end = period_range("month", self.today())
            for edit, day in ((self.date_from, start), (self.date_to, end)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self._show_custom(custom)
        self.apply_filters()

    def _show_custom(self, shown: bool) -> None:
        for widget in (self.date_from, self.to_label, self.date_to):
            widget.setVisible(shown)

    def period(self) -> tuple[date | None, date | None]:
        key = self.period_filter.currentData()
        if key == "custom":
            return self.date_from.date().toPython(), self.date_to.date().toPython()
        return period_range(key, self.today())

    def apply_filters(self) -> bool:
        """Read the filter bar into a new snapshot; a period ending before it starts is refused."""
        start, end = self.period()
        wrong = start is not None and end is not None and end < start
        for edit in (self.date_from, self.date_to):
            mark_invalid(edit, wrong)
        if wrong:
            self.period_error.setText(
                f"La période se termine le {fmt.day(end)}, avant son début le "
                f"{fmt.day(start)} : corrigez l'une des deux dates.")
            self.period_error.show()
            return False
        self.period_error.hide()
        kind, status = self._kind(), self.status_filter.currentData()
        pay_state = None
        if status and str(status).startswith(PAY_PREFIX):
            pay_state, status = str(status).removeprefix(PAY_PREFIX), None
        status = Status(status) if status else None  # Qt hands enum values back as str
        wanted = dict(kinds=frozenset({kind}) if kind else frozenset(),
                      statuses=frozenset({status}) if status else frozenset(),
                      date_from=start, date_to=end, client_id=self.client_id,
                      pay_states=frozenset({pay_state}) if pay_state else frozenset())
        query = self.model.query
        if any(getattr(query, key) != value for key, value in wanted.items()):
            self.model.reload(**wanted)
        return True

    def pick_client(self) -> None:
        from extradesk.ui.dialogs.client_picker import ClientPicker

        picker = ClientPicker(self._tasks, self, title="Pièces d'un client",
                              action="Filtrer")
        picker.chosen.connect(self.set_client)
        picker.finished.connect(picker.deleteLater)
        self.dialog = picker
        picker.open()

    def set_client(self, client_id: int | None, name: str = "") -> None:
        self.client_id, self.client_name = client_id, name if client_id is not None else ""
        shown = self.client_button.fontMetrics().elidedText(
            name, Qt.TextElideMode.ElideRight, CLIENT_NAME_WIDTH) if name else "Tous les clients"
        self.client_button.setText(shown)
        self.client_button.setToolTip(name or "Ne montrer que les pièces d'un client")
        self.clear_client.setVisible(client_id is not None)
        self.apply_filters()

    # -- interaction -------------------------------------------------------------------------

    def select_document(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _activated(self, index: QModelIndex) -> None:
        document_id = self.model.document_id(index.row()) if index.isValid() else None
        if document_id is not None:
            self.open_document.emit(document_id)
