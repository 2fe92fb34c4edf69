"""A client's mails on the client record (date, to, subject, attachments, state) and
« Envoyer un message… »: a short free message to the client through the outbox."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.changes import Changes
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.ui import errors
from extradesk.ui.mail.send_dialog import split_addresses
from extradesk.ui.mail.smtp_dialog import no_account, setup_button
from extradesk.ui.ops import mail as mail_ops
from extradesk.ui.ops import outbox as outbox_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tablemodels.outbox_model import error_label, state_label
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

COLUMNS = ("Date", "À", "Objet", "Pièces jointes", "État")
ROWS = 6  # shown before the table scrolls


class MailHistory(QGroupBox):
    """The « Messages » box of the client record."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__("Messages envoyés", parent)
        self.setObjectName("clientMails")
        self.tasks = tasks
        self.client_id: int | None = None
        self.dialog: QDialog | None = None
        self.rows: list = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("clientMailsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setMinimumWidth(400)  # columns scroll rather than widen the window
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((125, 220, 0, 280, 95)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the subject
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.none = label("Aucun message envoyé à ce client.", "hint")
        self.alert_button = QPushButton("Envoyer un message…")
        self.alert_button.setObjectName("clientSendMessage")
        self.alert_button.clicked.connect(self.send_message)
        column = QVBoxLayout()
        column.addWidget(self.none)
        column.addWidget(self.table)
        buttons = QVBoxLayout()
        buttons.addWidget(self.alert_button)
        buttons.addStretch()
        row = QHBoxLayout(self)
        row.addLayout(column, 1)
        row.addLayout(buttons)
        self.table.hide()

    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        outbox_ops.client_history(self.tasks, self, client_id=client_id,
                                  on_done=lambda rows: self._fill(client_id, rows))

    def apply_changes(self, changes: Changes) -> None:
        if self.client_id is not None and (changes.outbox or changes.everything):
            self.show_client(self.client_id)

    def _fill(self, client_id: int, rows: list) -> None:
        if client_id != self.client_id:
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, item in enumerate(rows):
            state = state_label(item.state)
            texts = (fmt.moment(item.sent_at or item.created_at), item.to, item.subject or "",
                     ", ".join(item.files), state)
            for c, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if c == 4 and item.error:
                    cell.setToolTip(error_label(item))
                elif c in (1, 2, 3):
                    cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        shown = min(max(len(rows), 1), ROWS)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + shown * self.table.verticalHeader().defaultSectionSize()
                                  + 2 * self.table.frameWidth() + 2)
        self.table.setVisible(bool(rows))
        self.none.setVisible(not rows)

    def send_message(self) -> None:
        if self.client_id is None:
            return
        self.dialog = AlertDialog(self.tasks, self.client_id, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()


class AlertDialog(QDialog):
    """A short free message to the client, from the "alerte" template."""

    def __init__(self, tasks: Tasks, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertDialog")
        self.setWindowTitle("Envoyer un message au client")
        self.setMinimumWidth(560)
        self.tasks, self.client_id = tasks, client_id
        self.errors = FormErrors()
        self.to = QLineEdit()
        self.to.setObjectName("to")
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setMinimumHeight(180)
        self.warnings = label("", "hint", wrap=True)
        self.warnings.setObjectName("mailWarnings")
        self.warnings.setStyleSheet("color: #8a5a00;")
        self.warnings.hide()
        form = form_layout()
        form.addRow("À", self.errors.field("to", self.to))
        form.addRow("Objet", self.errors.field("subject", self.subject))
        form.addRow("Message", self.errors.field("body", self.body))
        buttons = QDialogButtonBox()
        self.send_button = primary(buttons.addButton("Envoyer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.send_button.setObjectName("alertSend")
        self.send_button.setEnabled(False)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        self.setup_button = setup_button(tasks, self, self._prepare)
        layout.addWidget(self.setup_button)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self._prepare()

    def _prepare(self) -> None:
        mail_ops.prepare_alert(self.tasks, self, client_id=self.client_id,
                               on_done=self._prepared, on_error=self._cannot)

    def _cannot(self, error: BaseException) -> None:
        self.warnings.setText(errors.describe(error))
        self.warnings.show()
        self.setup_button.setVisible(no_account(error))

    def _prepared(self, draft) -> None:
        self.setup_button.hide()
        self.to.setText(" ; ".join(draft.to))
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        lines = [f"⚠ {messages.text(m, **p)}" for m, p in draft.warnings]
        if draft.copy_to:
            lines.append(f"Une copie vous est envoyée ({draft.copy_to}).")
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))
        self.send_button.setEnabled(True)
        self.body.setFocus()

    def send(self) -> None:
        self.errors.clear()
        self.send_button.setEnabled(False)
        mail_ops.queue_alert(self.tasks, self, client_id=self.client_id,
                             to=split_addresses(self.to.text()),
                             subject=self.subject.text().strip(),
                             body=self.body.toPlainText(), on_done=lambda _r: self.accept(),
                             on_error=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.errors.present(self, error)
