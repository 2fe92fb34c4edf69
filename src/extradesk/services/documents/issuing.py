"""Issue an invoice, a deposit invoice or a credit note: check, number, freeze, store the PDF.

Two steps keep the write lock short (DESIGN.md §4). First, outside any lock: every check,
the totals, and the PDF rendered with the number we expect. Then, under BEGIN IMMEDIATE: the
same checks on fresh data, the number from the counter row, and the frozen figures and PDF
committed together. If anything moved in between (another PC issued first, someone edited a
line), the PDF is rendered again inside the transaction, so what is stored is always right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, bindparam, func, select, update

from extradesk.core import numbering
from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, StateError, raise_if
from extradesk.core.legal import missing_identity, missing_mentions, reform_mentions
from extradesk.core.money import ZERO
from extradesk.core.workflow import (
    FROZEN,
    NUMBERED_AT_ISSUE,
    DocumentKind,
    Status,
    check_transition,
)
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import Client, CompanySettings, Journal, Ouvrage, User
from extradesk.reports.layout import PrintDocument
from extradesk.services import company as company_service
from extradesk.services.context import Context
from extradesk.services.documents import (
    attestation,
    chain,
    einvoice,
    progress,
    promotion,
    store,
)
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import printing as document_print
from extradesk.services.documents.printing import Snapshot

D, DC = store.D, store.DC
DS = store.D.alias("sibling")
_C, _OUV, _U, _J = (Client.__table__.c, Ouvrage.__table__.c, User.__table__.c,
                    Journal.__table__.c)
_S = CompanySettings.__table__.c
_INVOICE_LIKE = (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)


def _due(snap: Snapshot, day: date) -> date | None:
    if snap.head.kind not in _INVOICE_LIKE:
        return None
    return snap.row["due_date"] or day + timedelta(days=snap.company.payment_days)


def _problems(conn: Connection, snap: Snapshot, day: date) -> list[Problem]:
    kind, totals = snap.head.kind, snap.totals
    problems = missing_mentions(snap.company, kind=kind, client=snap.client_facts(),
                                rates=snap.rates())
    if kind not in NUMBERED_AT_ISSUE:
        return problems
    priced = any(not line.is_text and line.option_id is None for line in snap.lines)
    problems += reform_mentions(kind=kind, client=snap.client_facts(), category=snap.category,
                                reverse_charge=snap.reverse_charge, priced=priced)
    if not priced:
        problems.append(Problem(None, "document.empty"))
    problems += attestation.problems(conn, snap.head.id, kind, snap.lines,
                                     reverse_charge=snap.reverse_charge)
    due = _due(snap, day)
    if due is not None and due < day:
        problems.append(Problem("due_date", "document.due_before_issue",
                                {"due": fmt.day(due), "date": fmt.day(day)}))
    if totals.deposits > totals.gross:
        problems.append(Problem(None, "deposit.too_much", {
            "total": fmt.money(totals.deposits), "gross": fmt.money(totals.gross)}))
    if kind == DocumentKind.CREDIT_NOTE and snap.head.source_id is not None:
        invoice = conn.execute(select(DC.number, DC.gross).where(
            DC.id == snap.head.source_id)).first()
        credited = sum(conn.execute(select(DC.gross).where(
            DC.source_id == snap.head.source_id, DC.kind == DocumentKind.CREDIT_NOTE.value,
            DC.status.in_([s.value for s in FROZEN]))).scalars(), ZERO)
        if invoice is not None and credited + totals.gross > invoice[1]:
            problems.append(Problem(None, "credit.too_much", {
                "total": fmt.money(credited + totals.gross), "number": invoice[0],
                "gross": fmt.money(invoice[1])}))
    return problems


def check_before_issue(ctx: Context, document_id: int, *, on: date | None = None
                       ) -> list[Problem]:
    """What stops this document from being issued (for quotes: what its printout lacks).

    The UI shows these in French (i18n.messages.problem_text) before "Émettre".
    """
    day = on or ctx.clock.today()
    with ctx.db.engine.connect() as conn:
        snap = document_print.snapshot(conn, document_id)
        return _problems(conn, snap, day)


def print_gaps(ctx: Context, document_id: int) -> tuple[Problem, ...]:
    """What the business identity lacks for this document's printout, asked before "Aperçu",
    "Imprimer", "Enregistrer le PDF" or sending: empty once filled in, and for an issued
    document (its stored PDF is printed as it was)."""
    with ctx.db.engine.connect() as conn:
        head = store.load_head(conn, document_id)
        if head.status in FROZEN:
            return ()
        return tuple(missing_identity(company_service.load(conn)))


def predicted_number(ctx: Context, document_id: int, *, on: date | None = None) -> str:
    """The number issuing on `on` (default today) would give, for the confirmation question.

    Only a forecast: another PC may issue first, and issue_document then takes the next one.
    """
    day = on or ctx.clock.today()
    with ctx.db.engine.connect() as conn:
        head = store.load_head(conn, document_id)
        if head.kind not in NUMBERED_AT_ISSUE:
            raise StateError("document.not_issuable", kind=store.kind_label(head.kind))
        if head.status in FROZEN:
            raise StateError("document.already_issued", name=head.name)
        return store.predicted_number(conn, head.kind, day)


@dataclass(frozen=True)
class IssuePreview:
    """What the confirmation question needs: the kind, what blocks, the number it would get."""

    kind: DocumentKind
    problems: tuple[Problem, ...]  # empty: nothing stops the issue
    number: str  # a forecast: another PC may issue first (see predicted_number)
    day: date  # the date it will carry: the day of issue (chronological numbering)
    draft_day: date | None = None  # the draft's own date when it differs (not kept)


def preview(ctx: Context, document_id: int, *, on: date | None = None) -> IssuePreview:
    """check_before_issue and predicted_number in one read, for the question before "Émettre".

    A document that cannot be issued at all (a quote, one already issued) is a StateError.
    """
    day = on or ctx.clock.today()
    with ctx.db.engine.connect() as conn:
        snap = document_print.snapshot(conn, document_id)
        head = snap.head
        if head.kind not in NUMBERED_AT_ISSUE:
            raise StateError("document.not_issuable", kind=store.kind_label(head.kind))
        if head.status in FROZEN:
            raise StateError("document.already_issued", name=head.name)
        draft_day = snap.row["issue_date"]
        return IssuePreview(head.kind, tuple(_problems(conn, snap, day)),
                            store.predicted_number(conn, head.kind, day), day,
                            draft_day if draft_day != day else None)


@dataclass(frozen=True)
class _Plan:
    snap: Snapshot
    due: date | None
    data: PrintDocument  # without its number yet


def _plan(conn: Connection, document_id: int, day: date, line_numbers: bool, *,
          chronology: bool = True) -> _Plan:
    snap = document_print.snapshot(conn, document_id)
    head = snap.head
    if head.kind not in NUMBERED_AT_ISSUE:
        raise StateError("document.not_issuable", kind=store.kind_label(head.kind))
    if head.status in FROZEN:
        raise StateError("document.already_issued", name=head.name)
    check_transition(head.kind, head.status, Status.ISSUED)
    raise_if(_problems(conn, snap, day))
    if chronology:  # under the lock, allocate_number checks it on the counter row
        numbering.check_chronology(day, store.last_issued_date(conn, head.kind))
    due = _due(snap, day)
    data = document_print.print_document(snap, line_numbers=line_numbers, day=day, due=due)
    return _Plan(snap, due, data)


def _siblings(kind: DocumentKind):
    """'id:gross,…' of the issued documents of `kind` made from the same source."""
    return (select(func.aggregate_strings(DS.c.id.concat(":").concat(DS.c.gross), ","))
            .where(DS.c.source_id == DC.source_id, DS.c.kind == kind.value,
                   DS.c.status.in_([s.value for s in FROZEN]))
            .scalar_subquery())


# Everything a plan depends on besides the document's own version (bumped by every edit):
# client, ouvrage, author, journal, company settings, deposits and credit notes of the source.
_FINGERPRINT = (
    select(DC.version, DC.status, _C.updated_at, _OUV.updated_at, _U.name, _J.code, _J.label,
           select(_S.updated_at).where(_S.id == company_service.ROW_ID).scalar_subquery(),
           _siblings(DocumentKind.DEPOSIT_INVOICE), _siblings(DocumentKind.CREDIT_NOTE))
    .select_from(D.join(Client.__table__, _C.id == DC.client_id)
                 .outerjoin(Ouvrage.__table__, _OUV.id == DC.ouvrage_id)
                 .outerjoin(User.__table__, _U.id == DC.author_id)
                 .outerjoin(Journal.__table__, _J.id == DC.journal_id))
    .where(DC.id == bindparam("id"))
)


def _fingerprint(conn: Connection, document_id: int) -> tuple | None:
    """Same fingerprint under the lock as before it: the plan made before still holds."""
    row = conn.execute(_FINGERPRINT, {"id": document_id}).first()
    return tuple(row) if row is not None else None


def _close_order(conn: Connection, head: store.Head, now) -> None:
    """The final invoice of an order is issued: the order is invoiced, closed for good."""
    if head.kind != DocumentKind.INVOICE or head.source_id is None:
        return
    situation = progress.load(conn.execute(select(DC.progress).where(
        DC.id == head.id)).scalar())
    if situation is not None and not situation.complete:
        return  # a facture de situation: the order stays open until the works reach 100 %
    conn.execute(update(D).where(DC.id == head.source_id,
                                 DC.kind == DocumentKind.ORDER.value,
                                 DC.status != Status.CANCELLED.value)
                 .values(status=Status.INVOICED.value, version=DC.version + 1,
                         updated_at=now))


def _produce(ctx: Context, snap: Snapshot, data: PrintDocument) -> bytes:
    """The stored file: a Factur-X PDF/A-3 (a test's stand-in renderer when it set one)."""
    if ctx.render_pdf is not None:
        return ctx.render_pdf(data)
    return einvoice.issued_pdf(snap, data)


def issue_document(ctx: Context, document_id: int, *, on: date | None = None,
                   line_numbers: bool | None = None) -> tuple[str, Changes]:
    """Issue a draft invoice, deposit invoice or credit note dated `on` (default today).

    Refused, with nothing changed, when a legal mention is missing, the date comes before
    the last issued one of its sequence, or the document is not a draft. Returns the number.
    """
    day = on or ctx.clock.today()
    if line_numbers is None:
        line_numbers = documents.line_numbers_preference(ctx)
    promote = promotion.wanted(ctx)
    with ctx.db.engine.connect() as conn:
        plan = _plan(conn, document_id, day, line_numbers)
        guess = document_print.stamp(plan.data, store.predicted_number(
            conn, plan.snap.head.kind, day))
        seen = _fingerprint(conn, document_id)
    pdf = _produce(ctx, plan.snap, guess)  # the slow part, done before taking the lock

    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        fresh = plan
        if _fingerprint(conn, document_id) != seen:  # something moved: check it all again
            fresh = _plan(conn, document_id, day, line_numbers, chronology=False)
        head, totals = fresh.snap.head, fresh.snap.totals
        number = store.allocate_number(conn, head.kind, day, chronological=True)
        if ctx.fault:
            ctx.fault("number_allocated")
        final = document_print.stamp(fresh.data, number)
        if final != guess or fresh is not plan:  # the XML also says who the client is
            pdf = _produce(ctx, fresh.snap, final)
        now = ctx.clock.now()
        kept = document_print.retention(fresh.snap, totals, day)
        conn.execute(update(D).where(DC.id == document_id).values(
            retention_amount=kept[0] if kept else None,
            retention_release_date=kept[1] if kept else None,
            status=Status.ISSUED.value, number=number, issue_date=day, due_date=fresh.due,
            net=totals.net, vat=totals.vat, gross=totals.gross, deposits=totals.deposits,
            vat_breakdown=store.vat_json(totals.vat_rows),
            deposit_refs=store.deposit_refs_json(fresh.snap.deposits),
            issued_at=now, version=DC.version + 1, updated_at=now))
        document_print.store_pdf(conn, document_id, pdf, now)
        chain.append(conn, document_id)  # the link commits with the document, or neither
        _close_order(conn, head, now)
        if promote and head.kind != DocumentKind.CREDIT_NOTE:
            promotion.promote(conn, head.client_id, now=now)
        if ctx.fault:
            ctx.fault("pdf_stored")
    touched = {document_id} | ({head.source_id} if head.source_id else set())
    return number, Changes(documents=frozenset(touched), clients=frozenset({head.client_id}))
