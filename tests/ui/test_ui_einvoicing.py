"""The reform's fields in the windows, used like a person would: a business client's SIREN and
VAT number on the client form, the operation category, the date of service and autoliquidation
on an invoice's header."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from ui_helpers import add_client, type_text

from extradesk.services import company
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.ui.dialogs.client_dialog import ClientDialog
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.editor import open_editor
from extradesk.ui.documents.lines_model import VAT


def field(dialog, name) -> QLineEdit:
    return dialog.findChild(QLineEdit, name)


def test_the_client_form_takes_a_checked_siren_and_vat_number(qtbot, window, ctx):
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ClientDialog))
    dialog = QApplication.activeModalWidget()
    type_text(qtbot, field(dialog, "company"), "Bâti Sud SARL")
    type_text(qtbot, field(dialog, "siren"), "552 100 555")
    type_text(qtbot, field(dialog, "vat_number"), "FR96 552100554")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(type(dialog.errors.summary), "sirenError")
    qtbot.waitUntil(error.isVisible)
    assert error.text() == ("SIREN : « 552100555 » n'est pas un SIREN valide (9 chiffres, "
                            "clé de contrôle).")
    assert clients.count_clients(ctx) == 0
    field(dialog, "siren").clear()
    type_text(qtbot, field(dialog, "siren"), "552 100 554")
    dialog.grab().save("/tmp/facturx-client.png")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    data = clients.get_client(ctx, saved.args[0]).data
    assert (data.siren, data.vat_number) == ("552100554", "FR96552100554")


def test_the_invoice_header_proposes_the_category_and_ticks_autoliquidation(
        qtbot, tasks, idle, ctx):
    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
        line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
        siret="73282932000074", rcs_rm="RCS Lyon", vat_number="FR44732829320",
        insurer="MAAF Assurances", insurance_policy="DEC-1", insurance_coverage="France"))
    client_id = add_client(ctx, company="Bâti Sud SARL", billing_line1="4 rue du Port",
                           billing_postal_code="13002", billing_city="Marseille")
    invoice_id, _ = documents.create_invoice(ctx, client_id)
    for data in (LineInput(label="Pose de carrelage", quantity="12", unit="h", unit_price="45",
                           vat_rate="20"),
                 LineInput(label="Carrelage", quantity="3", unit="u", unit_price="120,50",
                           vat_rate="10")):
        lines.add_line(ctx, invoice_id, data=data)
    editor = open_editor(tasks, invoice_id)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        idle()
        header = editor.header
        assert header.category.itemText(0) == "proposée : mixte (biens et services)"
        assert header.service_date.isVisible() and header.reverse_charge.isVisible()

        qtbot.mouseClick(header.reverse_charge, Qt.MouseButton.LeftButton)
        header.category.setCurrentIndex(header.category.findData("services"))
        header.category.activated.emit(header.category.currentIndex())
        header.service_date.setDate(QDate(2026, 11, 20))
        header.save_now()
        qtbot.waitUntil(lambda: editor.detail.header.reverse_charge, timeout=10_000)
        idle()
        qtbot.waitUntil(lambda: editor.detail.header.operation_category == "services")
        stored = documents.get_document(ctx, invoice_id)
        assert stored.header.service_date == date(2026, 11, 20)
        assert (stored.totals.vat, stored.totals.gross) == (Decimal("0.00"), Decimal("901.50"))
        # the grid says what the totals and the PDF say, not the typed 20 % / 10 %
        model = editor.model
        vat = [model.index(row, VAT).data() for row in range(model.rowCount())]
        assert vat == ["0\xa0%", "0\xa0%"]  # the tooltip says why
        assert model.index(1, VAT).data(Qt.ItemDataRole.ToolTipRole) == (
            "Autoliquidation : TVA due par le client, 0\xa0% facturé (taux saisi : 10\xa0%).")
        editor.resize(1250, 760)
        editor.grab().save("/tmp/facturx-header.png")
    finally:
        for window in list(editor_module._open.values()):
            window.close()


def test_a_situation_is_made_from_the_order_window_with_a_percentage_per_line(
        qtbot, tasks, idle, ctx):
    from extradesk.core.workflow import DocumentKind, Status
    from extradesk.ui.documents.convert_dialogs import SituationDialog

    client_id = add_client(ctx, last_name="Dupont", billing_line1="3 chemin des Vignes",
                           billing_postal_code="69003", billing_city="Lyon")
    order_id, _ = documents.create_order(ctx, client_id)
    lines.add_line(ctx, order_id, data=LineInput(label="Maçonnerie", quantity="1",
                                                 unit_price="10000", vat_rate="10"))
    lines.add_line(ctx, order_id, data=LineInput(label="Carrelage", quantity="1",
                                                 unit_price="2500", vat_rate="10"))
    documents.set_status(ctx, order_id, target=Status.CONFIRMED)
    editor = open_editor(tasks, order_id)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        idle()
        tiles_id = editor.detail.lines[1].id
        qtbot.mouseClick(editor.workflow.buttons["progressInvoice"],
                         Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.findChild(SituationDialog) is not None)
        dialog = editor.findChild(SituationDialog)
        qtbot.waitUntil(dialog.isVisible)
        dialog.overall.clear()
        type_text(qtbot, dialog.overall, "30")
        type_text(qtbot, dialog.findChild(QLineEdit, f"linePercent_{tiles_id}"), "10 %")
        dialog.grab().save("/tmp/facturx2-situation.png")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(
            w.detail is not None and w.detail.kind == DocumentKind.INVOICE
            for w in editor_module._open.values()), timeout=10_000)
        situation = next(w for w in editor_module._open.values()
                         if w.detail.kind == DocumentKind.INVOICE)
        # 30 % of 10 000,00 and 10 % of 2 500,00, both at 10 %: 3 250,00 HT, 325,00 VAT
        assert [line.net for line in situation.detail.lines] == [Decimal("3000.00"),
                                                                 Decimal("250.00")]
        assert (situation.detail.totals.net, situation.detail.totals.gross) == (
            Decimal("3250.00"), Decimal("3575.00"))
        assert situation.detail.header.subject == "Situation n° 1 — commande C-2026-00001"
    finally:
        for window in list(editor_module._open.values()):
            window.close()


@pytest.mark.no_attestation
def test_the_reduced_vat_attestation_is_recorded_from_the_quote_editor(
        qtbot, tasks, idle, ctx, tmp_path):
    from extradesk.services.documents import attestation
    from extradesk.ui.documents.attestation_dialog import AttestationDialog

    scan = tmp_path / "attestation.pdf"
    scan.write_bytes(b"%PDF-1.4 attestation 1301-SD")
    client_id = add_client(ctx, last_name="Dupont", billing_line1="3 chemin des Vignes",
                           billing_postal_code="69003", billing_city="Lyon")
    quote_id, _ = documents.create_quote(ctx, client_id)
    lines.add_line(ctx, quote_id, data=LineInput(label="Carrelage", quantity="3",
                                                 unit_price="120,50", vat_rate="10"))
    editor = open_editor(tasks, quote_id)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        idle()
        qtbot.mouseClick(editor.workflow.buttons["vatAttestation"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.findChild(AttestationDialog) is not None)
        dialog = editor.findChild(AttestationDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.state.text() == "Aucune attestation enregistrée."
        assert dialog.day.text() == "28/11/2026"
        dialog.day.clear()
        type_text(qtbot, dialog.day, "31/02/2026")
        qtbot.mouseClick(dialog.findChild(QPushButton, "okButton"), Qt.MouseButton.LeftButton)
        assert dialog.error.text() == "Date : « 31/02/2026 » n'est pas une date (jj/mm/aaaa)."
        dialog.day.clear()
        type_text(qtbot, dialog.day, "20/11/2026")
        dialog.file.setText(str(scan))
        dialog.grab().save("/tmp/facturx2-attestation.png")
        qtbot.mouseClick(dialog.findChild(QPushButton, "okButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: attestation.load(ctx, quote_id) is not None, timeout=10_000)
        found = attestation.load(ctx, quote_id)
        assert (found.day, found.name) == (date(2026, 11, 20), "attestation.pdf")
        assert found.path.read_bytes() == scan.read_bytes()
    finally:
        editor.close()


def test_a_retention_is_released_from_the_invoice_window(qtbot, tasks, idle, ctx):
    from dataclasses import replace

    from extradesk.services.documents import issuing, retention
    from extradesk.services.payments import figures
    from extradesk.ui.documents.retention_dialog import ReleaseDialog

    company.save_company(ctx, company.CompanyIdentity(
        name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
        line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
        siret="73282932000074", rcs_rm="RCS Lyon", vat_number="FR44732829320",
        insurer="MAAF Assurances", insurance_policy="DEC-1", insurance_coverage="France"))
    client_id = add_client(ctx, last_name="Dupont", billing_line1="3 chemin des Vignes",
                           billing_postal_code="69003", billing_city="Lyon")
    invoice_id, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, invoice_id, data=LineInput(label="Maçonnerie", quantity="1",
                                                   unit_price="1000", vat_rate="20"))
    header = documents.get_document(ctx, invoice_id).header
    documents.update_header(ctx, invoice_id, header=replace(
        header, retention_percent=Decimal("5")))
    issuing.issue_document(ctx, invoice_id)
    assert figures.invoice_figures(ctx, invoice_id).remaining == Decimal("1140.00")
    editor = open_editor(tasks, invoice_id)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        idle()
        qtbot.mouseClick(editor.workflow.buttons["releaseRetention"],
                         Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.findChild(ReleaseDialog) is not None)
        dialog = editor.findChild(ReleaseDialog)
        qtbot.waitUntil(dialog.isVisible)
        dialog.by_caution.setChecked(True)
        type_text(qtbot, dialog.reference, "Caution BNP 2026-118")
        dialog.grab().save("/tmp/facturx2-release.png")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: retention.open_retentions(ctx) == [], timeout=10_000)
        assert figures.invoice_figures(ctx, invoice_id).remaining == Decimal("1140.00")
    finally:
        editor.close()
