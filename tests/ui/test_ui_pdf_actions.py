"""Preview, print and save a document's PDF like a person would, reading the results back."""

from __future__ import annotations

import io
import os
from decimal import Decimal

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QMessageBox
from ui_helpers import add_client, wait_for

from extradesk.core.errors import StorageError
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.ui.documents import pdf_actions
from extradesk.ui.documents.pdf_view import PdfViewer, percent

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320", vat_number="FR44 732 829 320",
    iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP",
    insurer="MAAF Assurances, 79036 Niort", insurance_policy="DEC-123456",
    insurance_coverage="France métropolitaine")


@pytest.fixture
def helene(ctx):
    company.save_company(ctx, LEGAL)
    return add_client(ctx, last_name="Dupont", first_name="Hélène",
                      billing_line1="3 chemin des Vignes", billing_postal_code="69003",
                      billing_city="Lyon")


@pytest.fixture
def parent(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


def long_quote(ctx, client_id, count=24) -> int:
    quote, _ = documents.create_quote(ctx, client_id)
    for i in range(1, count + 1):
        lines.add_line(ctx, quote, data=LineInput(
            code=f"A{i:03d}", label=f"Article numéro {i} avec une désignation assez longue "
                                    "pour passer sur deux lignes dans la colonne",
            quantity=str(i), unit="u", unit_price="12,5", vat_rate="20"))
    return quote


def issued_invoice(ctx, client_id) -> int:
    invoice, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, invoice, data=LineInput(label="Ramonage", unit_price="85", vat_rate="10"))
    issuing.issue_document(ctx, invoice)
    return invoice


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_preview_shows_every_page_with_zoom_and_page_indicator(qtbot, tasks, ctx, helene,
                                                                   parent):
    quote = long_quote(ctx, helene)
    assert page_count(documents.render_pdf(ctx, quote)) == 2
    pdf_actions.preview(parent, tasks, quote)
    viewer = wait_for(qtbot, PdfViewer)
    assert viewer.windowTitle() == "Aperçu — Devis D-2026-00001 - DUPONT Hélène"
    assert viewer.page_count == 2
    assert viewer.page_label.text() == "Page 1 / 2"
    assert viewer.fit_action.isChecked()
    fitted = viewer.effective_zoom()
    viewer.zoom_in_action.trigger()
    assert viewer.effective_zoom() > fitted and not viewer.fit_action.isChecked()
    assert viewer.zoom_label.text() == percent(viewer.effective_zoom())
    viewer.zoom_out_action.trigger()
    viewer.zoom_out_action.trigger()
    assert viewer.effective_zoom() < fitted
    viewer.go_to_page(1)
    qtbot.waitUntil(lambda: viewer.page_label.text() == "Page 2 / 2")
    viewer.fit_action.trigger()
    assert viewer.fit_action.isChecked()


def test_printing_paints_every_page_on_the_printer(qtbot, tasks, ctx, helene, parent,
                                                   tmp_path, monkeypatch):
    quote = long_quote(ctx, helene)
    document = pdf_actions.load_pdf(documents.render_pdf(ctx, quote), None)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "direct.pdf"))
    assert pdf_actions.paint_pdf(document, printer) == 2
    assert page_count((tmp_path / "direct.pdf").read_bytes()) == 2

    # The whole action, with the system print dialog answered "Imprimer" on page 2 only.
    def accept(_parent, chosen: QPrinter, on_ok):
        assert chosen.docName() == "Devis D-2026-00001 - DUPONT Hélène"
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(tmp_path / "printed.pdf"))
        chosen.setPrintRange(QPrinter.PrintRange.PageRange)
        chosen.setFromTo(2, 2)
        on_ok()

    monkeypatch.setattr(pdf_actions, "ask_printer", accept)
    pdf_actions.print_document(parent, tasks, quote)
    qtbot.waitUntil(lambda: (tmp_path / "printed.pdf").exists())
    assert page_count((tmp_path / "printed.pdf").read_bytes()) == 1


def test_saving_writes_the_issued_invoice(qtbot, tasks, ctx, helene, parent, tmp_path,
                                          monkeypatch, idle):
    invoice = issued_invoice(ctx, helene)
    asked = []

    out = tmp_path / "out"
    out.mkdir()

    def choose(_parent, suggested):
        asked.append(suggested)
        return out / "facture.pdf"

    monkeypatch.setattr(pdf_actions, "ask_save_path", choose)
    pdf_actions.save_pdf(parent, tasks, invoice)
    idle()
    assert asked == ["Facture F-2026-00001 - DUPONT Hélène.pdf"]
    saved = (out / "facture.pdf").read_bytes()
    assert saved == documents.render_pdf(ctx, invoice)  # the frozen bytes, as issued
    assert "F-2026-00001" in text_of(saved)
    assert [p.name for p in out.iterdir()] == ["facture.pdf"]  # no temporary file left
    assert parent.statusBar().currentMessage() == f"PDF enregistré : {out / 'facture.pdf'}"


def test_the_viewer_saves_what_it_shows(qtbot, tasks, ctx, helene, parent, tmp_path,
                                        monkeypatch, idle):
    invoice = issued_invoice(ctx, helene)
    monkeypatch.setattr(pdf_actions, "ask_save_path", lambda _p, _n: tmp_path / "copie.pdf")
    pdf_actions.preview(parent, tasks, invoice)
    viewer = wait_for(qtbot, PdfViewer)
    viewer.save_action.trigger()
    idle()
    assert (tmp_path / "copie.pdf").read_bytes() == viewer.pdf


def test_saving_where_it_cannot_tells_why_in_french(qtbot, tasks, ctx, helene, parent,
                                                    tmp_path, monkeypatch, idle):
    invoice = issued_invoice(ctx, helene)
    target = tmp_path / "disparu" / "facture.pdf"
    monkeypatch.setattr(pdf_actions, "ask_save_path", lambda _p, _n: target)
    pdf_actions.save_pdf(parent, tasks, invoice)
    box = wait_for(qtbot, QMessageBox, "errorBox")
    assert box.text() == (f"Impossible d'enregistrer « {target} » : le dossier "
                          f"« {target.parent} » n'existe pas (ou plus).")
    assert not target.parent.exists()
    box.close()


def test_a_cancelled_save_writes_nothing(qtbot, tasks, ctx, helene, parent, tmp_path,
                                         monkeypatch, idle):
    monkeypatch.setattr(pdf_actions, "ask_save_path", lambda _p, _n: None)
    pdf_actions.save_pdf(parent, tasks, issued_invoice(ctx, helene))
    idle()
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_file_that_cannot_be_replaced_is_refused_in_french(tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    (folder / "facture.pdf").mkdir()  # a folder where the file should go: cannot be replaced
    with pytest.raises(StorageError) as caught:
        pdf_actions.write_atomically(folder / "facture.pdf", b"%PDF-1.4")
    assert error_text(caught.value) == (
        f"Impossible d'enregistrer « {folder / 'facture.pdf'} » : un dossier porte déjà ce nom.")
    assert [p.name for p in folder.iterdir()] == ["facture.pdf"]  # the temp file is gone


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root (the CI container runs as root)")
def test_a_read_only_folder_is_refused_in_french(tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StorageError) as caught:
            pdf_actions.write_atomically(folder / "facture.pdf", b"%PDF-1.4")
    finally:
        folder.chmod(0o700)
    assert "est en lecture seule" in error_text(caught.value)
    assert list(folder.iterdir()) == []


def test_a_pdf_qtpdf_cannot_read_is_refused_in_french(qapp):
    with pytest.raises(StorageError) as caught:
        pdf_actions.load_pdf(b"ceci n'est pas un PDF", None)
    assert error_text(caught.value) == (
        "Le PDF n'a pas pu être ouvert pour l'aperçu (InvalidFileFormat).")
