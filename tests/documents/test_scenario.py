"""A pool builder's job, from the quote to the credit note, with every figure worked by hand.

Hélène Dupont wants an 8 × 4 m pool at her villa in Cannes. Marc writes the quote: two text
lines (a title and a chapter), five priced lines at three VAT rates (10 % for renovation
work on her home, 20 % for equipment, 5,5 % for insulation) and one option of two lines
(heating). She accepts, with the heating. The order is confirmed, a 30 % deposit invoice
goes out, then the final invoice deducts it; a filter is returned: partial credit note.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from documents_helpers import pdf_pages, pdf_text

from extradesk.core.errors import StateError
from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput

QUOTE_LINES = [
    LineInput(code="txt_titre", label="Construction d'une piscine 8 × 4 m"),
    LineInput(code="txt_chapitre1", label="Terrassement et maçonnerie",
              description="Accès chantier par le portail du fond."),
    # 38,4 × 42,50 = 1 632,00 at 10 %
    LineInput(code="TER-01", label="Terrassement en pleine masse", quantity="38,4", unit="m³",
              unit_price="42,50", vat_rate="10"),
    # 112 × 3,1875 = 357,00, less 5 % = 339,15 at 10 %
    LineInput(code="MAC-02", label="Parpaings à bancher 20×20×50", quantity="112", unit="u",
              unit_price="3,1875", discount="5", vat_rate="10"),
    # 2 480,00 at 20 %
    LineInput(code="LIN-03", label="Liner 75/100e bleu France", quantity="1", unit="u",
              unit_price="2 480", vat_rate="20"),
    # 1 149,90 at 20 %
    LineInput(code="FIL-04", label="Filtration à sable 10 m³/h", quantity="1", unit="u",
              unit_price="1149,90", vat_rate="20"),
    # 14,5 × 12,35 = 179,075 -> 179,08 (half up) at 5,5 %
    LineInput(code="ISO-05", label="Isolation des canalisations", quantity="14,5", unit="m",
              unit_price="12,35", vat_rate="5,5"),
]
OPTION_LINES = [
    LineInput(code="PAC-9", label="Pompe à chaleur 9 kW", quantity="1", unit="u",
              unit_price="3200", vat_rate="20"),  # 3 200,00
    LineInput(code="ELEC", label="Raccordement électrique PAC", quantity="3,5", unit="h",
              unit_price="48", vat_rate="20"),  # 168,00
]


def vat_table(totals) -> list[tuple[D, D, D]]:
    return [(r.rate, r.base, r.amount) for r in totals.vat_rows]


@pytest.fixture
def quote(business, helene):
    ctx = business
    quote_id, _ = documents.create_quote(ctx, helene, subject="Piscine 8 × 4 m, villa de Cannes")
    for data in QUOTE_LINES:
        lines.add_line(ctx, quote_id, data=data)
    option_ids = [lines.add_line(ctx, quote_id, data=data)[0] for data in OPTION_LINES]
    option_id, changes = lines.create_option(ctx, option_ids, title="Chauffage de la piscine")
    assert changes.documents == {quote_id}
    return quote_id, option_id


def test_the_quote_totals_exclude_the_option(business, quote):
    ctx, (quote_id, option_id) = business, quote
    detail = documents.get_document(ctx, quote_id)
    assert detail.number == "D-2026-00001"  # quotes are numbered at creation
    assert detail.kind == DocumentKind.QUOTE and detail.status == Status.DRAFT
    assert detail.header.validity_date == date(2026, 11, 28) + timedelta(days=90)
    assert detail.origin_id == 2  # copied from the client, for revenue by origin
    assert detail.journal_label == "VT Ventes" and detail.author_name == "Utilisateur principal"
    assert [line.is_text for line in detail.lines] == [True, True] + [False] * 7
    assert [line.net for line in detail.lines[2:7]] == [
        D("1632.00"), D("339.15"), D("2480.00"), D("1149.90"), D("179.08")]

    # 10 %: 1 632,00 + 339,15 = 1 971,15 -> VAT 197,115 -> 197,12
    # 20 %: 2 480,00 + 1 149,90 = 3 629,90 -> VAT 725,98
    # 5,5 %: 179,08 -> VAT 9,8494 -> 9,85
    totals = detail.totals
    assert vat_table(totals) == [(D("20"), D("3629.90"), D("725.98")),
                                 (D("10"), D("1971.15"), D("197.12")),
                                 (D("5.5"), D("179.08"), D("9.85"))]
    assert (totals.net, totals.vat, totals.gross) == (D("5780.13"), D("932.95"), D("6713.08"))
    [option] = detail.options
    assert option.heading == "Option 1 : Chauffage de la piscine"
    assert option.net == D("3368.00") and option.accepted is None  # 3 200 + 168
    assert detail.lines[-1].option_id == option_id


def test_the_quote_pdf_marks_the_option_and_leaves_text_lines_unpriced(business, quote):
    ctx, (quote_id, _option) = business, quote
    pdf = documents.render_pdf(ctx, quote_id)
    text = pdf_text(pdf)
    assert "DEVIS N° D-2026-00001" in text
    assert "Option 1 : Chauffage de la piscine" in text
    assert "Option — non comprise dans le total" in text
    assert "Sous-total Option 1 (HT, non compris dans le total)\n3 368,00 €" in text
    assert "Total HT\n5 780,13 €\nTotal TVA\n932,95 €\nTotal TTC\n6 713,08 €" in text
    assert "20 %\n3 629,90 €\n725,98 €\n10 %\n1 971,15 €\n197,12 €\n5,5 %\n179,08 €\n9,85 €" \
        in text
    # A text line is a row of its own: its words, then straight the next line's words,
    # no quantity, unit, price or total in between.
    assert ("Construction d'une piscine 8 × 4 m\nTerrassement et maçonnerie\n"
            "Accès chantier par le portail du fond.\nTerrassement en pleine masse\n38,4\nm³\n"
            "42,50\n10 %\n1 632,00 €") in text
    assert "Parpaings à bancher 20×20×50\n112\nu\n3,1875\n5 %\n10 %\n339,15 €" in text
    assert "Bon pour accord" in text and "Adresse du chantier" in text
    assert "Villa Les Mouettes, 8 allée des Pins\n06400 Cannes" in text
    assert pdf_pages(pdf)[-1].rstrip().endswith("Page 1/1")


def test_from_accepted_quote_to_credit_note(business, quote, clock):
    ctx, (quote_id, option_id) = business, quote

    # She accepts with the heating option: the order carries it as ordinary lines.
    order_id, changes = conversions.accept_quote(ctx, quote_id, accepted_options=[option_id])
    assert changes.documents == {quote_id, order_id}
    quote_after = documents.get_document(ctx, quote_id)
    assert quote_after.status == Status.ACCEPTED and quote_after.options[0].accepted is True
    assert quote_after.totals.gross == D("6713.08")  # the quote stays as it was printed
    order = documents.get_document(ctx, order_id)
    assert (order.number, order.status) == ("C-2026-00001", Status.CONFIRMED)
    assert order.source.id == quote_id and order.options == ()
    assert len(order.lines) == 9 and all(line.option_id is None for line in order.lines)
    # 20 %: 3 629,90 + 3 368,00 = 6 997,90 -> VAT 1 399,58; the other rates unchanged.
    assert vat_table(order.totals) == [(D("20"), D("6997.90"), D("1399.58")),
                                       (D("10"), D("1971.15"), D("197.12")),
                                       (D("5.5"), D("179.08"), D("9.85"))]
    assert (order.totals.net, order.totals.vat, order.totals.gross) == (
        D("9148.13"), D("1606.55"), D("10754.68"))

    # 30 % deposit, per VAT rate of the order:
    # 20 %: 6 997,90 × 0,3 = 2 099,37 -> VAT 419,874 -> 419,87
    # 10 %: 1 971,15 × 0,3 = 591,345 -> 591,35 -> VAT 59,135 -> 59,14
    # 5,5 %: 179,08 × 0,3 = 53,724 -> 53,72 -> VAT 2,9546 -> 2,95
    deposit_id, _ = conversions.deposit_invoice(ctx, order_id, percent="30")
    deposit = documents.get_document(ctx, deposit_id)
    assert deposit.number is None  # invoices get their number at issue, not before
    assert [line.label for line in deposit.lines] == [
        "Acompte de 30 % sur la commande C-2026-00001 — part à 20 % de TVA",
        "Acompte de 30 % sur la commande C-2026-00001 — part à 10 % de TVA",
        "Acompte de 30 % sur la commande C-2026-00001 — part à 5,5 % de TVA"]
    assert vat_table(deposit.totals) == [(D("20"), D("2099.37"), D("419.87")),
                                         (D("10"), D("591.35"), D("59.14")),
                                         (D("5.5"), D("53.72"), D("2.95"))]
    assert deposit.totals.gross == D("3226.40")
    number, _ = issuing.issue_document(ctx, deposit_id)
    assert number == "FA-2026-00001"

    # Three weeks later the pool is finished: the final invoice deducts the deposit.
    clock.advance(timedelta(days=20))
    invoice_id, _ = conversions.invoice_order(ctx, order_id)
    draft = documents.get_document(ctx, invoice_id)
    assert draft.totals.gross == D("10754.68") and draft.totals.deposits == D("3226.40")
    assert draft.totals.due == D("7528.28")  # 10 754,68 − 3 226,40
    number, changes = issuing.issue_document(ctx, invoice_id)
    assert number == "F-2026-00001" and changes.documents == {invoice_id, order_id}
    invoice = documents.get_document(ctx, invoice_id)
    assert invoice.status == Status.ISSUED and invoice.header.issue_date == date(2026, 12, 18)
    assert invoice.header.due_date == date(2027, 1, 17)  # 30 days, from the settings
    assert invoice.has_pdf and not invoice.editable
    assert [d.number for d in invoice.deposits] == ["FA-2026-00001"]

    pdf = documents.render_pdf(ctx, invoice_id)
    text = pdf_text(pdf)
    assert "FACTURE N° F-2026-00001" in text
    assert "Date : 18/12/2026 · Échéance : 17/01/2027" in text
    assert "Commande C-2026-00001 du 28/11/2026" in text
    assert "20 %\n6 997,90 €\n1 399,58 €\n10 %\n1 971,15 €\n197,12 €\n5,5 %\n179,08 €\n9,85 €" \
        in text
    assert ("Total HT\n9 148,13 €\nTotal TVA\n1 606,55 €\nTotal TTC\n10 754,68 €\n"
            "Acompte FA-2026-00001 du 28/11/2026\n-3 226,40 €\nNet à payer\n7 528,28 €") in text
    assert "Option" not in text  # the accepted option is an ordinary line now
    assert "SIRET 732 829 320 00074" in text and "TVA FR44 732 829 320" in text
    assert "Indemnité forfaitaire pour frais de recouvrement" in text
    assert "Assurance décennale : MAAF Assurances" in text
    assert "attestation" in text  # 10 % and 5,5 % on housing work

    # Issued means frozen: no edit, and the printout never changes, even if settings do.
    with pytest.raises(StateError) as caught:
        lines.update_line(ctx, invoice.lines[2].id, data=LineInput(label="Autre", unit_price="1"))
    assert error_text(caught.value) == (
        "Facture F-2026-00001 : pièce émise, elle ne peut plus être modifiée. "
        "Pour la corriger, établissez un avoir.")
    company.update_company(ctx, name="Piscines Azur Méditerranée")
    assert documents.render_pdf(ctx, invoice_id) == pdf

    # The sand filter goes back: a credit note for that line only.
    clock.advance(timedelta(days=4))
    filter_line = next(line for line in invoice.lines if line.code == "FIL-04")
    note_id, _ = conversions.credit_note(ctx, invoice_id, line_ids=[filter_line.id])
    number, _ = issuing.issue_document(ctx, note_id)
    assert number == "A-2026-00001"
    note = documents.get_document(ctx, note_id)
    # 1 149,90 at 20 %: VAT 229,98, TTC 1 379,88
    assert (note.totals.net, note.totals.vat, note.totals.gross) == (
        D("1149.90"), D("229.98"), D("1379.88"))
    text = pdf_text(documents.render_pdf(ctx, note_id))
    assert "AVOIR N° A-2026-00001" in text
    assert "Avoir sur la facture F-2026-00001 du 18/12/2026" in text
    assert "Total TTC\n1 379,88 €" in text

    # The whole story, as the Pièces list shows it (newest first).
    rows = documents.document_rows(ctx, documents.document_ids(ctx))
    assert [(r.number, r.status, r.gross) for r in rows] == [
        ("A-2026-00001", Status.ISSUED, D("1379.88")),
        ("F-2026-00001", Status.ISSUED, D("10754.68")),
        ("FA-2026-00001", Status.ISSUED, D("3226.40")),
        ("C-2026-00001", Status.INVOICED, D("10754.68")),  # closed by its invoice
        ("D-2026-00001", Status.ACCEPTED, D("6713.08")),
    ]
