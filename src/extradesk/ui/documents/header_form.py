"""The header of a document: client, ouvrage, dates, sales journal, depot, subject and notes.

Saved by itself a moment after the last change (like the lines), as one whole header;
the service refuses what does not hold (a validity before the date…) and nothing changes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from extradesk.core.legal import OPERATION_CATEGORIES
from extradesk.core.money import parse_decimal
from extradesk.core.workflow import NUMBERED_AT_ISSUE, DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text
from extradesk.services.documents.dto import DocumentDetail, DocumentHeader
from extradesk.ui.style import label, selectable

SAVE_DELAY_MS = 700  # pause after the last keystroke before the header is saved
_NO_DATE = QDate(2000, 1, 1)  # minimum of the optional dates: shown as their special text
_FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
_INVOICE_LIKE = (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)  # the ones with a due date
_SUBJECT_HINT = "Objet de la pièce (ex. : Rénovation de la piscine)"
_READ_ONLY_LOOK = "background: transparent; border: none; color: palette(window-text);"


def _date_edit(name: str, *, empty_text: str | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setLocale(_FRENCH)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setFixedWidth(150)
    if empty_text is not None:
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(empty_text)
    return edit


def _qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else _NO_DATE


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if edit.specialValueText() and value == _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class HeaderForm(QGroupBox):
    header_changed = Signal(object)  # DocumentHeader to save
    shown_version = Signal(int)  # the document's version now shown in the fields

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("En-tête", parent)
        self.setObjectName("headerForm")
        self.detail: DocumentDetail | None = None
        self.client = selectable(label("", "clientName"))
        self.client.setStyleSheet("font-weight: 600;")
        self.ouvrage = QComboBox()
        self.ouvrage.setObjectName("ouvrage_id")
        self.ouvrage.setMinimumWidth(220)
        self.issue_date = _date_edit("issue_date")
        self.validity_date = _date_edit("validity_date", empty_text="—")
        self.due_date = _date_edit("due_date", empty_text="selon le délai de paiement")
        self.due_date.setFixedWidth(210)
        self.journal = QComboBox()
        self.journal.setObjectName("journal_id")
        # Always shown, even with the one seeded depot: where goods leave from is worth
        # seeing, and the field does not appear from nowhere the day a second depot is added.
        self.depot = QComboBox()
        self.depot.setObjectName("depot_id")
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(_SUBJECT_HINT)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Notes imprimées en bas de la pièce")
        self.notes.setFixedHeight(48)
        # The e-invoicing reform's mentions, and autoliquidation (building sub-contracting).
        self.category = QComboBox()
        self.category.setObjectName("operation_category")
        self.category.addItem("", None)  # "proposée : …", filled by set_detail
        for value in OPERATION_CATEGORIES:
            self.category.addItem(text(f"operation.{value}"), value)
        self.service_date = _date_edit("service_date", empty_text="celle de la pièce")
        self.retention = QLineEdit()
        self.retention.setObjectName("retention_percent")
        self.retention.setPlaceholderText("aucune")
        self.retention.setFixedWidth(70)
        self.retention.setToolTip(text("print.retention_mention"))
        self._retention_label = QLabel("Retenue de garantie (%)")
        self.reverse_charge = QCheckBox("Autoliquidation (sous-traitance BTP)")
        self.reverse_charge.setObjectName("reverse_charge")
        self.reverse_charge.setToolTip(text("print.reverse_charge"))
        self.date_hint = label("le jour de l'émission", "issueDateHint")
        self.date_hint.setToolTip(
            "Une facture ou un avoir porte la date de son émission : la numérotation suit "
            "l'ordre chronologique. La date du brouillon n'est pas reprise.")
        self.date_hint.setStyleSheet("font-style: italic;")
        self.date_hint.hide()
        self.error = label("", "headerError", wrap=True)
        self.error.setProperty("class", "fieldError")
        self.error.hide()

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self._validity_label = QLabel("Valable jusqu'au")
        self._due_label = QLabel("Échéance")
        self._service_label = QLabel("Prestation le")
        cells = [
            (0, 0, "Client", self.client), (1, 0, "Ouvrage", self.ouvrage),
            (2, 0, "Journal", self.journal),
            (0, 2, "Date", self.issue_date), (1, 2, self._validity_label, self.validity_date),
            (1, 2, self._due_label, self.due_date),
            (2, 2, "Opération", self.category), (3, 2, self._service_label, self.service_date),
        ]
        for row, column, caption, widget in cells:
            grid.addWidget(caption if isinstance(caption, QLabel) else QLabel(caption), row,
                           column)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(self.date_hint, 0, 3)  # in place of the date it replaces
        grid.addWidget(QLabel("Objet"), 0, 4)
        grid.addWidget(self.subject, 0, 5)
        grid.addWidget(QLabel("Notes"), 1, 4)
        grid.addWidget(self.notes, 1, 5, 2, 1)
        grid.addWidget(self.reverse_charge, 3, 0, 1, 2)
        grid.addWidget(self._retention_label, 2, 4)
        grid.addWidget(self.retention, 2, 5)
        grid.addWidget(QLabel("Dépôt"), 3, 4)
        grid.addWidget(self.depot, 3, 5)
        grid.addWidget(self.error, 4, 0, 1, 6)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(5, 3)

        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        for edit in (self.issue_date, self.validity_date, self.due_date, self.service_date):
            edit.dateChanged.connect(self._edited)
        self.category.activated.connect(self._edited)
        self.retention.textEdited.connect(self._edited)
        self.reverse_charge.toggled.connect(self._edited)
        self.ouvrage.activated.connect(self._edited)
        self.journal.activated.connect(self._edited)
        self.depot.activated.connect(self._edited)
        self.subject.textEdited.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self._filling = False

    # -- filling -----------------------------------------------------------------------------

    def set_choices(self, ouvrages, journals, depots=()) -> None:
        """The client's ouvrages, the sales journals and the depots (reference lists) into the
        combos; an inactive item stays listed while the document uses it."""
        current = self.detail.header if self.detail else None
        self._filling = True
        self.ouvrage.clear()
        self.ouvrage.addItem("— aucun —", None)
        for ouvrage in ouvrages:
            self.ouvrage.addItem(ouvrage.name, ouvrage.id)
        self.journal.clear()
        self.journal.addItem("—", None)
        for item in journals:
            if item.active or (current and item.id == current.journal_id):
                self.journal.addItem(item.label, item.id)
        self.depot.clear()
        self.depot.addItem("—", None)
        for item in depots:
            if item.active or (current and item.id == current.depot_id):
                self.depot.addItem(item.label, item.id)
        if current is not None:
            self._select(current)
        self._filling = False

    def set_detail(self, detail: DocumentDetail) -> None:
        """Show the stored header, unless the user is typing a change not saved yet."""
        self.detail = detail
        quote = detail.kind == DocumentKind.QUOTE
        invoice = detail.kind in _INVOICE_LIKE
        self._validity_label.setVisible(quote)
        self.validity_date.setVisible(quote)
        self._due_label.setVisible(invoice)
        self.due_date.setVisible(invoice)
        self.client.setText(detail.client_name)
        # A numbered kind takes the day it is issued: its draft date would be discarded.
        dated_at_issue = detail.kind in NUMBERED_AT_ISSUE and detail.status == Status.DRAFT
        numbered = detail.kind in NUMBERED_AT_ISSUE
        works = detail.kind in (DocumentKind.ORDER, DocumentKind.INVOICE)
        self._retention_label.setVisible(works)
        self.retention.setVisible(works)
        self.retention.setReadOnly(not detail.editable)
        self._service_label.setVisible(numbered)
        self.service_date.setVisible(numbered)
        proposed = detail.proposed_category
        self.category.setItemText(0, "proposée : " + text(f"operation.{proposed}").lower()
                                  if proposed else "à choisir")
        for widget in (self.ouvrage, self.issue_date, self.validity_date, self.due_date,
                       self.journal, self.depot, self.category, self.service_date, self.reverse_charge):
            widget.setEnabled(detail.editable)
        self.issue_date.setEnabled(detail.editable and not dated_at_issue)
        self.issue_date.setToolTip(self.date_hint.toolTip() if dated_at_issue else "")
        self.date_hint.setVisible(dated_at_issue)
        self.issue_date.setVisible(not dated_at_issue)
        for widget in (self.subject, self.notes):
            widget.setReadOnly(not detail.editable)
            # Read-only must look it: no frame, no white field inviting to type.
            widget.setStyleSheet("" if detail.editable else _READ_ONLY_LOOK)
        self.notes.setPlaceholderText("Notes imprimées en bas de la pièce" if detail.editable
                                      else "")
        self.subject.setPlaceholderText(_SUBJECT_HINT if detail.editable else "")
        if self._timer.isActive():
            return
        self._filling = True
        self.shown_version.emit(detail.version)  # what a save of this form is checked against
        head = detail.header
        self.issue_date.setDate(_qdate(head.issue_date))
        self.validity_date.setDate(_qdate(head.validity_date))
        self.due_date.setDate(_qdate(head.due_date))
        self.service_date.setDate(_qdate(head.service_date))
        self.category.setCurrentIndex(max(self.category.findData(head.operation_category), 0))
        self.reverse_charge.setChecked(head.reverse_charge)
        shown = fmt.decimal(head.retention_percent, 2 if head.retention_percent % 1 else 0) \
            if head.retention_percent else ""
        if self.retention.text() != shown:
            self.retention.setText(shown)
        if self.subject.text() != (head.subject or ""):
            self.subject.setText(head.subject or "")
        if self.notes.toPlainText() != (head.notes or ""):
            self.notes.setPlainText(head.notes or "")
        self._select(head)
        self._filling = False

    def _select(self, head: DocumentHeader) -> None:
        for combo, value, missing in ((self.ouvrage, head.ouvrage_id,
                                       self.detail.ouvrage_name if self.detail else None),
                                      (self.journal, head.journal_id,
                                       self.detail.journal_label if self.detail else None),
                                      (self.depot, head.depot_id, None)):
            found = combo.findData(value)
            if found < 0 and value is not None:  # not loaded yet: show the stored name
                combo.addItem(missing or "…", value)
                found = combo.count() - 1
            combo.setCurrentIndex(max(found, 0))

    # -- saving ------------------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        if self._filling or self.detail is None or not self.detail.editable:
            return
        self._timer.start()

    def current_header(self) -> DocumentHeader:
        quote = self.detail.kind == DocumentKind.QUOTE
        invoice = self.detail.kind in _INVOICE_LIKE
        return DocumentHeader(
            issue_date=_day(self.issue_date) or self.detail.header.issue_date,
            validity_date=_day(self.validity_date) if quote else None,
            due_date=_day(self.due_date) if invoice else None,
            ouvrage_id=self.ouvrage.currentData(), journal_id=self.journal.currentData(),
            depot_id=self.depot.currentData(),
            subject=self.subject.text().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
            operation_category=self.category.currentData(),
            service_date=_day(self.service_date)
            if self.detail.kind in NUMBERED_AT_ISSUE else None,
            reverse_charge=self.reverse_charge.isChecked(),
            retention_percent=self._retention_percent())

    def _retention_percent(self):
        """The typed percentage; what cannot be read goes to the service, which says why."""
        typed = self.retention.text().strip().replace("%", "").strip()
        if not typed:
            return None
        try:
            return parse_decimal(typed)
        except ValueError:
            return Decimal(-1)  # refused in French by update_header (0 < % ≤ 5)

    def save_now(self) -> None:
        self._timer.stop()
        if self.detail is None or not self.detail.editable:
            return
        header = self.current_header()
        if header != self.detail.header:
            self.header_changed.emit(header)

    @property
    def saving_soon(self) -> bool:
        return self._timer.isActive()

    def show_error(self, text: str) -> None:
        self.error.setText(f"{text}\nL'en-tête n'a pas été enregistré.")
        self.error.setVisible(bool(text))

    def discard_typing(self) -> None:
        """Forget a change not saved yet: the next set_detail shows the stored header."""
        self._timer.stop()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
