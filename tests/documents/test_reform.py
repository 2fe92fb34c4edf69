"""The e-invoicing reform's mentions and autoliquidation, worked by hand.

Bâti Sud SARL (SIREN 552 100 554, VAT FR96552100554) sub-contracts the tiling of a
bathroom to our business: 12 h of labour at 45,00 (540,00) and 3 pallets of tiles at 120,50
(361,50). Building sub-contracting is reverse-charged (art. 283-2 nonies CGI): 901,50 HT,
no VAT, 901,50 to pay, the client accounts for the VAT.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from documents_helpers import LEGAL, dump, pdf_text
from facturx_helpers import amount, schematron_errors, values, vat_rows, xml_of

from extradesk.core.errors import ExtradeskError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import einvoice, issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput

LABOUR = LineInput(code="POSE", label="Pose de carrelage", quantity="12", unit="h",
                   unit_price="45", vat_rate="20")
TILES = LineInput(code="CAR-60", label="Carrelage 60×60, palette", quantity="3", unit="u",
                  unit_price="120,50", vat_rate="10")
BATI_SUD = ClientInput(company="Bâti Sud SARL", billing_line1="4 rue du Port",
                       billing_postal_code="13002", billing_city="Marseille",
                       siren="552 100 554", vat_number="FR96 552100554")


def refused(ctx, db_path, action) -> str:
    before = dump(db_path)
    with pytest.raises(ExtradeskError) as caught:
        action()
    assert dump(db_path) == before
    return error_text(caught.value)


def invoice_for(ctx, client_id, *data, **header) -> int:
    invoice_id, _ = documents.create_invoice(ctx, client_id)
    for line in data:
        lines.add_line(ctx, invoice_id, data=line)
    if header:
        current = documents.get_document(ctx, invoice_id).header
        documents.update_header(ctx, invoice_id, header=replace(current, **header))
    return invoice_id


def test_siren_and_vat_number_are_checked_on_the_client_form(business):
    with pytest.raises(ValidationError) as caught:
        clients.create_client(business, replace(BATI_SUD, siren="552 100 555",
                                                vat_number="FR00552100554"))
    assert error_text(caught.value) == (
        "SIREN : « 552100555 » n'est pas un SIREN valide (9 chiffres, clé de contrôle).\n"
        "N° de TVA du client : « FR00552100554 » n'est pas un numéro de TVA "
        "intracommunautaire valide.")
    client_id, _ = clients.create_client(business, BATI_SUD)
    data = clients.get_client(business, client_id).data
    assert (data.siren, data.vat_number) == ("552100554", "FR96552100554")  # spaces gone


def test_a_business_client_needs_its_siren_before_an_invoice_is_issued(business, db_path):
    client_id, _ = clients.create_client(business, replace(BATI_SUD, siren=None))
    invoice_id = invoice_for(business, client_id, LABOUR)
    assert refused(business, db_path, lambda: issuing.issue_document(business, invoice_id)) == (
        "Mention obligatoire manquante : le SIREN du client professionnel Bâti Sud SARL "
        "(fiche client).")
    clients.update_client(business, client_id, data=BATI_SUD)
    number, _ = issuing.issue_document(business, invoice_id)
    pdf = documents.render_pdf(business, invoice_id)
    assert "Bâti Sud SARL\n4 rue du Port\n13002 Marseille\nSIREN 552 100 554\n" \
           "TVA FR96552100554" in pdf_text(pdf)
    xml = xml_of(pdf)
    assert values(xml, "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == [
        "552100554"]
    assert values(xml, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == [
        "FR96552100554"]
    assert schematron_errors(xml) == []


def test_the_operation_category_is_proposed_from_the_lines(business, helene):
    work = invoice_for(business, helene, LABOUR)
    goods = invoice_for(business, helene, TILES)
    both = invoice_for(business, helene, LABOUR, TILES)
    chosen = invoice_for(business, helene, LABOUR, TILES, operation_category="services")
    assert [documents.get_document(business, i).proposed_category
            for i in (work, goods, both)] == ["services", "goods", "mixed"]
    assert documents.get_document(business, chosen).header.operation_category == "services"
    expected = {work: ("Opération : prestation de services", "S1"),
                goods: ("Opération : livraison de biens", "B1"),
                both: ("Opération : mixte (livraison de biens et prestation de services)", "M1"),
                chosen: ("Opération : prestation de services", "S1")}
    for invoice_id, (printed, mode) in expected.items():
        issuing.issue_document(business, invoice_id)
        pdf = documents.render_pdf(business, invoice_id)
        assert printed in pdf_text(pdf)
        assert values(xml_of(pdf), "//ram:BusinessProcessSpecifiedDocumentContextParameter/"
                                   "ram:ID") == [mode]


def test_service_date_and_vat_on_debits_are_printed_and_in_the_xml(business, helene, db_path):
    company.save_company(business, replace(LEGAL, vat_on_debits=True))
    invoice_id = invoice_for(business, helene, LABOUR)
    header = documents.get_document(business, invoice_id).header
    with pytest.raises(ValidationError) as caught:
        documents.update_header(business, invoice_id, header=replace(
            header, service_date=date(2026, 12, 2)))
    assert error_text(caught.value) == (
        "La date de la prestation (02/12/2026) ne peut pas suivre la date de la facture "
        "(28/11/2026).")
    documents.update_header(business, invoice_id, header=replace(
        header, service_date=date(2026, 11, 20)))
    issuing.issue_document(business, invoice_id)
    pdf = documents.render_pdf(business, invoice_id)
    text = pdf_text(pdf)
    assert "Date de la prestation ou de la livraison : 20/11/2026" in text
    assert "Option pour le paiement de la TVA d'après les débits." in text
    xml = xml_of(pdf)
    assert values(xml, "//ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/"
                       "udt:DateTimeString") == ["20261120"]
    assert values(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
                       "ram:DueDateTypeCode") == ["5"]  # VAT due at the invoice date
    assert schematron_errors(xml) == []
    # Issued: the database itself refuses to change what it says.
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE documents SET service_date = NULL WHERE id = ?", (invoice_id,))


def test_an_autoliquidation_invoice_has_no_vat_and_says_who_pays_it(business, db_path):
    client_id, _ = clients.create_client(business, replace(BATI_SUD, vat_number=None))
    invoice_id = invoice_for(business, client_id, LABOUR, TILES, reverse_charge=True)
    draft = documents.get_document(business, invoice_id)
    assert draft.header.reverse_charge
    # 540,00 + 361,50 = 901,50 HT, one VAT row at 0 %, nothing added
    assert [(r.rate, r.base, r.amount) for r in draft.totals.vat_rows] == [
        (D("0"), D("901.50"), D("0.00"))]
    assert (draft.totals.net, draft.totals.vat, draft.totals.gross) == (
        D("901.50"), D("0.00"), D("901.50"))
    assert refused(business, db_path, lambda: issuing.issue_document(business, invoice_id)) == (
        "Autoliquidation : le numéro de TVA intracommunautaire du client Bâti Sud SARL est "
        "obligatoire (fiche client).")
    clients.update_client(business, client_id, data=BATI_SUD)
    number, _ = issuing.issue_document(business, invoice_id)
    pdf = documents.render_pdf(business, invoice_id)
    text = pdf_text(pdf)
    assert "Autoliquidation — TVA due par le preneur (art. 283-2 nonies du CGI)." in text
    assert "Total HT\n901,50 €\nTotal TVA\n0,00 €\nTotal TTC\n901,50 €" in text
    assert "attestation" not in text  # the 10 % typed on the tiles does not apply
    xml = xml_of(pdf)
    assert vat_rows(xml) == [("AE", D("0"), D("901.50"), D("0.00"))]
    assert values(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
                       "ram:ExemptionReasonCode") == ["VATEX-EU-AE"]
    assert values(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
                       "ram:ExemptionReason") == [
        "Autoliquidation — TVA due par le preneur (art. 283-2 nonies du CGI)."]
    assert set(values(xml, "//ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/"
                           "ram:CategoryCode")) == {"AE"}
    assert (amount(xml, "TaxTotalAmount"), amount(xml, "DuePayableAmount")) == (
        D("0.00"), D("901.50"))
    assert einvoice.check(xml)[1] == []
    assert schematron_errors(xml) == []


def test_unticking_autoliquidation_brings_the_typed_rates_back(business, helene):
    invoice_id = invoice_for(business, helene, LABOUR, TILES, reverse_charge=True)
    header = documents.get_document(business, invoice_id).header
    documents.update_header(business, invoice_id, header=replace(header, reverse_charge=False))
    totals = documents.get_document(business, invoice_id).totals
    # 540,00 × 20 % = 108,00; 361,50 × 10 % = 36,15
    assert (totals.vat, totals.gross) == (D("144.15"), D("1045.65"))


def test_a_credit_note_of_an_autoliquidation_invoice_stays_without_vat(business, clock):
    from extradesk.services.documents import conversions

    client_id, _ = clients.create_client(business, BATI_SUD)
    invoice_id = invoice_for(business, client_id, LABOUR, TILES, reverse_charge=True)
    issuing.issue_document(business, invoice_id)
    clock.advance(timedelta(days=3))
    note_id, _ = conversions.credit_note(business, invoice_id)
    number, _ = issuing.issue_document(business, note_id)
    xml = xml_of(documents.render_pdf(business, note_id))
    assert vat_rows(xml) == [("AE", D("0"), D("901.50"), D("0.00"))]
    assert values(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
        "F-2026-00001"]
    assert schematron_errors(xml) == []
