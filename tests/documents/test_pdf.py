"""The printed document: pages, repeated headers, embedded fonts, drafts, lazy reportlab."""

from __future__ import annotations

import io
import subprocess
import sys
from decimal import Decimal as D

import pypdf
from documents_helpers import pdf_pages

from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput


def long_quote(ctx, client_id, count=60):
    quote, _ = documents.create_quote(ctx, client_id)
    for i in range(1, count + 1):
        if i % 15 == 1:
            lines.add_line(ctx, quote, data=LineInput(code="txt_lot", label=f"Lot {i // 15 + 1}"))
        lines.add_line(ctx, quote, data=LineInput(
            code=f"A{i:03d}", label=f"Article numéro {i} avec une désignation assez longue "
                                    "pour passer sur deux lignes dans la colonne",
            quantity=str(i), unit="u", unit_price="12,5", vat_rate="20"))
    return quote


def test_a_long_quote_repeats_the_header_and_numbers_its_pages(business, helene):
    pdf = documents.render_pdf(business, long_quote(business, helene), line_numbers=True)
    pages = pdf_pages(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Désignation\nQté\nUnité\nP.U. HT\nTVA\nTotal HT" in text
        assert text.rstrip().endswith(f"Page {number}/{len(pages)}")
        assert "SIRET 732 829 320 00074" in text  # the legal footer on every page
    assert "\n60\nArticle numéro 60 avec une" in pages[-1]  # line numbers when asked
    # 1 + 2 + ... + 60 = 1 830 units at 12,50 = 22 875,00 HT, 27 450,00 TTC
    assert "Total TTC\n27 450,00 €" in pages[-1]


def test_fonts_are_embedded_so_euro_and_accents_always_print(business, helene):
    reader = pypdf.PdfReader(io.BytesIO(documents.render_pdf(
        business, long_quote(business, helene, 3))))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
            if "/DescendantFonts" in font else font["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()  # the TrueType program is inside
        names.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= names


def test_a_draft_invoice_prints_as_a_draft_without_number(business, helene):
    invoice, _ = documents.create_invoice(business, helene)
    lines.add_line(business, invoice, data=LineInput(label="Ramonage", unit_price="85",
                                                vat_rate="10"))
    text = pdf_pages(documents.render_pdf(business, invoice))[0]
    assert "FACTURE N° BROUILLON (non numérotée)" in text
    assert "Net à payer\n93,50 €" in text
    assert documents.get_document(business, invoice).has_pdf is False  # drafts store nothing
    assert documents.pdf_file_name(business, invoice) == "Facture (brouillon) - DUPONT Hélène.pdf"


def test_reportlab_is_imported_on_the_first_print_only(db_path, business, helene):
    quote = long_quote(business, helene, 2)
    script = (
        "import sys\n"
        "from extradesk.services.context import open_context\n"
        "from extradesk.services.documents import conversions, issuing\n"
        "from extradesk.services.documents import drafts as documents\n"
        f"ctx, _ = open_context({str(db_path)!r})\n"
        f"documents.get_document(ctx, {quote})\n"
        "assert 'reportlab' not in sys.modules, 'reportlab loaded before printing'\n"
        f"pdf = documents.render_pdf(ctx, {quote})\n"
        "assert pdf.startswith(b'%PDF') and 'reportlab' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_amounts_use_french_formats(business, helene):
    quote, _ = documents.create_quote(business, helene)
    lines.add_line(business, quote, data=LineInput(label="Dalle béton", quantity="1 234,5",
                                              unit="m²", unit_price="0,1234", vat_rate="5,5"))
    detail = documents.get_document(business, quote)
    assert detail.lines[0].net == D("152.34")  # 1 234,5 × 0,1234 = 152,3373
    text = pdf_pages(documents.render_pdf(business, quote))[0]
    assert "Dalle béton\n1 234,5\nm²\n0,1234\n5,5 %\n152,34 €" in text
    assert "Date : 28/11/2026 · Valable jusqu'au : 26/02/2027" in text
