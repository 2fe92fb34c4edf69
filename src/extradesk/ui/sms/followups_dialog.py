"""« Devis à relancer »: quotes sent and not answered for N days (the preference), oldest
first; the selected one's follow-up text from its template (editable), and one click sends
it by SMS or by mail through the outbox, recorded on the quote (which then leaves the list
for N days)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.ui import errors
from extradesk.ui.ops import sms as sms_ops
from extradesk.ui.sms import text_counter
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks

COLUMNS = ("Devis", "Client", "Daté du", "Montant TTC", "Dernière relance", "Portable",
           "E-mail")


class FollowupsDialog(QDialog):
    open_document = Signal(int)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followupsDialog")
        self.setWindowTitle("Devis à relancer")
        self.resize(880, 560)
        self.tasks = tasks
        self.quotes: list = []
        self.heading = label("Chargement…", "hint", wrap=True)
        self.heading.setObjectName("followupsHeading")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("followupsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.text = QPlainTextEdit()
        self.text.setObjectName("followupText")
        self.text.setMaximumHeight(110)
        self.count = label("", "hint")
        self.count.setObjectName("followupCount")
        self.message = label("", "hint", wrap=True)
        self.message.setObjectName("followupMessage")
        self.sms_button = primary(QPushButton("Relancer par SMS"))
        self.sms_button.setObjectName("followupSms")
        self.mail_button = QPushButton("Relancer par e-mail")
        self.mail_button.setObjectName("followupMail")
        self.open_button = QPushButton("Ouvrir le devis")
        self.open_button.setObjectName("followupOpen")
        actions = QHBoxLayout()
        for button in (self.sms_button, self.mail_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(label("Texte de la relance (modèle « Relance de devis », modifiable "
                               "avant l'envoi) :", "hint"))
        layout.addWidget(self.text)
        layout.addWidget(self.count)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        self.text.textChanged.connect(lambda: self.count.setText(text_counter.describe(
            text_counter.analyse(self.text.toPlainText()))))
        self.sms_button.clicked.connect(lambda: self.send("sms"))
        self.mail_button.clicked.connect(lambda: self.send("mail"))
        self.open_button.clicked.connect(self._open)
        self._enable(None)
        self.reload()

    def reload(self) -> None:
        sms_ops.quotes_to_follow(self.tasks, self, on_done=self._loaded)

    def _loaded(self, result) -> None:
        self.quotes, days = result
        period = fmt.count(days, "jour", "jours")
        self.heading.setText(
            f"{fmt.count(len(self.quotes), 'devis envoyé', 'devis envoyés')} il y a {period} "
            "ou plus, sans réponse ni relance depuis." if self.quotes else
            f"Aucun devis à relancer : les devis envoyés il y a {period} ou plus ont une "
            "réponse ou une relance récente.")
        self.table.setRowCount(len(self.quotes))
        for row, q in enumerate(self.quotes):
            values = (q.number or "", q.client_name, fmt.day(q.issue_date), fmt.money(q.gross),
                      fmt.day(q.last_followup.date()) if q.last_followup else "jamais",
                      fmt.phone(q.mobile) if q.mobile else "—", q.email or "—")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if self.quotes:
            self.table.selectRow(0)
        else:
            self._enable(None)

    def current(self):
        rows = self.table.selectionModel().selectedRows()
        return self.quotes[rows[0].row()] if rows else None

    def _enable(self, quote) -> None:
        self.sms_button.setEnabled(quote is not None and quote.mobile is not None)
        self.mail_button.setEnabled(quote is not None and bool(quote.email))
        self.open_button.setEnabled(quote is not None)
        self.text.setEnabled(quote is not None)

    def _selected(self) -> None:
        quote = self.current()
        self._enable(quote)
        self.text.clear()
        if quote is not None:
            sms_ops.followup_text(self.tasks, self, quote_id=quote.document_id,
                                  on_done=self._text_loaded)

    def _text_loaded(self, text: str) -> None:
        self.text.setPlainText(text)

    def send(self, channel: str) -> None:
        quote = self.current()
        if quote is None:
            return
        self.sms_button.setEnabled(False)
        self.mail_button.setEnabled(False)
        how = "par SMS" if channel == "sms" else "par e-mail"

        def sent(_result) -> None:
            self.message.setText(f"Relance du devis {quote.number} ({quote.client_name}) "
                                 f"{how} mise dans la boîte d'envoi.")
            self.reload()

        def refused(error: BaseException) -> None:
            self._enable(self.current())
            self.message.setText(f"Relance impossible : {errors.describe(error)}")

        sms_ops.send_followup(self.tasks, self, quote_id=quote.document_id, channel=channel,
                              text=self.text.toPlainText(), on_done=sent, on_error=refused)

    def _open(self) -> None:
        quote = self.current()
        if quote is not None:
            self.open_document.emit(quote.document_id)
            self.accept()
