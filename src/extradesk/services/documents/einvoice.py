"""Factur-X: the CII XML of an issued document and the PDF/A-3 that carries it.

Built from the very PrintDocument the PDF shows (number, dates, lines, VAT rows, deposits,
net to pay), so every figure of the XML is the PDF's to the cent; the snapshot adds what the
page does not need as data (identifiers, the referenced documents).
"""

from __future__ import annotations

from extradesk.core.errors import NotFoundError, StateError
from extradesk.core.legal import (
    GOODS,
    MIXED,
    RECOVERY_INDEMNITY_TEXT,
    SERVICES,
    VAT_EXEMPT_TEXT,
    digits_only,
)
from extradesk.core.money import ZERO
from extradesk.core.workflow import FROZEN, NUMBERED_AT_ISSUE, DocumentKind
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text
from extradesk.reports import facturx_xml as fx
from extradesk.reports.layout import PrintDocument
from extradesk.services.context import Context
from extradesk.services.documents import printing as document_print
from extradesk.services.documents import store
from extradesk.services.documents.printing import Snapshot

# BT-23 as the French CTC rules want it: B1 goods, S1 services, M1 mixed (plain invoices).
BILLING_MODES = {GOODS: "B1", SERVICES: "S1", MIXED: "M1"}
TYPE_CODES = {DocumentKind.INVOICE: fx.TYPE_INVOICE,
              DocumentKind.DEPOSIT_INVOICE: fx.TYPE_DEPOSIT,
              DocumentKind.CREDIT_NOTE: fx.TYPE_CREDIT_NOTE}


def _seller(snap: Snapshot) -> fx.Party:
    co = snap.company
    siret = digits_only(co.siret) or None
    return fx.Party(name=co.name or "", line1=co.line1, line2=co.line2,
                    postal_code=co.postal_code, city=co.city, siret=siret,
                    siren=siret[:9] if siret else None,
                    vat_number=digits_only(co.vat_number) or None, email=co.email)


def _buyer(snap: Snapshot) -> fx.Party:
    c = snap.client
    siren = digits_only(c.get("siren")) or None  # the reform's mention (migration 0014)
    return fx.Party(name=snap.client_name, line1=c["billing_line1"], line2=c["billing_line2"],
                    postal_code=c["billing_postal_code"], city=c["billing_city"],
                    country=c["billing_country"] or "FR", siren=siren,
                    vat_number=digits_only(c.get("vat_number")) or None, email=c["email"])


def _lines(data: PrintDocument) -> tuple[fx.XmlLine, ...]:
    """The priced lines that count in the totals: option groups never do (core.totals)."""
    out = []
    for block in data.blocks:
        if block.option is not None:
            continue
        for line in block.lines:
            if line.text or line.net is None:
                continue
            out.append(fx.XmlLine(
                number=len(out) + 1, label=line.label, quantity=line.quantity or ZERO,
                unit_code=fx.unit_code(line.unit), unit_price=line.unit_price or ZERO,
                discount=line.discount or ZERO, net=line.net,
                vat_rate=line.vat_rate or ZERO, code=line.code))
    return tuple(out)


def _preceding(snap: Snapshot) -> tuple[tuple[str, object], ...]:
    if snap.head.kind == DocumentKind.CREDIT_NOTE and snap.source is not None \
            and snap.source.number:
        return ((snap.source.number, snap.source_date),)
    return tuple((d.number, d.issue_date) for d in snap.deposits)


def _notes(snap: Snapshot) -> tuple[tuple[str, str], ...]:
    co, notes = snap.company, []
    if snap.head.kind == DocumentKind.CREDIT_NOTE:
        return ()
    if co.late_penalty:
        notes.append(("PMD", co.late_penalty))
    if co.recovery_indemnity:
        notes.append(("PMT", RECOVERY_INDEMNITY_TEXT))
    return tuple(notes)


def _retention_note(data: PrintDocument) -> tuple[tuple[str, str], ...]:
    """'Retenue de garantie 5 % (libérable le …) : 1 234,56 € ; net à payer …' (AAI: general
    information), so a platform reading the XML sees what the PDF deducts."""
    if data.retention is None:
        return ()
    return (("AAI", text("facturx.retention_note", label=data.retention.label,
                         amount=fmt.money(data.retention.amount),
                         due=fmt.money(data.due))),)


def build(snap: Snapshot, data: PrintDocument) -> fx.EInvoice:
    """The EN 16931 facts of `snap` printed as `data` (which has its final number)."""
    kind = snap.head.kind
    if kind not in NUMBERED_AT_ISSUE or data.number is None:
        raise StateError("facturx.not_an_invoice", name=store.describe(kind, data.number))
    prepaid = sum((d.amount for d in data.deposits), ZERO)
    co = snap.company
    source = snap.source
    exempt = co.vat_exempt
    mode = fx.REVERSE_CHARGE if snap.reverse_charge else fx.EXEMPT if exempt else fx.STANDARD
    return fx.EInvoice(
        number=data.number, type_code=TYPE_CODES[kind], issue_date=data.dates[0][1],
        seller=_seller(snap), buyer=_buyer(snap), lines=_lines(data),
        vat_rows=data.vat_rows, net=data.net, vat=data.vat, gross=data.gross,
        # EN 16931 has no term for a retenue de garantie and BR-CO-16 wants BT-115 = TTC −
        # prepaid: the XML's amount due is that, the retention said in a note (_notes).
        prepaid=prepaid, due_amount=data.gross - prepaid,
        vat_mode=mode, exemption_text=text("print.reverse_charge")
        if mode == fx.REVERSE_CHARGE else VAT_EXEMPT_TEXT if exempt else None,
        delivery_date=snap.row["service_date"], billing_mode=BILLING_MODES.get(snap.category),
        vat_point="invoice" if co.vat_on_debits and not exempt else None,
        due_date=_due(data), preceding=_preceding(snap),
        sales_order=source.number if source is not None
        and source.kind == DocumentKind.ORDER else None,
        # A credit note's "terms" say how the amount is given back (BR-CO-25 wants some).
        payment_terms=co.payment_terms if kind != DocumentKind.CREDIT_NOTE
        else text("print.credit_note_mention"),
        iban=digits_only(co.iban) or None, bic=digits_only(co.bic) or None,
        notes=_notes(snap) + _retention_note(data))


def _due(data: PrintDocument):
    """Dates print as (issue date, due date) on invoices (printing.print_document)."""
    return data.dates[1][1] if len(data.dates) > 1 else None


def xml(snap: Snapshot, data: PrintDocument) -> bytes:
    return fx.cii_xml(build(snap, data))


def issued_pdf(snap: Snapshot, data: PrintDocument) -> bytes:
    """What issuing stores: the PDF reportlab renders, made a Factur-X PDF/A-3."""
    from extradesk.reports import facturx_pdf

    invoice_xml = xml(snap, data)
    pdf = document_print.render(data)
    return facturx_pdf.embed(pdf, invoice_xml, title=data.pdf_title,
                             author=snap.company.name or "", subject=data.pdf_title)


def stored_xml(ctx: Context, document_id: int) -> bytes:
    """The factur-x.xml of an issued document, read from its stored PDF."""
    from extradesk.reports import facturx_pdf

    with ctx.db.engine.connect() as conn:
        head = store.load_head(conn, document_id)
        pdf = document_print.stored_pdf(conn, document_id)
    if head.kind not in NUMBERED_AT_ISSUE or head.status not in FROZEN:
        raise StateError("facturx.not_issued", name=store.describe(head.kind, head.number))
    found = facturx_pdf.xml_of(pdf) if pdf else None
    if found is None:
        raise NotFoundError("facturx.no_xml", name=store.describe(head.kind, head.number))
    return found



def check(data: bytes):
    """(the XML, its problems) of a Factur-X PDF or a bare CII XML: XSD + offline rules."""
    from extradesk.reports import facturx_check

    return facturx_check.check_file(data)
