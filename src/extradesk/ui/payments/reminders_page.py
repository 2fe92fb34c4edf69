"""The « Relances » tab: overdue invoices by client with days late, amounts and the last
reminder; the next letter previewed, then sent (by mail through the outbox, or kept to print
when the client has no e-mail), one invoice or every reminder due today; the templates."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.core.money import ZERO
from extradesk.i18n import format as fmt
from extradesk.i18n.payments import LEVEL_TITLES
from extradesk.ui import prompts
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.payments.reminders_model import COLUMNS, RemindersModel, next_level
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks


class RemindersPage(QWidget):
    open_document = Signal(int)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPage")
        self.tasks = tasks
        self.rows: list = []  # services.payments.figures.Overdue
        self.due: dict[int, int] = {}  # document id -> level due today
        self.loaded = False
        self.stale = False  # data changed while the tab was hidden
        self.dialog = None  # the box or dialog opened last (tests reach it)
        self.viewer = None  # the letter preview opened last
        self.total = label("", "remindersTotal")
        self.message = label("", "hint")
        self.message.setObjectName("remindersMessage")
        self.message.setWordWrap(True)
        self.message.hide()  # shown with what the last sending did
        self.preview_button = QPushButton("Aperçu de la relance")
        self.preview_button.setObjectName("previewReminder")
        self.send_button = QPushButton("Envoyer la relance")
        self.send_button.setObjectName("sendReminder")
        self.send_due_button = primary(QPushButton("Envoyer les relances du jour"))
        self.send_due_button.setObjectName("sendDueReminders")
        self.templates_button = QPushButton("Modèles de relance…")
        self.templates_button.setObjectName("reminderTemplates")
        bar = QHBoxLayout()
        bar.addStretch()
        for button in (self.templates_button, self.preview_button, self.send_button,
                       self.send_due_button):
            bar.addWidget(button)
        self.model = RemindersModel(self)
        self.table = QTableView()
        self.table.setObjectName("overdueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        for column, (_title, width) in enumerate(COLUMNS):
            if width:
                self.table.setColumnWidth(column, width)
        # The client's name takes what the figures leave: the tab fits 1,280 px.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = label("Aucune facture en retard de paiement.", "hint")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.total)  # its own line: the tab must fit a 1,280-px screen
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.table.activated.connect(self._activated)
        self.preview_button.clicked.connect(self.preview)
        self.send_button.clicked.connect(self.send_selected)
        self.send_due_button.clicked.connect(self.send_due)
        self.templates_button.clicked.connect(self.open_templates)
        self._selection()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        payments_ops.overdue(self.tasks, self, on_done=self._loaded)

    def apply_changes(self, changes: Changes) -> None:
        if self.loaded and (changes.everything or changes.documents or changes.clients):
            if self.isVisible():
                self.reload()
            else:  # read again when shown: not on every edit made in another tab
                self.stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.reload()

    def _loaded(self, result) -> None:
        selected = self.selected()
        self.rows, self.due, lines = result
        self.loaded = True
        self.model.set_lines(lines)
        if selected is not None:
            self.select(selected)
        clients = len({r.client_id for r in self.rows})
        total = sum((r.remaining for r in self.rows), ZERO)
        self.total.setText(
            f"{len(self.rows)} facture{'s' if len(self.rows) > 1 else ''} en retard, "
            f"{clients} client{'s' if clients > 1 else ''} : {fmt.money(total)} "
            f"restant dus · {len(self.due)} relance{'s' if len(self.due) > 1 else ''} à "
            f"envoyer aujourd'hui")
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        self.send_due_button.setEnabled(bool(self.due))
        self._selection()

    # -- selection ---------------------------------------------------------------------------

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.lines[rows[0].row()].document_id if rows else None

    def selected_row(self):
        document_id = self.selected()
        return next((r for r in self.rows if r.document_id == document_id), None)

    def select(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _selection(self) -> None:
        row = self.selected_row()
        level = next_level(row, self.due) if row is not None else None
        for button in (self.preview_button, self.send_button):
            button.setEnabled(level is not None)
        self.send_button.setText(f"Envoyer : {LEVEL_TITLES[level].lower()}" if level
                                 else "Envoyer la relance")

    def _activated(self, index) -> None:
        if index.isValid():
            self.open_document.emit(self.model.lines[index.row()].document_id)

    # -- actions -----------------------------------------------------------------------------

    def preview(self) -> None:
        row = self.selected_row()
        level = next_level(row, self.due) if row is not None else None
        if level is None:
            return
        payments_ops.letter(self.tasks, self, document_id=row.document_id, level=level,
                            on_done=lambda made: self._show_pdf(
                                made.pdf, f"{LEVEL_TITLES[level]} {row.number}.pdf"))

    def _show_pdf(self, pdf: bytes, name: str) -> None:
        from extradesk.ui.documents.pdf_view import PdfViewer

        self.viewer = PdfViewer(pdf, file_name=name, tasks=self.tasks, parent=self)
        self.viewer.show()

    def send_selected(self) -> None:
        row = self.selected_row()
        level = next_level(row, self.due) if row is not None else None
        if level is None:
            return
        how = (f"par e-mail à {row.email} (boîte d'envoi)" if row.email
               else "à imprimer : ce client n'a pas d'e-mail")
        self.dialog = prompts.confirm(
            self, "Envoyer une relance",
            f"{LEVEL_TITLES[level]} de la facture {row.number} ({row.client_name}, reste dû "
            f"{fmt.money(row.remaining)}), {how} ?",
            lambda: self._send([(row.document_id, level)]), yes_text="Envoyer")

    def send_due(self) -> None:
        wanted = [(r.document_id, self.due[r.document_id]) for r in self.rows
                  if r.document_id in self.due]
        if not wanted:
            return
        self.dialog = prompts.confirm(
            self, "Relances du jour",
            f"Envoyer les {len(wanted)} relance{'s' if len(wanted) > 1 else ''} dues "
            "aujourd'hui ? Les clients avec e-mail les reçoivent par la boîte d'envoi ; les "
            "autres sont à imprimer.", lambda: self._send(wanted), yes_text="Envoyer")

    def _send(self, wanted: list[tuple[int, int]]) -> None:
        payments_ops.send_reminders(self.tasks, self, wanted=wanted, on_done=self._sent)

    def _sent(self, result) -> None:
        sent, _changes = result
        mailed = [s for s in sent if s.channel == "mail"]
        printed = [s for s in sent if s.channel == "print"]
        parts = []
        if mailed:
            parts.append(f"{len(mailed)} relance{'s' if len(mailed) > 1 else ''} mise"
                         f"{'s' if len(mailed) > 1 else ''} dans la boîte d'envoi")
        if printed:
            parts.append(f"{len(printed)} à imprimer (" + ", ".join(
                s.number for s in printed) + ")")
        skipped = "" if sent else "Rien à envoyer : la facture a été réglée entre-temps."
        self.message.setText(" ; ".join(parts) + "." if parts else skipped)
        self.message.show()
        if len(printed) == 1:  # one letter to print: open it, its window prints it
            letter_id, name = printed[0].letter_id, printed[0].number
            payments_ops.letter_pdf(self.tasks, self, letter_id=letter_id,
                                    on_done=lambda pdf: self._show_pdf(
                                        pdf, f"{LEVEL_TITLES[printed[0].level]} {name}.pdf"))

    def open_templates(self) -> None:
        from extradesk.ui.payments.templates_dialog import ReminderTemplatesDialog

        self.dialog = ReminderTemplatesDialog(self.tasks, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()
