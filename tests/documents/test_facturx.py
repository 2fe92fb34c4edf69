"""Factur-X: every issued invoice, deposit invoice and credit note is stored as a PDF/A-3 with
its CII XML (EN 16931), whose figures are the hand-worked ones of the PDF.

The pool of test_scenario.py: quote 5 780,13 HT without its heating option; the order with
it 9 148,13 HT / 1 606,55 VAT / 10 754,68 TTC; a 30 % deposit of 3 226,40; the final
invoice deducts it (7 528,28 to pay); a credit note for the sand filter (1 379,88).
"""

from __future__ import annotations

from decimal import Decimal as D

import facturx
import pytest
from documents_helpers import pdf_text, plain
from facturx_helpers import amount, pdfa_facts, schematron_errors, values, vat_rows, xml_of
from lxml import etree
from test_scenario import OPTION_LINES, QUOTE_LINES

from extradesk.cli import main
from extradesk.core.workflow import DocumentKind
from extradesk.i18n.messages import problem_text
from extradesk.reports.facturx_check import NS
from extradesk.services.documents import conversions, einvoice, issuing, lines
from extradesk.services.documents import drafts as documents

DOC = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/"
SETTLE = "//ram:ApplicableHeaderTradeSettlement/"


def assert_valid(xml: bytes) -> None:
    """Our offline check, factur-x's XSD and the official EN 16931 schematron all agree."""
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    _xml, problems = einvoice.check(xml)
    assert [problem_text(p) for p in problems] == []
    assert schematron_errors(xml) == []


@pytest.fixture
def pool(business, helene, clock):
    """Order (option accepted), deposit, final invoice, credit note: all issued."""
    from datetime import timedelta

    ctx = business
    quote_id, _ = documents.create_quote(ctx, helene, subject="Piscine 8 × 4 m")
    for data in QUOTE_LINES:
        lines.add_line(ctx, quote_id, data=data)
    option_ids = [lines.add_line(ctx, quote_id, data=data)[0] for data in OPTION_LINES]
    option_id, _ = lines.create_option(ctx, option_ids, title="Chauffage")
    order_id, _ = conversions.accept_quote(ctx, quote_id, accepted_options=[option_id])
    deposit_id, _ = conversions.deposit_invoice(ctx, order_id, percent="30")
    issuing.issue_document(ctx, deposit_id)
    clock.advance(timedelta(days=20))
    invoice_id, _ = conversions.invoice_order(ctx, order_id)
    issuing.issue_document(ctx, invoice_id)
    clock.advance(timedelta(days=4))
    invoice = documents.get_document(ctx, invoice_id)
    sand_filter = next(line for line in invoice.lines if line.code == "FIL-04")
    note_id, _ = conversions.credit_note(ctx, invoice_id, line_ids=[sand_filter.id])
    issuing.issue_document(ctx, note_id)
    return {"quote": quote_id, "order": order_id, "deposit": deposit_id,
            "invoice": invoice_id, "note": note_id}


def test_the_deposit_invoice_xml_is_type_386_with_the_figures_of_its_pdf(business, pool):
    pdf = documents.render_pdf(business, pool["deposit"])
    xml = xml_of(pdf)
    assert_valid(xml)
    assert values(xml, DOC + "ram:ID") == ["FA-2026-00001"]
    assert values(xml, DOC + "ram:TypeCode") == ["386"]
    assert values(xml, DOC + "ram:IssueDateTime/udt:DateTimeString") == ["20261128"]
    # 30 % per rate of the order, worked by hand in test_scenario.py
    assert vat_rows(xml) == [("S", D("20"), D("2099.37"), D("419.87")),
                             ("S", D("10"), D("591.35"), D("59.14")),
                             ("S", D("5.5"), D("53.72"), D("2.95"))]
    assert (amount(xml, "LineTotalAmount"), amount(xml, "TaxTotalAmount"),
            amount(xml, "GrandTotalAmount"), amount(xml, "DuePayableAmount")) == (
        D("2744.44"), D("481.96"), D("3226.40"), D("3226.40"))
    # the order it comes from (BT-14), the payment: due date, terms, SEPA transfer, IBAN
    assert values(xml, "//ram:SellerOrderReferencedDocument/ram:IssuerAssignedID") == [
        "C-2026-00001"]
    assert values(xml, SETTLE + "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/"
                                "udt:DateTimeString") == ["20261228"]
    assert values(xml, SETTLE + "ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == [
        "58"]
    assert values(xml, "//ram:IBANID") == ["FR7630006000011234567890189"]
    assert "Total TTC\n3 226,40 €" in pdf_text(pdf)


def test_the_final_invoice_deducts_the_deposit_as_prepaid(business, pool):
    xml = xml_of(documents.render_pdf(business, pool["invoice"]))
    assert_valid(xml)
    assert values(xml, DOC + "ram:TypeCode") == ["380"]
    assert vat_rows(xml) == [("S", D("20"), D("6997.90"), D("1399.58")),
                             ("S", D("10"), D("1971.15"), D("197.12")),
                             ("S", D("5.5"), D("179.08"), D("9.85"))]
    assert [amount(xml, tag) for tag in (
        "LineTotalAmount", "TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount",
        "TotalPrepaidAmount", "DuePayableAmount")] == [
        D("9148.13"), D("9148.13"), D("1606.55"), D("10754.68"), D("3226.40"), D("7528.28")]
    # the deposit invoice deducted is named (BG-3), lines carry UN/ECE units and net prices
    assert values(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
        "FA-2026-00001"]
    root = etree.fromstring(xml)
    quantities = [(q.text, q.get("unitCode"))
                  for q in root.xpath("//ram:BilledQuantity", namespaces=NS)]
    assert quantities == [("38.4", "MTQ"), ("112", "C62"), ("1", "C62"), ("1", "C62"),
                          ("14.5", "MTR"), ("1", "C62"), ("3.5", "HUR")]
    # 112 parpaings at 3,1875 less 5 %: gross price, the discount per unit, the net price
    assert values(xml, "//ram:GrossPriceProductTradePrice/ram:ChargeAmount") == ["3.1875"]
    assert values(xml, "//ram:AppliedTradeAllowanceCharge/ram:ActualAmount") == ["0.159375"]
    assert values(xml, "//ram:NetPriceProductTradePrice/ram:ChargeAmount")[1] == "3.028125"
    assert values(xml, "//ram:LineTotalAmount")[:7] == [
        "1632.00", "339.15", "2480.00", "1149.90", "179.08", "3200.00", "168.00"]
    # seller: SIRET, SIREN, VAT number; buyer: name and address
    assert values(xml, "//ram:SellerTradeParty/ram:GlobalID") == ["73282932000074"]
    assert values(xml, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == [
        "732829320"]
    assert values(xml, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == [
        "FR44732829320"]
    assert values(xml, "//ram:BuyerTradeParty/ram:Name") == ["DUPONT Hélène"]
    assert values(xml, "//ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CityName") == [
        "Lyon"]


def test_the_credit_note_is_381_and_names_its_invoice(business, pool):
    xml = xml_of(documents.render_pdf(business, pool["note"]))
    assert_valid(xml)
    assert values(xml, DOC + "ram:TypeCode") == ["381"]
    assert values(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
        "F-2026-00001"]
    assert values(xml, "//ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/"
                       "qdt:DateTimeString") == ["20261218"]
    assert (amount(xml, "TaxBasisTotalAmount"), amount(xml, "TaxTotalAmount"),
            amount(xml, "GrandTotalAmount"), amount(xml, "DuePayableAmount")) == (
        D("1149.90"), D("229.98"), D("1379.88"), D("1379.88"))
    assert values(xml, "//ram:IBANID") == []  # nothing to pay to us on a credit note


def test_a_direct_invoice_of_the_quote_lines_has_the_quote_totals(business, helene):
    """The hand-worked quote of the documents tests, invoiced as it is (no option)."""
    ctx = business
    invoice_id, _ = documents.create_invoice(ctx, helene, subject="Piscine")
    for data in QUOTE_LINES:
        lines.add_line(ctx, invoice_id, data=data)
    number, _ = issuing.issue_document(ctx, invoice_id)
    xml = xml_of(documents.render_pdf(ctx, invoice_id))
    assert_valid(xml)
    assert values(xml, DOC + "ram:ID") == [number]
    assert vat_rows(xml) == [("S", D("20"), D("3629.90"), D("725.98")),
                             ("S", D("10"), D("1971.15"), D("197.12")),
                             ("S", D("5.5"), D("179.08"), D("9.85"))]
    assert (amount(xml, "TaxBasisTotalAmount"), amount(xml, "TaxTotalAmount"),
            amount(xml, "GrandTotalAmount")) == (D("5780.13"), D("932.95"), D("6713.08"))
    assert values(xml, "//ram:TotalPrepaidAmount") == []


def test_the_stored_pdf_is_pdfa3_shaped(business, pool):
    """What we check of PDF/A-3 without veraPDF: one header, every font embedded, an sRGB
    output intent, XMP saying PDF/A-3 B and Factur-X EN 16931 (unfiltered), Info agreeing
    with it, the XML attached with AFRelationship Data, no encryption."""
    pdf = documents.render_pdf(business, pool["invoice"])
    facts = pdfa_facts(pdf)
    assert facts["headers"] == 1 and facts["version"] == b"%PDF-1.6"
    assert facts["fonts"] and all(embedded for _name, embedded in facts["fonts"])
    assert not any("Helvetica" in name for name, _e in facts["fonts"])
    assert facts["intent"] == ("/GTS_PDFA1", "sRGB IEC61966-2.1", 3)
    xmp = facts["xmp"]
    assert "<pdfaid:part>3</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in xmp
    assert facts["xmp_filter"] is None
    assert f"<pdf:Producer>{facts['producer']}</pdf:Producer>" in xmp
    assert facts["title"] == "Facture F-2026-00001"
    assert facts["attachment"] == ("factur-x.xml", "/Data") and facts["af"] == 1
    assert not facts["encrypted"]
    # and it still reads as the invoice it was
    assert "Net à payer\n7 528,28 €" in pdf_text(pdf)


def test_the_check_finds_wrong_totals_and_missing_terms(business, pool):
    xml = xml_of(documents.render_pdf(business, pool["invoice"]))
    broken = (xml.replace(b"<ram:GrandTotalAmount>10754.68", b"<ram:GrandTotalAmount>10754.69")
              .replace(b"<ram:CalculatedAmount>197.12", b"<ram:CalculatedAmount>197.13")
              .replace(b"<ram:Name>Piscines Azur</ram:Name>", b""))
    _xml, problems = einvoice.check(broken)
    said = {p.field: plain(problem_text(p)) for p in problems}
    assert said["BR-CO-15"] == "Total TTC annoncé 10 754,69 €, HT + TVA font 10 754,68 €."
    assert said["BR-CO-17"] == ("TVA S 10 % : montant annoncé 197,13 €, la base au taux donne "
                                "197,12 € (arrondi au centime).")
    assert said["BR-CO-14"] == "Total TVA annoncé 1 606,55 €, le récapitulatif fait 1 606,56 €."
    assert said["BT-27"] == "Information obligatoire absente : nom du vendeur."
    assert said["BR-CO-16"].startswith("Net à payer annoncé 7 528,28 €, attendu 7 528,29 €")
    # The official schematron fires on the same totals (it tolerates the 1-cent VAT slip).
    official = {rule for rule, _text in schematron_errors(broken)}
    assert {"BR-CO-15", "BR-CO-16", "BR-CO-14"} <= official
    # A VAT base that is not the sum of its lines, and a line sum that is off
    shifted = xml.replace(b"<ram:BasisAmount>1971.15", b"<ram:BasisAmount>1971.25").replace(
        b"<ram:LineTotalAmount>9148.13", b"<ram:LineTotalAmount>9148.14")
    rules = {p.field for p in einvoice.check(shifted)[1]}
    assert {"BR-S-08", "BR-CO-10", "BR-CO-13"} <= rules


def test_the_check_refuses_what_is_not_factur_x(business, pool):
    quote_pdf = documents.render_pdf(business, pool["quote"])
    assert [p.message_id for p in einvoice.check(quote_pdf)[1]] == ["facturx.no_xml_in_pdf"]
    assert [p.message_id for p in einvoice.check(b"<not closed")[1]] == ["facturx.not_xml"]
    xsd = einvoice.check(xml_of(documents.render_pdf(business, pool["note"])).replace(
        b"<ram:TypeCode>381</ram:TypeCode>", b""))[1]
    assert "XSD" in {p.field for p in xsd}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_writes_prints_and_checks(business, pool, db_path, tmp_path, capsys):
    business.db.dispose()
    target = tmp_path / "F.pdf"
    code, out, _ = run(capsys, "print", "F-2026-00001", "-o", target, "--db", db_path)
    assert code == 0 and out.startswith("PDF écrit")
    code, out, _ = run(capsys, "facturx", "check", target)
    assert code == 0 and "facture électronique conforme" in out
    code, out, _ = run(capsys, "facturx", "xml", "f-2026-1", "--db", db_path)
    assert code == 0 and xml_of(target.read_bytes()).decode() == out
    broken = tmp_path / "broken.xml"
    broken.write_text(out.replace("<ram:DuePayableAmount>7528.28",
                                  "<ram:DuePayableAmount>7600.00"))
    code, out, _ = run(capsys, "facturx", "check", broken)
    assert code == 3
    out = plain(out)
    assert "1 problème :" in out
    assert "BR-CO-16 — Net à payer annoncé 7 600,00 €, attendu 7 528,28 €" in out
    code, _out, err = run(capsys, "facturx", "xml", "D-2026-00001", "--db", db_path)
    assert code == 2 and "n'est pas émise" in err
    code, _out, err = run(capsys, "facturx", "check", tmp_path / "nothing.pdf")
    assert code == 2 and "Impossible de lire le fichier" in err


def test_the_demo_stores_factur_x_for_its_issued_invoices(business):
    from test_demo_documents import add_clients

    from extradesk.core.workflow import NUMBERED_AT_ISSUE
    from extradesk.services.demo import documents as demo_documents

    demo_documents.generate_documents(business, client_ids=add_clients(business, 15), seed=7)
    rows = documents.document_rows(business, documents.document_ids(business))
    issued = [r for r in rows if r.kind in NUMBERED_AT_ISSUE and r.number]
    assert {r.kind for r in issued} >= {DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE}
    for row in issued:
        xml = xml_of(documents.render_pdf(business, row.id))
        assert values(xml, DOC + "ram:ID") == [row.number]
        assert amount(xml, "GrandTotalAmount") == row.gross
        assert einvoice.check(xml)[1] == []
