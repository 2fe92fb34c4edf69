"""What the editor shows of a document's state: an invoiced order closed, an issued invoice's
header read-only to the eye, a draft invoice's date set at issue, an avoir "Émis"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import add_client, wait_for

from extradesk.core.workflow import Status
from extradesk.services import company
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.editor import open_editor

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320",
    vat_number="FR44 732 829 320", insurer="MAAF Assurances, 79036 Niort",
    insurance_policy="DEC-123456", insurance_coverage="France métropolitaine",
)
LINER = LineInput(code="LIN", label="Liner", quantity="1", unit="u", unit_price="2480",
                  vat_rate="20")


@pytest.fixture
def client_id(ctx):
    company.save_company(ctx, LEGAL)
    return add_client(ctx, last_name="Dupont", first_name="Hélène",
                      billing_line1="3 chemin des Vignes", billing_postal_code="69003",
                      billing_city="Lyon")


@pytest.fixture
def open_doc(qtbot, tasks, idle):
    def opener(document_id: int):
        editor = open_editor(tasks, document_id)
        qtbot.waitUntil(lambda: editor.detail is not None and editor.detail.id == document_id)
        idle()
        return editor

    yield opener
    for editor in list(editor_module._open.values()):
        editor.close()


def shown(editor) -> set[str]:
    return {name for name, b in editor.workflow.buttons.items() if not b.isHidden()}


def test_an_order_with_its_invoice_offers_no_second_one_and_is_closed_once_issued(
        qtbot, ctx, client_id, open_doc, idle):
    order, _ = documents.create_order(ctx, client_id)
    lines.add_line(ctx, order, data=LINER)
    editor = open_doc(order)
    assert {"invoiceOrder", "depositInvoice"} <= shown(editor)
    invoice, _ = conversions.invoice_order(ctx, order)
    editor.refresh()
    idle()
    qtbot.waitUntil(lambda: len(editor.detail.derived) == 1)
    assert not {"invoiceOrder", "depositInvoice"} & shown(editor)  # open the draft instead
    issuing.issue_document(ctx, invoice)
    editor.refresh()
    idle()
    qtbot.waitUntil(lambda: editor.detail.status == Status.INVOICED)
    assert editor.status.text() == "Facturée"
    assert editor.banner.isVisible() and editor.banner.text().startswith("Commande facturée")
    assert not editor.model.editable and not editor.lines.bar.isVisible()
    assert not {"invoiceOrder", "depositInvoice"} & shown(editor)


def test_an_issued_invoice_header_looks_read_only(qtbot, ctx, client_id, open_doc, idle):
    invoice, _ = documents.create_invoice(ctx, client_id)
    documents.update_header(ctx, invoice, header=documents.get_document(ctx, invoice).header)
    lines.add_line(ctx, invoice, data=LINER)
    editor = open_doc(invoice)
    form = editor.header
    assert form.subject.styleSheet() == ""  # a draft: an ordinary field
    issuing.issue_document(ctx, invoice)
    editor.refresh()
    qtbot.waitUntil(lambda: editor.detail.status == Status.ISSUED)
    for widget in (form.subject, form.notes):
        assert widget.isReadOnly() and "border: none" in widget.styleSheet()
        assert not widget.placeholderText()  # nothing inviting to type    editor.grab().save("/tmp/docfix_issued_invoice.png")


def test_a_draft_invoice_says_its_date_is_the_day_of_issue(qtbot, ctx, client_id, open_doc,
                                                           idle):
    from datetime import date

    invoice, _ = documents.create_invoice(ctx, client_id, issue_date=date(2026, 11, 2))
    lines.add_line(ctx, invoice, data=LINER)
    editor = open_doc(invoice)
    form = editor.header
    assert not form.issue_date.isVisible() and not form.issue_date.isEnabled()
    assert form.date_hint.isVisible() and form.date_hint.text() == "le jour de l'émission"
    editor.grab().save("/tmp/docfix_draft_invoice.png")
    qtbot.mouseClick(editor.workflow.buttons["to_emise"], Qt.MouseButton.LeftButton)
    box = wait_for(qtbot, QMessageBox, "issueConfirmBox")
    assert ("Elle recevra le numéro F-2026-00001 et la date du 28/11/2026" in box.text())
    assert "La date du brouillon (02/11/2026) n'est pas reprise" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    idle()
    qtbot.waitUntil(lambda: editor.detail.number == "F-2026-00001")
    assert documents.get_document(ctx, invoice).header.issue_date == date(2026, 11, 28)
    assert not form.date_hint.isVisible()  # issued: its date is a fact now
    assert form.issue_date.isVisible() and form.issue_date.text() == "28/11/2026"

    note, _ = conversions.credit_note(ctx, invoice)
    issuing.issue_document(ctx, note)
    assert open_doc(note).status.text() == "Émis"


def test_the_prospect_promotion_is_a_preference_on_by_default(qtbot, ctx, tasks, idle):
    from extradesk.services import preferences
    from extradesk.ui.dialogs.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(tasks, "Utilisateur principal")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled)
    idle()
    assert dialog.promote.isChecked()
    dialog.promote.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    assert preferences.get(ctx, preferences.PROMOTE_PROSPECTS.key) is False
