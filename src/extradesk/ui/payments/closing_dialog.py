"""« Clôture de caisse »: a day, a month or a year, its totals by mode and journal shown
first, then closed after a confirmation (the period locked: no payment dated in it
afterwards)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.i18n.payments import MODE_LABELS, PERIOD_LABELS
from extradesk.ui import prompts
from extradesk.ui.ops import payments as payments_ops
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, form_layout

PERIOD_CHOICES = (("jour", "Clôture journalière"), ("mois", "Clôture mensuelle"),
                  ("annee", "Clôture annuelle"))


def period_text(preview) -> str:
    if preview.first == preview.last:
        return f"la journée du {fmt.day(preview.first)}"
    return f"la période du {fmt.day(preview.first)} au {fmt.day(preview.last)}"


class ClosingDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closingDialog")
        self.setWindowTitle("Clôture des règlements")
        self.setMinimumWidth(520)
        self.tasks = tasks
        self.preview = None  # services.payments.screens.ClosingPreview
        self.closed = None  # the Closing once made
        self.confirm_box = None
        self.errors = FormErrors()
        self.period = QComboBox()
        self.period.setObjectName("period")
        for key, text in PERIOD_CHOICES:
            self.period.addItem(text, key)
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.totals = label("", "closingTotals", wrap=True)
        self.totals.setMinimumHeight(120)
        form = form_layout()
        form.addRow("Clôture", self.period)
        form.addRow("Jour compris dans la période", self.errors.field("day", self.day))
        buttons = QDialogButtonBox()
        self.close_button = primary(buttons.addButton("Clôturer…",
                                                      QDialogButtonBox.ButtonRole.AcceptRole))
        self.close_button.setObjectName("closePeriod")
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.ask)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.totals)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.close_button.setEnabled(False)
        payments_ops.today(tasks, self, on_done=self._today)

    def _today(self, today: date) -> None:
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.errors.clear()
        payments_ops.closing_preview(self.tasks, self, period=self.period.currentData(),
                                     day=self.day.date().toPython(), on_done=self._show)

    def _show(self, preview) -> None:
        self.preview = preview
        lines = [f"<b>{PERIOD_LABELS[preview.period]} : {period_text(preview)}</b>"]
        if preview.closed:
            lines.append("Cette période est déjà clôturée.")
        lines.append(f"{preview.count} règlement{'s' if preview.count > 1 else ''} "
                     f"(annulations comprises), total {fmt.money(preview.total)}")
        if preview.by_mode:
            lines.append("Par mode : " + " ; ".join(
                f"{MODE_LABELS.get(m, m)} {fmt.money(v)}" for m, v in
                sorted(preview.by_mode.items())))
            lines.append("Par journal : " + " ; ".join(
                f"{j or '—'} {fmt.money(v)}" for j, v in sorted(preview.by_journal.items())))
        self.totals.setText("<br>".join(lines))
        self.close_button.setEnabled(not preview.closed)

    def ask(self) -> None:
        if self.preview is None:
            return
        preview = self.preview
        self.confirm_box = prompts.confirm(
            self, "Clôturer",
            f"Clôturer {period_text(preview)} ({fmt.money(preview.total)}) ?\n\nLes totaux "
            "sont enregistrés et chaînés ; plus aucun règlement ne pourra être daté dans "
            "cette période, ni annulé à une date qu'elle couvre. C'est définitif.",
            self.close_period, yes_text="Clôturer")

    def close_period(self) -> None:
        payments_ops.close_period(self.tasks, self, period=self.period.currentData(),
                                  day=self.day.date().toPython(), on_done=self._closed,
                                  on_error=lambda e: self.errors.present(self, e))

    def _closed(self, result) -> None:
        self.closed = result[0]
        self.refresh()
