"""The client record's « SMS commerciaux » box: the consent (its date and source, the
register the law asks for) and the opt-out (STOP) of the client's mobile, both entered by
hand in a small dialog; the campaigns read them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from extradesk.i18n import format as fmt
from extradesk.ui.agenda.calendar_text import PARIS
from extradesk.ui.ops import sms_campaigns as campaign_ops
from extradesk.ui.style import label, primary
from extradesk.ui.widgets.form import FormErrors, form_layout

SOURCES = ("Formulaire papier signé", "Devis signé", "Site web", "Salon", "Téléphone",
           "E-mail")


def summary(state: dict) -> str:
    consent, mobile = state["consent"], state["mobile"]
    parts = [f"Consentement donné le {fmt.day(consent.given_at.astimezone(PARIS).date())} "
             f"({consent.source})." if consent else
             "Consentement aux SMS commerciaux non recueilli : pas de campagne SMS."]
    if mobile is None:
        parts.append("Pas de numéro de portable.")
    elif state["opted_out"]:
        parts.append(f"Le {fmt.phone(mobile)} a demandé STOP : plus aucun SMS commercial.")
    return " ".join(parts)


class ConsentBox(QGroupBox):
    def __init__(self, tasks, parent: QWidget | None = None) -> None:
        super().__init__("SMS commerciaux", parent)
        self.setObjectName("smsConsentBox")
        self.tasks = tasks
        self.client_id: int | None = None
        self.state: dict | None = None
        self.text = label("", "hint", wrap=True)
        self.text.setObjectName("smsConsentText")
        self.edit_button = QPushButton("Modifier…")
        self.edit_button.setObjectName("smsConsentEdit")
        self.edit_button.setEnabled(False)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.edit_button)
        self.edit_button.clicked.connect(self.edit)

    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        campaign_ops.consent_state(self.tasks, self, client_id=client_id, on_done=self._loaded)

    def apply_changes(self, changes) -> None:
        if self.client_id is not None and (changes.everything
                                           or self.client_id in changes.clients):
            self.show_client(self.client_id)

    def _loaded(self, state: dict) -> None:
        self.state = state
        self.text.setText(summary(state))
        self.edit_button.setEnabled(True)

    def edit(self) -> None:
        self.dialog = ConsentDialog(self.tasks, self.client_id, self.state, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()


class ConsentDialog(QDialog):
    def __init__(self, tasks, client_id: int, state: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("smsConsentDialog")
        self.setWindowTitle("Consentement aux SMS commerciaux")
        self.tasks, self.client_id, self.state = tasks, client_id, state
        self.errors = FormErrors()
        consent = state["consent"]
        self.given = QCheckBox("Le client accepte de recevoir des SMS commerciaux")
        self.given.setObjectName("consentGiven")
        self.given.setChecked(consent is not None)
        self.day = QDateEdit()
        self.day.setObjectName("consentDate")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        shown = state["today"] if consent is None else consent.given_at.astimezone(PARIS)
        self.day.setDate(QDate(shown.year, shown.month, shown.day))
        self.source = QComboBox()
        self.source.setObjectName("consentSource")
        self.source.setEditable(True)
        self.source.addItems(SOURCES)
        self.source.setCurrentText(consent.source if consent else "")
        self.stop = QCheckBox("Le client a demandé STOP (plus aucun SMS commercial)")
        self.stop.setObjectName("consentStop")
        self.stop.setChecked(bool(state["opted_out"]))
        self.stop.setEnabled(state["mobile"] is not None)
        form = form_layout()
        form.addRow("", self.given)
        form.addRow("Donné le", self.day)
        form.addRow("Origine", self.errors.field("source", self.source))
        form.addRow("", self.stop)
        buttons = QDialogButtonBox()
        self.save_button = primary(buttons.addButton("Enregistrer",
                                                     QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("consentSave")
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label("La loi demande de garder la preuve du consentement : sa date "
                               "et la façon dont il a été donné.", "hint", wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.errors.panel)
        layout.addWidget(buttons)
        self.given.toggled.connect(lambda on: (self.day.setEnabled(on),
                                               self.source.setEnabled(on)))
        self.day.setEnabled(self.given.isChecked())
        self.source.setEnabled(self.given.isChecked())

    def save(self) -> None:
        day = self.day.date().toPython()
        consent = self.state["consent"]
        given_at = consent.given_at if consent and \
            consent.given_at.astimezone(PARIS).date() == day \
            else datetime(day.year, day.month, day.day, 12, 0, tzinfo=PARIS)
        self.errors.clear()
        campaign_ops.save_consent(
            self.tasks, self, client_id=self.client_id, given=self.given.isChecked(),
            source=self.source.currentText(), given_at=given_at, mobile=self.state["mobile"],
            opted_out=self.stop.isChecked() if self.state["mobile"] else None,
            on_done=lambda _c: self.accept(),
            on_error=lambda error: self.errors.present(self, error))
