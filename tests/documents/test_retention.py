"""Retenue de garantie, worked by hand.

Bathroom tiling for Bâti Sud SARL: 12 h at 45,00 (540,00 at 20 %: VAT 108,00) and 3 pallets
at 120,50 (361,50 at 10 %: VAT 36,15): 901,50 HT, 144,15 VAT, 1 045,65 TTC. The client
keeps 5 % until a year after the works (20/11/2026 → 20/11/2027): 5 % × 1 045,65 =
52,2825 → 52,28; net to pay 1 045,65 − 52,28 = 993,37.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from documents_helpers import pdf_text, plain
from facturx_helpers import amount, schematron_errors, values, xml_of
from test_reform import BATI_SUD, LABOUR, TILES, invoice_for
from test_scenario import OPTION_LINES, QUOTE_LINES

from extradesk.cli import main
from extradesk.core.errors import StateError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.clients import records as clients
from extradesk.services.documents import conversions, einvoice, issuing, lines, retention
from extradesk.services.documents import drafts as documents


@pytest.fixture
def bati(business):
    return clients.create_client(business, BATI_SUD)[0]


def test_a_5_percent_retention_is_deducted_from_the_net_to_pay(business, bati):
    invoice_id = invoice_for(business, bati, LABOUR, TILES, service_date=date(2026, 11, 20))
    header = documents.get_document(business, invoice_id).header
    with pytest.raises(ValidationError) as caught:
        documents.update_header(business, invoice_id, header=replace(
            header, retention_percent=D("7")))
    assert plain(error_text(caught.value)) == (
        "Retenue de garantie : 7,00 % ; elle est comprise entre 0 et 5 % (loi n° 71-584 du "
        "16 juillet 1971).")
    documents.update_header(business, invoice_id, header=replace(
        header, retention_percent=D("5")))
    number, _ = issuing.issue_document(business, invoice_id)
    pdf = documents.render_pdf(business, invoice_id)
    text = pdf_text(pdf)
    assert ("Total HT\n901,50 €\nTotal TVA\n144,15 €\nTotal TTC\n1 045,65 €\n"
            "Retenue de garantie 5 % (libérable le\n20/11/2027)\n-52,28 €\n"
            "Net à payer\n993,37 €") in text
    assert "Retenue de garantie (loi n° 71-584 du 16 juillet 1971)" in text
    xml = xml_of(pdf)
    # EN 16931: amount due = TTC − prepaid (BR-CO-16); the retention is said in a note
    assert (amount(xml, "GrandTotalAmount"), amount(xml, "DuePayableAmount")) == (
        D("1045.65"), D("1045.65"))
    assert plain(values(xml, "//ram:IncludedNote[ram:SubjectCode='AAI']/ram:Content")[0]) == (
        "Retenue de garantie 5 % (libérable le 20/11/2027) : 52,28 € retenus ; "
        "net à payer 993,37 €.")
    assert einvoice.check(xml)[1] == [] and schematron_errors(xml) == []


def test_retentions_are_listed_until_released(business, bati, clock):
    invoice_id = invoice_for(business, bati, LABOUR, TILES, service_date=date(2026, 11, 20),
                             retention_percent=D("5"))
    number, _ = issuing.issue_document(business, invoice_id)
    [held] = retention.open_retentions(business)
    assert (held.number, held.client_name, held.amount, held.release_date, held.due) == (
        number, "Bâti Sud SARL", D("52.28"), date(2027, 11, 20), False)
    clock.advance(timedelta(days=365))  # 28/11/2027: past the release date
    assert retention.open_retentions(business)[0].due
    retention.release_retention(business, invoice_id, kind="caution",
                                reference="Caution BNP n° 4521")
    assert retention.open_retentions(business) == []
    with pytest.raises(StateError) as caught:
        retention.release_retention(business, invoice_id, kind="paiement")
    assert error_text(caught.value) == (
        "La retenue de garantie de Facture F-2026-00001 a déjà été libérée le 28/11/2027.")
    # released later is not a change of what the invoice said: its PDF stays as issued
    assert "-52,28 €" in pdf_text(documents.render_pdf(business, invoice_id))


def test_the_command_line_lists_and_releases(business, bati, db_path, capsys):
    invoice_id = invoice_for(business, bati, LABOUR, retention_percent=D("5"))
    issuing.issue_document(business, invoice_id)  # 5 % × 648,00 TTC = 32,40
    business.db.dispose()
    assert main(["retenues", "list", "--db", str(db_path)]) == 0
    out = plain(capsys.readouterr().out)
    assert "F-2026-00001 Bâti Sud SARL 5 % 32,40 € 28/11/2027" in out
    assert main(["retenues", "release", "f-2026-1", "--by", "paiement", "--date", "15/12/2027",
                 "--db", str(db_path)]) == 0
    assert "libérée (paiement) le 15/12/2027" in capsys.readouterr().out
    assert main(["retenues", "list", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "Aucune retenue de garantie en cours."


def test_an_order_with_retention_and_deposit_invoice_to_the_cent(business, helene, clock):
    """The pool of test_scenario.py with a 5 % retention on the order: the deposit carries
    none; the final invoice keeps 5 % × 10 754,68 = 537,734 → 537,73, so the net to pay is
    10 754,68 − 3 226,40 − 537,73 = 6 990,55."""
    ctx = business
    quote_id, _ = documents.create_quote(ctx, helene, subject="Piscine")
    for data in QUOTE_LINES:
        lines.add_line(ctx, quote_id, data=data)
    option = [lines.add_line(ctx, quote_id, data=data)[0] for data in OPTION_LINES]
    option_id, _ = lines.create_option(ctx, option, title="Chauffage")
    order_id, _ = conversions.accept_quote(ctx, quote_id, accepted_options=[option_id])
    header = documents.get_document(ctx, order_id).header
    documents.update_header(ctx, order_id, header=replace(header, retention_percent=D("5")))
    deposit_id, _ = conversions.deposit_invoice(ctx, order_id, percent="30")
    assert documents.get_document(ctx, deposit_id).header.retention_percent is None
    issuing.issue_document(ctx, deposit_id)
    clock.advance(timedelta(days=20))
    invoice_id, _ = conversions.invoice_order(ctx, order_id)
    issuing.issue_document(ctx, invoice_id)
    text = pdf_text(documents.render_pdf(ctx, invoice_id))
    assert ("Total TTC\n10 754,68 €\nAcompte FA-2026-00001 du 28/11/2026\n-3 226,40 €\n"
            "Retenue de garantie 5 % (libérable le\n18/12/2027)\n-537,73 €\n"
            "Net à payer\n6 990,55 €") in text
    xml = xml_of(documents.render_pdf(ctx, invoice_id))
    assert (amount(xml, "TotalPrepaidAmount"), amount(xml, "DuePayableAmount")) == (
        D("3226.40"), D("7528.28"))
    assert schematron_errors(xml) == []
