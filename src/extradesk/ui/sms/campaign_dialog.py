"""« Nouvelle campagne SMS »: the target, the text with its live count (characters,
segments, GSM-7 or UCS-2, « remplacer les caractères qui coûtent »), the recipients and the
clients excluded with why (no mobile, no consent, STOP), the estimated cost at the price per
SMS of the settings, and sending now or at a chosen time (the first allowed slot of the
sending window); then the campaign's report: sent, failed, opted out, cost.

The count of characters is computed here at each keystroke (core.sms_text, no database);
the recipients are counted on the worker, a moment after the last edit."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.money import to_cents
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.i18n.sms import STOP_MENTION
from extradesk.ui import errors, prompts
from extradesk.ui.agenda.calendar_text import DAYS, PARIS
from extradesk.ui.ops import sms_campaigns as campaign_ops
from extradesk.ui.sms import text_counter
from extradesk.ui.sms.campaign_target import TargetForm
from extradesk.ui.style import label, primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import form_layout

COUNT_AFTER_MS = 350  # the recipients are counted once typing pauses
REASONS = ("no_mobile", "no_consent", "opted_out")


def when(moment: datetime) -> str:
    local = moment.astimezone(PARIS)
    return f"{DAYS[local.weekday()]} {fmt.day(local.date())} à {local:%H:%M}"


class CampaignDialog(QDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignDialog")
        self.setWindowTitle("Nouvelle campagne SMS")
        self.resize(980, 680)
        self.tasks = tasks
        self.state: dict | None = None
        self.preview = None  # campaigns.Preview of the current target and time
        self.campaign_id: int | None = None
        self.target = TargetForm()
        self.name = QLineEdit()
        self.name.setObjectName("campaignName")
        self.name.setPlaceholderText("ex. Entretien de printemps 2027")
        self.text = QPlainTextEdit()
        self.text.setObjectName("campaignText")
        self.text.setMinimumHeight(120)
        self.count = label("", "hint", wrap=True)
        self.count.setObjectName("campaignCount")
        self.stop_note = label("", "hint", wrap=True)
        self.stop_note.setObjectName("campaignStopNote")
        self.replace_button = QPushButton("Remplacer les caractères qui coûtent")
        self.replace_button.setObjectName("campaignReplace")
        self.replace_button.setToolTip("Guillemets et apostrophes typographiques, points de "
                                       "suspension, tirets : leurs équivalents simples")
        self.recipients = label("", None, wrap=True)
        self.recipients.setObjectName("campaignRecipients")
        self.excluded = label("", "hint", wrap=True)
        self.excluded.setObjectName("campaignExcluded")
        self.excluded_list = QListWidget()
        self.excluded_list.setObjectName("campaignExcludedList")
        self.cost = label("", None, wrap=True)
        self.cost.setObjectName("campaignCost")
        self.now = QRadioButton("Maintenant")
        self.now.setObjectName("campaignNow")
        self.now.setChecked(True)
        self.later = QRadioButton("Le")
        self.later.setObjectName("campaignLater")
        self.at = QDateTimeEdit()
        self.at.setObjectName("campaignAt")
        self.at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.at.setCalendarPopup(True)
        self.at.setEnabled(False)
        self.slot = label("", "hint", wrap=True)
        self.slot.setObjectName("campaignSlot")
        self.report = label("", None, wrap=True)
        self.report.setObjectName("campaignReport")
        self.report.hide()
        self.send_button = primary(QPushButton("Envoyer la campagne…"))
        self.send_button.setObjectName("campaignSend")
        self.send_button.setEnabled(False)
        self.counter = QTimer(self)
        self.counter.setSingleShot(True)
        self.counter.setInterval(COUNT_AFTER_MS)
        self.counter.timeout.connect(self._count_recipients)
        self._build()
        self.text.textChanged.connect(self._text_changed)
        self.replace_button.clicked.connect(self.replace_costly)
        self.target.changed.connect(self.counter.start)
        self.later.toggled.connect(self.at.setEnabled)
        self.later.toggled.connect(lambda _on: self.counter.start())
        self.at.dateTimeChanged.connect(lambda _d: self.counter.start())
        self.send_button.clicked.connect(self.confirm_send)
        tasks.changed.connect(self._outbox_changed)
        campaign_ops.campaign_form(tasks, self, on_done=self._loaded)

    def _build(self) -> None:
        target_box = QGroupBox("Ciblage")
        QVBoxLayout(target_box).addWidget(self.target)
        text_box = QGroupBox("Message")
        form = form_layout(text_box)
        form.addRow("Nom", self.name)
        form.addRow("Texte", self.text)
        form.addRow("", self.count)
        form.addRow("", self.replace_button)
        form.addRow("", self.stop_note)
        schedule = QHBoxLayout()
        for widget in (self.now, self.later, self.at):
            schedule.addWidget(widget)
        schedule.addStretch()
        form.addRow("Envoi", schedule)
        form.addRow("", self.slot)
        who = QGroupBox("Destinataires")
        column = QVBoxLayout(who)
        for widget in (self.recipients, self.excluded, self.excluded_list, self.cost):
            column.addWidget(widget)
        left = QVBoxLayout()
        left.addWidget(target_box)
        left.addWidget(who, 1)
        right = QVBoxLayout()
        right.addWidget(text_box)
        right.addWidget(self.report)
        right.addStretch()
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        buttons = QDialogButtonBox()
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label("SMS commerciaux : seuls les clients ayant donné leur "
                               "consentement les reçoivent, avec la mention STOP ; ils partent "
                               "dans la plage d'envoi autorisée (SMS › Réglages SMS…).",
                               "hint", wrap=True))
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

    def _loaded(self, state: dict) -> None:
        self.state = state
        self.target.fill(state)
        start = state["now"].astimezone(PARIS)
        self.at.setDateTime(QDateTime(QDate(start.year, start.month, start.day),
                                      QTime(start.hour, start.minute)))
        gateway = state["gateway"]
        if gateway is None:
            self.stop_note.setText(messages.text("sms.no_gateway"))
        elif gateway.adds_stop:
            self.stop_note.setText("La mention STOP est ajoutée par le fournisseur.")
        elif gateway.stop_number:
            self.stop_note.setText(f"« {self.stop_mention()} » est ajouté à la fin du texte "
                                   "(compté ci-dessus).")
        else:
            self.stop_note.setText(messages.text("sms.campaign_stop_number"))
        self._text_changed()
        self._count_recipients()

    # -- the text --------------------------------------------------------------------------

    def stop_mention(self) -> str:
        gateway = self.state["gateway"] if self.state else None
        if gateway is None or gateway.adds_stop or not gateway.stop_number:
            return ""
        return STOP_MENTION.format(numero_stop=gateway.stop_number)

    def final_text(self) -> str:
        """The text as it will leave (the STOP mention included when we add it)."""
        text = self.text.toPlainText()
        mention = self.stop_mention()
        return f"{text.rstrip()} {mention}" if mention and text.strip() else text

    def info(self):
        return text_counter.analyse(self.final_text())

    def _text_changed(self) -> None:
        info = self.info()
        self.count.setText(text_counter.describe(info))
        self.replace_button.setEnabled(
            text_counter.replace_costly(self.text.toPlainText()) != self.text.toPlainText())
        self._show_cost()
        self._enable_send()

    def replace_costly(self) -> None:
        cursor = self.text.textCursor()
        position = cursor.position()
        self.text.setPlainText(text_counter.replace_costly(self.text.toPlainText()))
        cursor = self.text.textCursor()
        cursor.setPosition(min(position, len(self.text.toPlainText())))
        self.text.setTextCursor(cursor)

    # -- the recipients and the cost ---------------------------------------------------------

    def send_at(self) -> datetime | None:
        if not self.later.isChecked():
            return None
        return self.at.dateTime().toPython().replace(tzinfo=PARIS)

    def _count_recipients(self) -> None:
        if self.state is None:
            return
        # The count does not depend on the words; an empty text still shows who is reached.
        text = self.text.toPlainText() if self.text.toPlainText().strip() else "."
        campaign_ops.campaign_preview(self.tasks, self, target=self.target.target(), text=text,
                                 send_at=self.send_at(), on_done=self._counted,
                                 on_error=self._count_failed)

    def _counted(self, preview) -> None:
        self.preview = preview
        self.recipients.setText(fmt.count(preview.recipients, "destinataire",
                                          "destinataires"))
        parts = [f"{fmt.integer(preview.excluded[r])} {messages.text(f'sms.excluded.{r}')}"
                 for r in REASONS if preview.excluded.get(r)]
        total = sum(preview.excluded.values())
        self.excluded.setText(f"{fmt.count(total, 'client exclu', 'clients exclus')} : "
                              + ", ".join(parts) if parts else "Aucun client exclu.")
        self.excluded_list.clear()
        for person in preview.excluded_list:
            self.excluded_list.addItem(
                f"{person.name} — {messages.text(f'sms.excluded.{person.reason}')}")
        asked = self.send_at() or self.state["now"]
        moved = preview.send_at - asked > timedelta(minutes=1)
        self.slot.setText(f"Départ : {when(preview.send_at)}" + (
            " — première heure permise de la plage d'envoi" if moved else ""))
        self._show_cost()
        self._enable_send()

    def _count_failed(self, error: BaseException) -> None:
        self.preview = None
        self.recipients.setText(errors.describe(error))
        self.excluded.clear()
        self.excluded_list.clear()
        self._show_cost()
        self._enable_send()

    def _show_cost(self) -> None:
        if self.preview is None or self.state is None:
            self.cost.clear()
            return
        info = self.info()
        price = Decimal(str(self.state["price"]))
        total = to_cents(price * info.segments * self.preview.recipients)
        self.cost.setText(
            f"Coût estimé : {fmt.integer(self.preview.recipients)} × "
            f"{fmt.count(info.segments, 'SMS', 'SMS')} × {fmt.decimal(price, 3)}\u00a0€ = "
            f"{fmt.money(total)}")

    def _enable_send(self) -> None:
        self.send_button.setEnabled(
            self.campaign_id is None and self.preview is not None
            and self.preview.recipients > 0 and bool(self.text.toPlainText().strip()))

    # -- sending and the report --------------------------------------------------------------

    def confirm_send(self) -> None:
        info, count = self.info(), self.preview.recipients
        self.box = prompts.confirm(
            self, "Envoyer la campagne",
            f"Envoyer ce SMS à {fmt.count(count, 'destinataire', 'destinataires')} "
            f"({fmt.count(info.segments, 'SMS', 'SMS')} chacun) à partir du "
            f"{when(self.preview.send_at)} ?\n{self.cost.text()}", self.send,
            yes_text="Envoyer")

    def send(self) -> None:
        self.send_button.setEnabled(False)
        campaign_ops.create_campaign(self.tasks, self, name=self.name.text(),
                                target=self.target.target(), text=self.text.toPlainText(),
                                send_at=self.send_at(), on_done=self._created,
                                on_error=self._refused)

    def _created(self, result) -> None:
        self.campaign_id = result[0]
        for widget in (self.target, self.text, self.name, self.replace_button, self.now,
                       self.later, self.at):
            widget.setEnabled(False)
        self.report.show()
        self.refresh_report()

    def _refused(self, error: BaseException) -> None:
        self._enable_send()
        errors.show_error(self, error)

    def refresh_report(self) -> None:
        if self.campaign_id is not None:
            campaign_ops.campaign_report(self.tasks, self, campaign_id=self.campaign_id,
                                    on_done=self._report)

    def _outbox_changed(self, changes) -> None:
        if self.campaign_id is not None and (changes.outbox or changes.everything):
            self.refresh_report()

    def _report(self, report) -> None:
        self.report.setText(
            f"<b>Campagne « {report.name} »</b> — départ le {when(report.send_at)}<br>"
            f"Envoyés : {fmt.integer(report.sent)} · échecs : {fmt.integer(report.failed)} · "
            f"désinscrits (STOP) : {fmt.integer(report.opted_out)} · en attente : "
            f"{fmt.integer(report.waiting)} · sur {fmt.integer(report.recipients)}<br>"
            f"Coût des SMS envoyés : {fmt.money(report.cost)}")
