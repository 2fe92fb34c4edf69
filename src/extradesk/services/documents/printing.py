"""Everything a document is, loaded in one go (Snapshot), and what its PDF shows (PrintDocument).

reportlab is imported on the first render only (DESIGN.md §4: ~100 ms we never pay at start).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import groupby

from sqlalchemy import Connection, bindparam, select

from extradesk.core import retention as retention_rules
from extradesk.core.errors import NotFoundError
from extradesk.core.legal import (
    RECOVERY_INDEMNITY_TEXT,
    VAT_EXEMPT_TEXT,
    ClientFacts,
    CompanyIdentity,
    line_category,
    propose_category,
)
from extradesk.core.money import ZERO
from extradesk.core.tax import HOUSING_REDUCED_RATES
from extradesk.core.totals import Totals, compute
from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text
from extradesk.models import (
    AccountingAccount,
    Article,
    Civility,
    Client,
    DocumentPdf,
    Journal,
    Ouvrage,
    User,
)
from extradesk.reports.layout import (
    PrintBlock,
    PrintCompany,
    PrintDeposit,
    PrintDocument,
    PrintLine,
    PrintOption,
    PrintParty,
)
from extradesk.services import company as company_service
from extradesk.services.articles.checks import code_key
from extradesk.services.clients.records import display_name
from extradesk.services.documents import progress, store
from extradesk.services.documents.dto import DepositRef, DocumentLink, Line, OptionGroup
from extradesk.services.users import DEFAULT_USER  # a placeholder, not anyone's name

_C = Client.__table__.c
_OUV = Ouvrage.__table__.c
_U = User.__table__.c
_J = Journal.__table__.c
_PDF = DocumentPdf.__table__
_A, _ACC = Article.__table__.c, AccountingAccount.__table__.c
DC = store.DC
# The kinds whose PDF names the document they come from (print.source.<kind>).
SOURCED = frozenset({DocumentKind.ORDER, DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE,
                     DocumentKind.CREDIT_NOTE})

@dataclass(frozen=True)
class Snapshot:
    head: store.Head
    row: dict  # every column of the documents row
    lines: tuple[Line, ...]
    options: tuple[OptionGroup, ...]
    totals: Totals
    deposits: tuple[DepositRef, ...]
    client_name: str
    client: dict
    ouvrage: dict | None
    author_name: str | None
    journal_label: str | None
    source: DocumentLink | None
    source_date: date | None
    derived: tuple[DocumentLink, ...]
    has_pdf: bool
    company: CompanyIdentity
    proposed_category: str | None = None  # goods / services / mixed, from the lines

    @property
    def frozen(self) -> bool:
        return self.head.status in FROZEN

    @property
    def category(self) -> str | None:
        """The operation category printed: the one chosen, else the one the lines say."""
        return self.row["operation_category"] or self.proposed_category

    @property
    def reverse_charge(self) -> bool:
        return bool(self.row["reverse_charge"])

    def client_facts(self) -> ClientFacts:
        c = self.client
        return ClientFacts(self.client_name, c["billing_line1"], c["billing_postal_code"],
                           c["billing_city"], business=bool((c["company"] or "").strip()),
                           siren=c["siren"], vat_number=c["vat_number"],
                           country=c["billing_country"] or "FR")

    def rates(self) -> set[Decimal]:
        if self.reverse_charge:
            return {ZERO}
        return {line.vat_rate for line in self.lines if not line.is_text}


def _link(row) -> DocumentLink:
    return DocumentLink(row[0], DocumentKind(row[1]), row[2], Status(row[3]))


_SOURCE = store.D.alias("source")
# Built once (see document_store): the row with its author, journal and source document.
_ROW = (select(store.D, _U.name.label("_author"), _J.code.label("_journal_code"),
               _J.label.label("_journal_label"), _SOURCE.c.kind.label("_source_kind"),
               _SOURCE.c.number.label("_source_number"),
               _SOURCE.c.status.label("_source_status"),
               _SOURCE.c.issue_date.label("_source_date"))
        .select_from(store.D.outerjoin(User.__table__, _U.id == DC.author_id)
                     .outerjoin(Journal.__table__, _J.id == DC.journal_id)
                     .outerjoin(_SOURCE, _SOURCE.c.id == DC.source_id))
        .where(DC.id == bindparam("id")))
_CLIENT = (select(Client.__table__, Civility.__table__.c.label.label("_civility"))
           .select_from(Client.__table__.outerjoin(
               Civility.__table__, Civility.__table__.c.id == _C.civility_id))
           .where(_C.id == bindparam("id")))
_OUVRAGE = select(Ouvrage.__table__).where(_OUV.id == bindparam("id"))
_DERIVED = (select(DC.id, DC.kind, DC.number, DC.status).where(DC.source_id == bindparam("id"))
            .order_by(DC.id))
_HAS_PDF = select(_PDF.c.document_id).where(_PDF.c.document_id == bindparam("id"))


def snapshot(conn: Connection, document_id: int) -> Snapshot:
    found = conn.execute(_ROW, {"id": document_id}).mappings().first()
    if found is None:
        raise NotFoundError("document.not_found", id=document_id)
    row = dict(found)
    head = store.Head(row["id"], DocumentKind(row["kind"]), Status(row["status"]),
                      row["number"], row["client_id"], row["issue_date"], row["source_id"],
                      row["version"])
    source = None
    if row["_source_kind"] is not None:
        source = DocumentLink(row["source_id"], DocumentKind(row["_source_kind"]),
                              row["_source_number"], Status(row["_source_status"]))
    lines = store.load_lines(conn, document_id)
    reverse_charge = bool(row["reverse_charge"])
    if head.status in FROZEN and row["vat_breakdown"] is not None:
        # Issued: the stored figures are the truth, never recomputed.
        live = compute(store.priced(lines, reverse_charge=reverse_charge))
        totals = Totals(net=row["net"], vat=row["vat"], gross=row["gross"],
                        vat_rows=store.vat_rows_from_json(row["vat_breakdown"]),
                        deposits=row["deposits"], options=live.options)
        deposits = store.deposit_refs_from_json(row["deposit_refs"])
    else:
        deposits = ()
        if head.kind == DocumentKind.INVOICE and source is not None \
                and source.kind == DocumentKind.ORDER:
            deposits = store.issued_deposits(conn, source.id)
            situation = progress.load(row["progress"])
            if situation is not None:  # a situation deducts its share of them
                deposits = progress.prorated_deposits(deposits, situation)
        totals = compute(store.priced(lines, reverse_charge=reverse_charge),
                         deposits=sum((d.gross for d in deposits), ZERO))
    options = ()
    if any(line.option_id is not None for line in lines):
        options = tuple(store.load_options(conn, document_id, lines, totals))
    client = dict(conn.execute(_CLIENT, {"id": head.client_id}).mappings().one())
    ouvrage = None
    if row["ouvrage_id"] is not None:
        got = conn.execute(_OUVRAGE, {"id": row["ouvrage_id"]}).mappings().first()
        ouvrage = dict(got) if got else None
    derived = tuple(_link(r) for r in conn.execute(_DERIVED, {"id": document_id}))
    has_pdf = conn.execute(_HAS_PDF, {"id": document_id}).first() is not None
    journal = " ".join(p for p in (row["_journal_code"], row["_journal_label"]) if p)
    return Snapshot(
        head=head, row=row, lines=tuple(lines), options=options, totals=totals,
        deposits=deposits,
        client_name=display_name(client["last_name"], client["first_name"], client["company"]),
        client=client, ouvrage=ouvrage, author_name=row["_author"],
        journal_label=journal or None, source=source, source_date=row["_source_date"],
        derived=derived, has_pdf=has_pdf, company=company_service.load(conn),
        proposed_category=_proposed_category(conn, lines),
    )


def _proposed_category(conn: Connection, lines) -> str | None:
    """Goods, services or mixed from the priced lines: their article's sales account when
    the code is an article's, else their unit (core.legal.line_category)."""
    priced = [line for line in lines if not line.is_text and line.option_id is None]
    keys = {code_key(line.code) for line in priced if line.code}
    accounts = {}
    if keys:
        accounts = dict(conn.execute(
            select(_A.code_key, _ACC.code).select_from(
                Article.__table__.join(AccountingAccount.__table__, _ACC.id == _A.account_id))
            .where(_A.code_key.in_(keys))).all())
    return propose_category(line_category(accounts.get(code_key(line.code)) if line.code
                                          else None, line.unit) for line in priced)


# -- what the PDF shows -----------------------------------------------------------------------

def _spaced(digits: str, groups: tuple[int, ...]) -> str:
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start:start + size])
        start += size
    return " ".join(p for p in parts if p) + digits[start:]


def _capital(value: Decimal) -> str:
    """10000 -> '10 000' (the euro sign comes with the words); cents only when there are
    some."""
    return fmt.decimal(value, 0 if value == value.to_integral_value() else 2)


def company_block(company: CompanyIdentity) -> PrintCompany:
    lines = [company.line1, company.line2,
             " ".join(p for p in (company.postal_code, company.city) if p),
             text("print.phone", phone=company.phone) if company.phone else None, company.email,
             company.website]
    footer = [company.name]
    if company.legal_form:
        footer.append(text("print.capital", legal_form=company.legal_form,
                           capital=_capital(company.capital))
                      if company.capital is not None else company.legal_form)
    if company.siret:
        footer.append(text("print.siret", siret=_spaced(company.siret, (3, 3, 3, 5))))
    footer.append(company.rcs_rm)
    if company.vat_exempt:
        footer.append(VAT_EXEMPT_TEXT)
    elif company.vat_number:
        footer.append(text("print.vat_number", number=_spaced(company.vat_number, (4, 3, 3, 3))))
    return PrintCompany(name=company.name or "", lines=tuple(p for p in lines if p),
                        logo=company.logo, footer=" — ".join(p for p in footer if p))


def _client_party(snap: Snapshot) -> PrintParty:
    c = snap.client
    lines = [c["billing_line1"], c["billing_line2"],
             " ".join(p for p in (c["billing_postal_code"], c["billing_city"]) if p)]
    if c["billing_country"] and c["billing_country"] != "FR":
        lines.append(c["billing_country"])
    if c["siren"]:  # the reform: a business client's SIREN on its invoices
        lines.append(text("print.client_siren", siren=_spaced(c["siren"], (3, 3, 3))))
    if c["vat_number"]:
        lines.append(text("print.client_vat_number", number=c["vat_number"]))
    name = snap.client_name
    if c["_civility"] and not c["company"]:  # "Mme DUPONT Hélène"; companies go bare
        name = f"{c['_civility']} {name}"
    return PrintParty(name=name, lines=tuple(p for p in lines if p))


def _site(snap: Snapshot) -> PrintParty | None:
    o = snap.ouvrage
    if o is not None and (o["line1"] or o["city"]):
        place = " ".join(p for p in (o["postal_code"], o["city"]) if p)
        return PrintParty(name=o["name"], lines=tuple(p for p in (o["line1"], o["line2"], place)
                                                      if p), heading=text("print.site"))
    c = snap.client
    if not c["site_same_as_billing"] and (c["site_line1"] or c["site_city"]):
        place = " ".join(p for p in (c["site_postal_code"], c["site_city"]) if p)
        return PrintParty(name=o["name"] if o is not None else "", lines=tuple(p for p in (c["site_line1"], c["site_line2"],
                                                             place) if p),
                          heading=text("print.site"))
    if o is not None:
        return PrintParty(name=o["name"], heading=text("print.ouvrage"))
    return None


def _blocks(snap: Snapshot) -> tuple[PrintBlock, ...]:
    options = {o.id: o for o in snap.options}
    counter = 0
    blocks: list[PrintBlock] = []
    for option_id, group in groupby(snap.lines, key=lambda line: line.option_id):
        printed = []
        for line in group:
            number = None
            if not line.is_text:
                counter += 1
                number = counter
            printed.append(PrintLine(
                text=line.is_text, number=number, code=line.code, label=line.label or "",
                description=line.description, quantity=line.quantity, unit=line.unit,
                unit_price=line.unit_price, discount=line.discount,
                vat_rate=ZERO if snap.reverse_charge and not line.is_text else line.vat_rate,
                net=line.net))
        option = options.get(option_id) if option_id is not None else None
        if option is None:
            blocks.append(PrintBlock(lines=tuple(printed)))
        else:
            blocks.append(PrintBlock(option=PrintOption(
                heading=option.heading, net=option.net, accepted=option.accepted,
                lines=tuple(printed))))
    return tuple(blocks)


def _mentions(snap: Snapshot, kind: DocumentKind, due: date | None,
              validity: date | None) -> tuple[str, ...]:
    co = snap.company
    texts: list[str | None] = []
    if kind == DocumentKind.QUOTE and validity:
        texts.append(text("print.quote_validity", day=fmt.day(validity)))
    if kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE,
                DocumentKind.CREDIT_NOTE):  # the e-invoicing reform's mentions
        if snap.category:
            texts.append(text(f"print.operation.{snap.category}"))
        service_date = snap.row["service_date"]
        if service_date:
            texts.append(text("print.service_date", day=fmt.day(service_date)))
        if co.vat_on_debits and not co.vat_exempt:
            texts.append(text("print.vat_on_debits"))
    if snap.reverse_charge:
        texts.append(text("print.reverse_charge"))
    if kind == DocumentKind.INVOICE and snap.row["retention_percent"]:
        texts.append(text("print.retention_mention"))
    if kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE):
        if due:
            texts.append(text("print.due_mention", day=fmt.day(due)))
        texts += [co.payment_terms, co.late_penalty]
        if co.recovery_indemnity:
            texts.append(RECOVERY_INDEMNITY_TEXT)
    elif kind in (DocumentKind.QUOTE, DocumentKind.ORDER):
        texts.append(co.payment_terms)
    if kind == DocumentKind.CREDIT_NOTE:
        texts.append(text("print.credit_note_mention"))
    if kind != DocumentKind.CREDIT_NOTE and co.iban:
        iban = _spaced(co.iban, (4,) * 8)
        texts.append(text("print.bank_transfer_bic", iban=iban, bic=co.bic) if co.bic
                     else text("print.bank_transfer", iban=iban))
    if snap.rates() & HOUSING_REDUCED_RATES and not snap.reverse_charge:
        texts.append(co.housing_vat_text)
    if co.vat_exempt:
        texts.append(VAT_EXEMPT_TEXT)
    if co.insurer:
        insurance = [text("print.insurer", insurer=co.insurer)]
        if co.insurance_policy:
            insurance.append(text("print.insurance_policy", policy=co.insurance_policy))
        if co.insurance_coverage:
            insurance.append(text("print.insurance_coverage", coverage=co.insurance_coverage))
        texts.append(" — ".join(insurance) + ".")
    return tuple(t for t in texts if t)


def retention(snap: Snapshot, totals: Totals, day: date) -> tuple[Decimal, date] | None:
    """(amount kept back, release date) of a works invoice with a retenue de garantie: as
    frozen once issued, else worked out on its TTC and its service (or issue) date."""
    row = snap.row
    if snap.head.kind != DocumentKind.INVOICE or not row["retention_percent"]:
        return None
    if snap.frozen and row["retention_amount"] is not None:
        return row["retention_amount"], row["retention_release_date"]
    return (retention_rules.amount(totals.gross, row["retention_percent"]),
            retention_rules.release_date(row["service_date"] or day))


def print_document(snap: Snapshot, *, line_numbers: bool, number: str | None = None,
                   day: date | None = None, due: date | None = None,
                   totals: Totals | None = None,
                   deposits: tuple[DepositRef, ...] | None = None) -> PrintDocument:
    """The PDF content of a snapshot; the issuing code passes the final date and number."""
    kind, row = snap.head.kind, snap.row
    totals = totals or snap.totals
    deposits = snap.deposits if deposits is None else deposits
    day = day or row["issue_date"]
    number = number if number is not None else snap.head.number
    validity = row["validity_date"]
    due = due if due is not None else row["due_date"]
    dates: list[tuple[str, date]] = [(text("print.date"), day)]
    if kind == DocumentKind.QUOTE and validity:
        dates.append((text("print.valid_until"), validity))
    if kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE) and due:
        dates.append((text("print.due"), due))
    references = []
    if snap.source is not None and snap.source.number and kind in SOURCED:
        references.append(text(f"print.source.{kind.value}", number=snap.source.number,
                               day=fmt.day(snap.source_date)))
    situation = progress.load(row["progress"])
    if situation is not None:
        references.append(text("print.situation", step=situation.step,
                               overall=fmt.decimal(situation.overall, 2)))
        references.append(text("print.situation_amounts",
                               cumulative=fmt.money(situation.cumulative_net),
                               previous=fmt.money(situation.previous_net),
                               step=fmt.money(situation.cumulative_net
                                              - situation.previous_net)))
    invoice_like = kind in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)
    kept = retention(snap, totals, day)
    held = None
    if kept is not None:
        held = PrintDeposit(text("print.retention", percent=fmt.decimal(
            row["retention_percent"], 2 if row["retention_percent"] % 1 else 0),
            day=fmt.day(kept[1])), kept[0])
    return PrintDocument(
        title=text(f"print.title.{kind.value}"), number=number, dates=tuple(dates),
        company=company_block(snap.company), client=_client_party(snap), site=_site(snap),
        subject=row["subject"], references=tuple(references), blocks=_blocks(snap),
        vat_rows=totals.vat_rows, net=totals.net, vat=totals.vat, gross=totals.gross,
        deposits=tuple(PrintDeposit(text("print.deposit", number=d.number,
                                         day=fmt.day(d.issue_date)), d.gross)
                       for d in deposits),
        due_label=text("print.due_label"),
        retention=held,
        due=(totals.gross - sum((d.gross for d in deposits), ZERO)
             - (held.amount if held else ZERO)) if invoice_like else None,
        notes=row["notes"], mentions=_mentions(snap, kind, due, validity),
        signature=kind == DocumentKind.QUOTE, line_numbers=line_numbers,
        author=text("print.author", name=snap.author_name)
        if snap.author_name and snap.author_name != DEFAULT_USER.name else None,
        pdf_title=store.describe(kind, number),
    )


def warm_up() -> None:
    """Load reportlab and the fonts ahead of the first print (~150–250 ms, once per process).

    For the UI's database worker once the window is painted: "Aperçu" then opens at once.
    """
    from extradesk.reports import document_pdf

    document_pdf.prepare()


def render(data: PrintDocument) -> bytes:
    from extradesk.reports import document_pdf  # reportlab loads here, on the first print

    return document_pdf.render(data)


def stamp(data: PrintDocument, number: str) -> PrintDocument:
    return replace(data, number=number,
                   pdf_title=data.pdf_title.replace("(brouillon)", number))


def stored_pdf(conn: Connection, document_id: int) -> bytes | None:
    return conn.execute(select(_PDF.c.pdf).where(_PDF.c.document_id == document_id)).scalar()


def store_pdf(conn: Connection, document_id: int, pdf: bytes, now: datetime) -> None:
    import hashlib

    conn.execute(_PDF.insert().values(document_id=document_id, pdf=pdf,
                                      sha256=hashlib.sha256(pdf).hexdigest(), created_at=now))
