"""The company settings dialog, filled like a person: identity, logo, bank, insurance, terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
)
from ui_helpers import add_client, type_text, wait_for

from extradesk.core.workflow import Status
from extradesk.services import company, references
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.ui.dialogs import company_dialog
from extradesk.ui.dialogs.company_dialog import CompanyDialog
from extradesk.ui.documents.issue_flow import issue_with_checks

IDENTITY = {
    "name": "Piscines Azur", "siret": "732 829 320 00074", "rcs_rm": "RCS Lyon B 732 829 320",
    "vat_number": "FR44 732 829 320", "line1": "12 avenue des Tilleuls",
    "postal_code": "69003", "city": "Lyon", "phone": "04 78 12 34 56",
    "email": "Contact@Piscines-Azur.fr",
}
BANK = {"iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}
INSURANCE = {"insurer": "MAAF Assurances, 79036 Niort", "insurance_policy": "DEC-123456",
             "insurance_coverage": "France métropolitaine"}


def open_dialog(qtbot, tasks) -> CompanyDialog:
    dialog = CompanyDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.save_button.isEnabled)  # the current settings are loaded
    return dialog


def edit(dialog, name) -> QLineEdit:
    return dialog.findChild(QLineEdit, name)


def tab(dialog, title: str) -> None:
    tabs = dialog.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))


def fill(qtbot, dialog, values: dict[str, str]) -> None:
    for name, text in values.items():
        field = edit(dialog, name)
        field.clear()
        type_text(qtbot, field, text)


def write_png(path, width=240, height=90) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6fbf"))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def save(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_fill_in_the_company_then_reopen_it(qtbot, tasks, ctx, tmp_path, monkeypatch):
    journals = references.list_items(ctx, "journal")
    dialog = open_dialog(qtbot, tasks)
    assert "• Le numéro SIRET de l'entreprise." in dialog.missing_texts()

    fill(qtbot, dialog, IDENTITY)
    legal_form = dialog.findChild(QComboBox, "legal_form")
    legal_form.setCurrentText("")
    type_text(qtbot, legal_form.lineEdit(), "SARL")
    type_text(qtbot, edit(dialog, "capital"), "10 000")
    tab(dialog, "Logo")
    logo = write_png(tmp_path / "logo azur.png")
    monkeypatch.setattr(company_dialog, "ask_logo_path", lambda _parent: tmp_path / "logo azur.png")
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.logo_caption.text().startswith("logo azur.png — 240 × 90 px")
    tab(dialog, "Banque")
    fill(qtbot, dialog, BANK)
    tab(dialog, "Assurance décennale")
    fill(qtbot, dialog, INSURANCE)
    tab(dialog, "Conditions")
    days = dialog.findChild(QSpinBox, "payment_days")
    days.setValue(45)
    assert days.text() == "45 jours"
    dialog.findChild(QSpinBox, "quote_validity_days").setValue(60)
    journal = dialog.findChild(QComboBox, "default_journal_id")
    journal.setCurrentIndex(journal.findData(journals[-1].id))
    penalty = dialog.findChild(QPlainTextEdit, "late_penalty")
    penalty.setPlainText("Pénalités : trois fois le taux d'intérêt légal.")
    assert dialog.missing_texts() == []
    assert dialog.missing_title.text() == "Toutes les mentions obligatoires sont renseignées."
    save(qtbot, dialog)

    saved = company.get_company(ctx)
    assert (saved.name, saved.legal_form, saved.capital) == ("Piscines Azur", "SARL",
                                                            Decimal("10000"))
    assert saved.siret == "73282932000074" and saved.iban == "FR7630006000011234567890189"
    assert saved.email == "contact@piscines-azur.fr" and saved.insurer == INSURANCE["insurer"]
    assert (saved.payment_days, saved.quote_validity_days) == (45, 60)
    assert saved.late_penalty == "Pénalités : trois fois le taux d'intérêt légal."
    assert (saved.logo, saved.logo_name) == (logo, "logo azur.png")
    assert company.get_default_journal(ctx) == journals[-1].id

    again = open_dialog(qtbot, tasks)
    assert edit(again, "siret").text() == "73282932000074"
    assert edit(again, "capital").text() == "10\u202f000"
    assert again.findChild(QComboBox, "legal_form").currentText() == "SARL"
    assert again.findChild(QSpinBox, "payment_days").value() == 45
    assert again.findChild(QComboBox, "default_journal_id").currentData() == journals[-1].id
    assert not again.logo_preview.pixmap().isNull() and again.logo == logo
    assert again.missing_texts() == []

    qtbot.mouseClick(again.remove_logo_button, Qt.MouseButton.LeftButton)
    assert again.logo_preview.text() == "Aucun logo"
    save(qtbot, again)
    assert company.get_company(ctx).logo is None


def test_wrong_siret_and_iban_are_refused_in_french_and_nothing_is_saved(qtbot, tasks, ctx):
    dialog = open_dialog(qtbot, tasks)
    fill(qtbot, dialog, {**IDENTITY, "siret": "732 829 320 00075"})
    tab(dialog, "Banque")
    fill(qtbot, dialog, {"iban": "FR76 3000 6000 0112 3456 7890 188"})
    tab(dialog, "Identité")
    capital = edit(dialog, "capital")
    type_text(qtbot, capital, "dix mille")
    before = company.get_company(ctx)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    siret_error = dialog.findChild(QLabel, "siretError")
    assert siret_error.text() == (
        "SIRET : « 73282932000075 » n'est pas valide (14 chiffres et clé de contrôle).")
    assert dialog.findChild(QLabel, "ibanError").text() == (
        "IBAN : « FR7630006000011234567890188 » n'est pas valide (clé de contrôle).")
    assert dialog.findChild(QLabel, "capitalError").text() == (
        "Capital social : « dix mille » n'est pas un nombre.")
    assert dialog.errors.summary.text().startswith(
        "La saisie contient 3 erreurs : rien n'a été enregistré.")
    assert edit(dialog, "siret").property("invalid") is True
    assert dialog.tabs.tabBar().tabTextColor(2) == QColor("#b3261e")  # Banque is flagged
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert company.get_company(ctx) == before  # nothing changed

    capital.clear()
    fill(qtbot, dialog, {"siret": "732 829 320 00074", "iban": BANK["iban"]})
    save(qtbot, dialog)
    assert company.get_company(ctx).siret == "73282932000074"


def test_the_missing_mentions_follow_what_is_typed(qtbot, tasks):
    dialog = open_dialog(qtbot, tasks)
    missing = dialog.missing_texts()
    assert "• La raison sociale de l'entreprise." in missing
    assert "• Le numéro de TVA intracommunautaire (ou choisissez « TVA non applicable, " \
           "art. 293 B du CGI »)." in missing
    type_text(qtbot, edit(dialog, "siret"), "732 829 320 0007")
    assert ("• SIRET : « 7328293200007 » n'est pas valide (14 chiffres et clé de contrôle)."
            in dialog.missing_texts())
    type_text(qtbot, edit(dialog, "siret"), "4")
    assert not any("SIRET" in text for text in dialog.missing_texts())
    dialog.checks["vat_exempt"].setChecked(True)
    assert not any("TVA intracommunautaire" in text for text in dialog.missing_texts())
    dialog.checks["decennial_required"].setChecked(False)
    assert not edit(dialog, "insurer").isEnabled()
    assert not any("décennale" in text for text in dialog.missing_texts())
    # A click on a line shows its field.
    item = dialog.missing_list.item(0)
    dialog.missing_list.itemClicked.emit(item)
    assert dialog.tabs.currentIndex() == 0


@pytest.mark.parametrize("content", [b"GIF89a not a png", None])
def test_a_wrong_logo_is_refused_and_the_old_one_kept(qtbot, tasks, ctx, tmp_path,
                                                      monkeypatch, content):
    logo = write_png(tmp_path / "logo.png")
    company.update_company(ctx, logo=logo, logo_name="logo.png")
    wrong = tmp_path / "photo.png"
    if content is None:  # bigger than 1 Mo
        wrong.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * (company.MAX_LOGO + 1))
    else:
        wrong.write_bytes(content)
    dialog = open_dialog(qtbot, tasks)
    monkeypatch.setattr(company_dialog, "ask_logo_path", lambda _parent: wrong)
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.findChild(QLabel, "logoError").text() == (
        "Le logo doit être une image PNG ou JPEG de moins de 1024 Ko.")
    assert dialog.logo == logo and dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Logo"


# -- issuing an invoice: the check before, the company dialog from there ------------------------

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320", vat_number="FR44 732 829 320",
    insurer="MAAF Assurances, 79036 Niort", insurance_policy="DEC-123456",
    insurance_coverage="France métropolitaine")


@pytest.fixture
def invoice(ctx):
    client = add_client(ctx, last_name="Dupont", first_name="Hélène",
                        billing_line1="3 chemin des Vignes", billing_postal_code="69003",
                        billing_city="Lyon")
    invoice_id, _ = documents.create_invoice(ctx, client)
    lines.add_line(ctx, invoice_id, data=LineInput(label="Ramonage", unit_price="85", vat_rate="10"))
    return invoice_id


@pytest.fixture
def parent(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


def status(ctx, document_id) -> tuple:
    detail = documents.get_document(ctx, document_id)
    return detail.status, detail.number


def answer(qtbot, name: str, button_text: str) -> QMessageBox:
    box = wait_for(qtbot, QMessageBox, name)
    button = next(b for b in box.buttons() if b.text() == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return box


def test_a_missing_siret_is_listed_and_completed_from_there(qtbot, tasks, ctx, invoice, parent):
    company.save_company(ctx, replace(LEGAL, siret=None))
    issued = []
    issue_with_checks(parent, tasks, invoice, lambda: issued.append(True))
    box = wait_for(qtbot, QMessageBox, "issueProblemsBox")
    assert box.text() == "La facture ne peut pas encore être émise. Réglez d'abord ceci :"
    assert box.informativeText() == (
        "• Mention obligatoire manquante : le numéro SIRET de l'entreprise.")
    assert status(ctx, invoice) == (Status.DRAFT, None) and issued == []

    answer(qtbot, "issueProblemsBox", "Compléter les informations de l'entreprise…")
    dialog = wait_for(qtbot, CompanyDialog)
    qtbot.waitUntil(dialog.save_button.isEnabled)
    type_text(qtbot, edit(dialog, "siret"), "732 829 320 00074")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Saved: the check runs again and now asks for confirmation.
    confirm = wait_for(qtbot, QMessageBox, "issueConfirmBox")
    assert confirm.text() == (
        "Émettre la facture ? Elle recevra le numéro F-2026-00001 et la date du 28/11/2026, "
        "et ne pourra plus être modifiée ; seule une facture d'avoir pourra la corriger.")
    answer(qtbot, "issueConfirmBox", "Émettre")
    qtbot.waitUntil(lambda: issued == [True])
    assert status(ctx, invoice) == (Status.ISSUED, "F-2026-00001")
    assert parent.statusBar().currentMessage() == "Facture F-2026-00001 émise."


def test_a_complete_company_issues_after_confirmation(qtbot, tasks, ctx, invoice, parent):
    company.save_company(ctx, LEGAL)
    issued = []
    issue_with_checks(parent, tasks, invoice, lambda: issued.append(True))
    answer(qtbot, "issueConfirmBox", "Annuler")
    assert status(ctx, invoice) == (Status.DRAFT, None) and issued == []

    issue_with_checks(parent, tasks, invoice, lambda: issued.append(True))
    answer(qtbot, "issueConfirmBox", "Émettre")
    qtbot.waitUntil(lambda: issued == [True])
    assert status(ctx, invoice) == (Status.ISSUED, "F-2026-00001")


def test_a_client_problem_offers_no_company_button(qtbot, tasks, ctx, parent):
    company.save_company(ctx, LEGAL)
    client = add_client(ctx, last_name="Martin")  # no address
    invoice_id, _ = documents.create_invoice(ctx, client)
    issue_with_checks(parent, tasks, invoice_id, lambda: None)
    box = wait_for(qtbot, QMessageBox, "issueProblemsBox")
    assert box.informativeText() == (
        "• Adresse de facturation incomplète pour MARTIN (adresse, code postal et ville).\n"
        "• La pièce ne contient aucune ligne chiffrée : il n'y a rien à émettre.")
    assert [b.text() for b in box.buttons()] == ["Fermer"]


def test_a_date_before_the_last_issued_invoice_is_refused_in_french(qtbot, tasks, ctx, invoice,
                                                                   parent):
    company.save_company(ctx, LEGAL)
    later, _ = documents.create_invoice(ctx, documents.get_document(ctx, invoice).client_id)
    lines.add_line(ctx, later, data=LineInput(label="Entretien", unit_price="120", vat_rate="10"))
    issuing.issue_document(ctx, later, on=date(2026, 12, 1))
    issued = []
    issue_with_checks(parent, tasks, invoice, lambda: issued.append(True))
    answer(qtbot, "issueConfirmBox", "Émettre")
    box = wait_for(qtbot, QMessageBox, "errorBox")
    assert box.text() == (
        "La date du 28/11/2026 est antérieure à celle de la dernière pièce émise (01/12/2026) : "
        "la numérotation doit rester chronologique.")
    assert status(ctx, invoice) == (Status.DRAFT, None) and issued == []
