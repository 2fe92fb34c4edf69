"""The document editor: one top-level window per document, header, lines, options and totals.

Every change goes to the services through the database worker; the window then shows the
document as the service returns it (never a figure computed here), and follows changes made
elsewhere through `tasks.changed`.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError, ExtradeskError
from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.services.documents.dto import DocumentDetail
from extradesk.ui import errors
from extradesk.ui.documents import lines_actions, mail_action
from extradesk.ui.documents.editor_actions import WorkflowActions
from extradesk.ui.documents.header_form import HeaderForm
from extradesk.ui.documents.lines_model import CODE, LABEL, LinesModel
from extradesk.ui.documents.number_delegate import make_lines_view
from extradesk.ui.documents.totals_panel import TotalsPanel
from extradesk.ui.ops import documents as documents_ops
from extradesk.ui.style import label
from extradesk.ui.tasks import Tasks

_open: dict[int, DocumentEditor] = {}
# Local to the editor (the application stylesheet lives in ui/style.py).
_STYLE = """
QLabel#documentStatus { background: #e3ecf7; color: #1f3d63; border-radius: 9px;
                        padding: 2px 10px; font-weight: 600; }
QTreeView#linesView::item { padding: 3px 2px; }
QFrame#totalsPanel { background: white; }
"""


def open_editor(tasks: Tasks, document_id: int, parent: QWidget | None = None
                ) -> DocumentEditor:
    """Show the editor of `document_id`, reusing (and raising) the one already open."""
    editor = _open.get(document_id)
    if editor is None or not shiboken6.isValid(editor):
        editor = DocumentEditor(tasks, document_id, parent)
        _open[document_id] = editor
        editor.destroyed.connect(lambda _o=None, i=document_id: _open.pop(i, None))
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor


class DocumentEditor(QMainWindow):
    def __init__(self, tasks: Tasks, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("documentEditor")
        self.setWindowTitle("Pièce commerciale")
        self.resize(1100, 750)
        self.setStyleSheet(_STYLE)
        self.tasks, self.document_id = tasks, document_id
        self.detail: DocumentDetail | None = None
        self._seq = 0  # only the latest refresh is shown
        self._pending: DocumentDetail | None = None  # arrived while a cell was being edited
        self.focus_line: int | None = None  # a line just added: select it, edit its text

        self.title = label("", "pageTitle")
        self.status = label("", "documentStatus")
        self.workflow = WorkflowActions(self)
        mail_action.install(self)  # « Envoyer par e-mail… »
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch()
        top.addWidget(self.workflow.top_bar)
        self.banner = label("", "hint", wrap=True)
        self.banner.hide()
        self.header = HeaderForm()
        self.header.header_changed.connect(self._save_header)
        self.loaded = documents_ops.LoadedVersion()  # a save over a newer one is refused
        self.header.shown_version.connect(self.loaded.shown)
        self.reload_button = QPushButton("Recharger la version actuelle")
        self.reload_button.setObjectName("reloadDocument")
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()

        self.model = LinesModel(self)
        self.tree, self.delegate = make_lines_view(self.model)
        self.delegate.closeEditor.connect(self._editor_closed)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree,
                  lambda: self.lines.delete_selected(),
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.lines = lines_actions.LineActions(self)
        self.message = label("", "errorSummary", wrap=True)
        self.message_panel = QFrame()
        self.message_panel.setObjectName("errorPanel")
        QVBoxLayout(self.message_panel).addWidget(self.message)
        self.message_panel.hide()

        self.totals = TotalsPanel()
        self.links = label("", "documentLinks", wrap=True)
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.linkActivated.connect(lambda href: open_editor(
            self.tasks, int(href), self.parentWidget()))
        bottom_left = QVBoxLayout()
        bottom_left.addWidget(self.links)
        bottom_left.addStretch()
        bottom_left.addWidget(self.workflow.bottom_bar)
        from extradesk.ui.payments import editor_panel

        self.payments = editor_panel.install(self, bottom_left)  # paid, remaining, « Régler »
        bottom = QHBoxLayout()
        bottom.addLayout(bottom_left, 1)
        bottom.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignBottom)

        central = QWidget()
        column = QVBoxLayout(central)
        column.addLayout(top)
        column.addWidget(self.banner)
        column.addWidget(self.header)
        column.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.lines.bar)
        column.addWidget(self.tree, 1)
        column.addWidget(self.message_panel)
        column.addLayout(bottom)
        self.setCentralWidget(central)

        tasks.changed.connect(self._changed)
        self.refresh()
        self._load_choices()

    # -- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._seq += 1
        seq = self._seq
        documents_ops.get(self.tasks, self, document_id=self.document_id,
                          on_done=lambda d: self._loaded(seq, d), on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        errors.show_error(self, exc)
        self.close()  # deleted elsewhere, or never there: nothing to edit

    def _load_choices(self) -> None:
        documents_ops.header_choices(
            self.tasks, self, document_id=self.document_id,
            on_done=lambda r: self.header.set_choices(*r),
            on_error=lambda _e: None)  # the combos then show stored names

    def _loaded(self, seq: int, detail: DocumentDetail) -> None:
        if seq != self._seq:
            return
        if self.tree.state() == QAbstractItemView.State.EditingState:
            self._pending = detail  # a reset now would throw away what is being typed
            return
        self.apply(detail)

    def _editor_closed(self, *_args) -> None:
        if self._pending is not None:
            detail, self._pending = self._pending, None
            self.apply(detail)
        if self.lines.return_to_code:
            self.lines.return_to_code = False
            self.lines.code.setFocus()

    def apply(self, detail: DocumentDetail) -> None:
        first = self.detail is None
        self.detail = detail
        kind = self.workflow.kind_label(detail.kind)
        self.setWindowTitle(f"{kind} {detail.display_number} — {detail.client_name}")
        self.title.setText(f"{kind} {detail.number or 'brouillon'}")
        self.status.setText(self.workflow.status_label(detail.status, detail.kind))
        self.banner.setText(self._banner_text(detail))
        self.banner.setVisible(bool(self.banner.text()))
        self.header.set_detail(detail)
        self._fill_lines(detail)
        self.totals.set_totals(detail.totals)
        self.links.setText(self._links_text(detail))
        self.workflow.update(detail)
        self.lines.update(detail)
        self.payments.update_detail(detail)
        if first:  # start where a person works: the code field, or the lines when read-only
            (self.lines.code if detail.editable else self.tree).setFocus()

    def _fill_lines(self, detail: DocumentDetail) -> None:
        selected = self.lines.selected_keys()
        scroll = self.tree.verticalScrollBar().value()
        self.model.set_detail(detail)
        self.tree.expandAll()
        for index in self.model.text_rows():
            self.tree.setFirstColumnSpanned(index.row(), index.parent(), True)
        self.tree.setDragEnabled(detail.editable)
        self.tree.setAcceptDrops(detail.editable)
        selection = self.tree.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | \
            QItemSelectionModel.SelectionFlag.Rows
        for key in selected:
            index = self.lines.index_of_key(key)
            if index.isValid():
                selection.select(index, flags)
        self.tree.verticalScrollBar().setValue(scroll)
        if self.focus_line is not None:
            index = self.model.index_of_line(self.focus_line)
            self.focus_line = None
            if index.isValid():
                line = self.model.line_at(index)
                target = index.siblingAtColumn(CODE if line.is_text else LABEL)
                self.tree.setCurrentIndex(target)
                self.tree.scrollTo(target)
                if detail.editable:
                    self.lines.return_to_code = True
                    self.tree.edit(target)

    @staticmethod
    def _banner_text(detail: DocumentDetail) -> str:
        if detail.status in FROZEN:
            return ("Pièce émise : elle ne peut plus être modifiée. Pour la corriger, "
                    "établissez un avoir.")
        if detail.status == Status.INVOICED:
            return ("Commande facturée : elle est close. Sa facture figure dans les pièces "
                    "liées ; une correction passe par un avoir sur cette facture.")
        if not detail.editable:
            return "Cette pièce n'est plus modifiable dans son état actuel."
        return ""

    def _links_text(self, detail: DocumentDetail) -> str:
        parts = []
        if detail.source is not None:
            parts.append("Issue de : " + self._link(detail.source))
        if detail.derived:
            parts.append("Pièces liées : " + ", ".join(self._link(d) for d in detail.derived))
        for deposit in detail.deposits:
            parts.append(f'Acompte déduit : <a href="{deposit.document_id}">Facture d\'acompte '
                         f'{deposit.number}</a> du {fmt.day(deposit.issue_date)} '
                         f'({fmt.money(deposit.gross)} TTC)')
        if detail.kind == DocumentKind.QUOTE and detail.options:
            parts.append("Les options ne sont pas comprises dans le total.")
        return "<br>".join(parts)

    def _link(self, link) -> str:
        name = f"{self.workflow.kind_label(link.kind)} {link.number or '(brouillon)'}"
        return f'<a href="{link.id}">{name}</a>'

    def _changed(self, changes: Changes) -> None:
        if not shiboken6.isValid(self):
            return
        if changes.everything or self.document_id in changes.documents:
            self.refresh()
        if self.detail is not None and (changes.everything or changes.ouvrages
                                        or self.detail.client_id in changes.clients
                                        or "journal" in changes.references
                                        or "depot" in changes.references):
            self._load_choices()

    # -- saving ------------------------------------------------------------------------------

    def change(self, op, /, **arguments) -> None:
        """Run `op(tasks, self, **arguments)`, an operation of ui/ops that changes data; a
        refusal is shown in place and nothing changes."""
        self.clear_message()
        op(self.tasks, self, on_error=self.show_problem, **arguments)

    def _save_header(self, header) -> None:
        self.header.clear_error()
        self.reload_button.hide()
        documents_ops.update_header(self.tasks, self, document_id=self.document_id,
                                    header=header, loaded=self.loaded,
                                    on_error=self._header_failed)

    def _header_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed meanwhile (a save on close)
        if isinstance(exc, ExtradeskError):
            self.header.show_error(errors.describe(exc))
            # Saved on another PC in between: what was typed here is kept on screen until
            # the user chooses to see the stored version.
            self.reload_button.setVisible(isinstance(exc, ConflictError))
        else:
            errors.show_error(self, exc)

    def reload(self) -> None:
        """Drop the refused change and show the document as it is stored now."""
        self.header.discard_typing()
        self.header.clear_error()
        self.reload_button.hide()
        self.refresh()

    def show_problem(self, exc: BaseException) -> None:
        if not isinstance(exc, ExtradeskError):
            errors.show_error(self, exc)
            return
        self.message.setText(f"{errors.describe(exc)}\nRien n'a été modifié.")
        self.message_panel.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message_panel.hide()

    def closeEvent(self, event) -> None:
        self.header.save_now()  # a change typed just before closing is not lost
        super().closeEvent(event)
