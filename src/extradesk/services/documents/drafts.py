"""Commercial documents: create drafts, read, edit the header, change status, list, find, print.

Lines and options: services.document_lines. Conversions (accept, invoice, deposit, credit
note, duplicate): services.conversions. Issuing invoices: services.issuing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Connection, select, update

from extradesk.core import numbering
from extradesk.core import retention as retention_rules
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StateError, raise_if
from extradesk.core.legal import OPERATION_CATEGORIES
from extradesk.core.money import ZERO
from extradesk.core.validation import MAX_NOTES, check_length, clean
from extradesk.core.workflow import (
    FROZEN,
    NUMBERED_AT_ISSUE,
    DocumentKind,
    Status,
    allowed,
    check_transition,
    is_editable,
)
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.models import Client, Depot, Journal, Ouvrage
from extradesk.services import company as company_service
from extradesk.services import preferences
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.services.documents import printing as document_print
from extradesk.services.documents import store
from extradesk.services.documents.dto import (
    DocumentDetail,
    DocumentFilter,
    DocumentHeader,
    DocumentRow,
)
from extradesk.services.dto import SearchHit

D, DC = store.D, store.DC
_C = Client.__table__.c
_OUV = Ouvrage.__table__.c
_J = Journal.__table__.c
_DEP = Depot.__table__.c
CREATABLE = (DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.INVOICE)
SORTS = {
    "date": (DC.issue_date, DC.id),
    "number": (DC.number,),
    "total": (DC.gross, DC.id),
    "client": (_C.sort_key, DC.issue_date, DC.id),  # joins clients: slower on huge lists
}
SEARCH_CAP = 500  # documents fetched for `**name` before sorting in Python


# -- create ---------------------------------------------------------------------------------

def insert_document(conn: Connection, ctx: Context, *, kind: DocumentKind, status: Status,
                    client_id: int, day: date, **values) -> tuple[int, str | None]:
    """Insert a document row (numbered now for quotes and orders); returns (id, number)."""
    client = conn.execute(select(_C.id, _C.origin_id).where(_C.id == client_id)).first()
    if client is None:
        raise NotFoundError("client.not_found", id=client_id)
    number = None
    if kind not in NUMBERED_AT_ISSUE:
        number = store.allocate_number(conn, kind, day, chronological=False)
    if "journal_id" not in values:
        values["journal_id"] = _user_journal(conn, ctx) or company_service.default_journal_id(
            conn)
    values.setdefault("origin_id", client.origin_id)
    if "depot_id" not in values:  # conversions pass the source's, even None
        values["depot_id"] = _user_depot(conn, ctx)
    now = ctx.clock.now()
    new_id = conn.execute(D.insert().values(
        kind=kind.value, status=status.value, number=number, client_id=client_id,
        issue_date=day, author_id=ctx.user_id, created_at=now, updated_at=now, version=1,
        **values)).inserted_primary_key[0]
    return new_id, number


def _user_journal(conn: Connection, ctx: Context) -> int | None:
    """The user's sales journal (Préférences > Gestion commerciale), while it is active."""
    chosen = preferences.read(conn, preferences.SALES_JOURNAL.key, user_id=ctx.user_id)
    if chosen is None:
        return None
    return conn.execute(select(_J.id).where(_J.id == chosen, _J.active.is_(True),
                                            _J.kind == "vente")).scalar()


def _user_depot(conn: Connection, ctx: Context) -> int | None:
    """The user's depot (Préférences > Gestion commerciale), while it is active."""
    chosen = preferences.read(conn, preferences.DEPOT.key, user_id=ctx.user_id)
    if chosen is None:
        return None
    return conn.execute(select(_DEP.id).where(_DEP.id == chosen,
                                              _DEP.active.is_(True))).scalar()


def _check_depot(conn: Connection, depot_id: int | None) -> None:
    if depot_id is not None and conn.execute(
            select(_DEP.id).where(_DEP.id == depot_id)).first() is None:
        raise NotFoundError("document.depot_not_found", id=depot_id)


def _check_ouvrage(conn: Connection, client_id: int, ouvrage_id: int | None) -> None:
    if ouvrage_id is None:
        return
    owner = conn.execute(select(_OUV.client_id).where(_OUV.id == ouvrage_id)).scalar()
    if owner is None:
        raise NotFoundError("ouvrage.not_found", id=ouvrage_id)
    if owner != client_id:
        raise_if([Problem("ouvrage_id", "document.ouvrage_other_client", {"id": ouvrage_id})])


def create_document(ctx: Context, kind: DocumentKind, *, client_id: int,
                    ouvrage_id: int | None = None, issue_date: date | None = None,
                    subject: str | None = None,
                    depot_id: int | None = None) -> tuple[int, Changes]:
    """A new empty draft. Deposits and credit notes come from conversions, never from here.

    `depot_id`: None takes the user's preferred depot."""
    kind = DocumentKind(kind)
    if kind not in CREATABLE:
        raise StateError("document.wrong_kind", kind=store.kind_label(kind),
                         expected=", ".join(store.kind_label(k) for k in CREATABLE))
    subject = clean(subject)
    raise_if(check_length("subject", subject, 300))
    day = issue_date or ctx.clock.today()
    extra: dict = {}
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _check_ouvrage(conn, client_id, ouvrage_id)
        _check_depot(conn, depot_id)
        if depot_id is not None:
            extra["depot_id"] = depot_id
        if ouvrage_id is None:  # the client's only ouvrage is the one this is about
            owned = conn.execute(select(_OUV.id).where(_OUV.client_id == client_id)
                                 .limit(2)).scalars().all()
            ouvrage_id = owned[0] if len(owned) == 1 else None
        if kind == DocumentKind.QUOTE:
            days = company_service.load(conn).quote_validity_days
            extra["validity_date"] = day + timedelta(days=days)
        new_id, _ = insert_document(conn, ctx, kind=kind, status=Status.DRAFT,
                                    client_id=client_id, day=day, ouvrage_id=ouvrage_id,
                                    subject=subject, **extra)
        store.refresh_totals(conn, new_id, ctx.clock.now(), by=ctx.user_id)
    return new_id, Changes(documents=frozenset({new_id}), clients=frozenset({client_id}))


def create_quote(ctx: Context, client_id: int, **kwargs) -> tuple[int, Changes]:
    return create_document(ctx, DocumentKind.QUOTE, client_id=client_id, **kwargs)


def create_order(ctx: Context, client_id: int, **kwargs) -> tuple[int, Changes]:
    return create_document(ctx, DocumentKind.ORDER, client_id=client_id, **kwargs)


def create_invoice(ctx: Context, client_id: int, **kwargs) -> tuple[int, Changes]:
    return create_document(ctx, DocumentKind.INVOICE, client_id=client_id, **kwargs)


# -- read -----------------------------------------------------------------------------------

def get_document(ctx: Context, document_id: int) -> DocumentDetail:
    with ctx.db.engine.connect() as conn:
        snap = document_print.snapshot(conn, document_id)
    head, row = snap.head, snap.row
    editable = head.status not in FROZEN and is_editable(head.kind, head.status)
    return DocumentDetail(
        id=head.id, kind=head.kind, status=head.status, number=head.number,
        client_id=head.client_id, client_name=snap.client_name,
        header=DocumentHeader(
            issue_date=row["issue_date"], validity_date=row["validity_date"],
            due_date=row["due_date"], ouvrage_id=row["ouvrage_id"],
            journal_id=row["journal_id"], depot_id=row["depot_id"], subject=row["subject"],
            notes=row["notes"],
            retention_percent=row["retention_percent"],
            operation_category=row["operation_category"], service_date=row["service_date"],
            reverse_charge=bool(row["reverse_charge"])),
        ouvrage_name=snap.ouvrage["name"] if snap.ouvrage else None,
        author_id=row["author_id"], author_name=snap.author_name,
        journal_label=snap.journal_label, origin_id=row["origin_id"], source=snap.source,
        derived=snap.derived, lines=snap.lines, options=snap.options, totals=snap.totals,
        deposits=snap.deposits, editable=editable,
        transitions=tuple(sorted(allowed(head.kind, head.status))),
        issued_at=row["issued_at"], has_pdf=snap.has_pdf, version=row["version"],
        created_at=row["created_at"], updated_at=row["updated_at"],
        proposed_category=snap.proposed_category,
    )


# -- header, status, delete -----------------------------------------------------------------

def update_header(ctx: Context, document_id: int, *, header: DocumentHeader,
                  expected_version: int | None = None) -> Changes:
    """Replace the editable header of a draft (dates, ouvrage, journal, subject, notes).

    `expected_version`: the version the editor read; a save over a newer one (another PC
    saved in between) is refused with a ConflictError naming who, never overwritten."""
    subject = clean(header.subject)
    notes = (header.notes or "").strip() or None
    problems = check_length("subject", subject, 300) + check_length("notes", notes, MAX_NOTES)
    if header.validity_date and header.validity_date < header.issue_date:
        problems.append(Problem("validity_date", "document.validity_before_issue", {
            "validity": fmt.day(header.validity_date), "date": fmt.day(header.issue_date)}))
    if header.operation_category not in (None, *OPERATION_CATEGORIES):
        problems.append(Problem("operation_category", "preference.invalid", {
            "key": "operation_category", "value": header.operation_category}))
    retention = header.retention_percent
    if retention is not None and not ZERO < Decimal(retention) <= retention_rules.MAX_PERCENT:
        problems.append(Problem("retention_percent", "retention.percent_invalid", {
            "value": fmt.decimal(Decimal(retention), 2)}))
    if header.service_date and header.service_date > header.issue_date:
        problems.append(Problem("service_date", "document.service_date_after", {
            "service": fmt.day(header.service_date), "date": fmt.day(header.issue_date)}))
    if header.due_date and header.due_date < header.issue_date:
        problems.append(Problem("due_date", "document.due_before_issue", {
            "due": fmt.day(header.due_date), "date": fmt.day(header.issue_date)}))
    raise_if(problems)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.editable_head(conn, document_id)
        store.check_version(conn, document_id, expected_version)
        _check_ouvrage(conn, head.client_id, header.ouvrage_id)
        if header.journal_id is not None and conn.execute(
                select(_J.id).where(_J.id == header.journal_id)).first() is None:
            raise NotFoundError("document.journal_not_found", id=header.journal_id)
        _check_depot(conn, header.depot_id)
        conn.execute(update(D).where(DC.id == document_id).values(
            issue_date=header.issue_date, validity_date=header.validity_date,
            due_date=header.due_date, ouvrage_id=header.ouvrage_id,
            journal_id=header.journal_id, depot_id=header.depot_id, subject=subject,
            notes=notes, operation_category=header.operation_category,
            service_date=header.service_date
            if header.service_date != header.issue_date else None,
            reverse_charge=header.reverse_charge,
            # works invoices and the orders they come from; never deposits or credit notes
            retention_percent=retention if head.kind in (DocumentKind.ORDER,
                                                         DocumentKind.INVOICE) else None,
            version=DC.version + 1, updated_at=ctx.clock.now(), updated_by=ctx.user_id))
        store.refresh_totals(conn, document_id, ctx.clock.now(), by=ctx.user_id)  # autoliquidation: no VAT
    return Changes(documents=frozenset({document_id}))


def version_of(ctx: Context, document_id: int) -> int:
    """The stored version of a document: an editor's next save is checked against it."""
    with unit_of_work(ctx.db) as session:
        version = session.connection().execute(
            select(DC.version).where(DC.id == document_id)).scalar()
    if version is None:
        raise NotFoundError("document.not_found", id=document_id)
    return version


# Statuses reached through their own action (issue, accept), named by i18n's
# document.action.<status> in the error.
_OWN_ACTION = frozenset({Status.ISSUED, Status.ACCEPTED})


def set_status(ctx: Context, document_id: int, *, target: Status) -> Changes:
    """Follow the transition table; issuing and accepting have their own actions."""
    target = Status(target)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, document_id)
        check_transition(head.kind, head.status, target)
        if target in _OWN_ACTION:
            raise StateError("document.status_needs_action", action=target.value,
                             target=target.value)
        conn.execute(update(D).where(DC.id == document_id).values(
            status=target.value, version=DC.version + 1, updated_at=ctx.clock.now(),
            updated_by=ctx.user_id))
    return Changes(documents=frozenset({document_id}))


def delete_document(ctx: Context, document_id: int) -> Changes:
    """Delete a draft. Issued invoices never go; a document others came from stays too."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, document_id)
        if head.status in FROZEN:
            raise StateError("document.delete_numbered", name=head.name)
        child = conn.execute(select(DC.kind, DC.number).where(DC.source_id == document_id)
                             .limit(1)).first()
        if child is not None:
            raise StateError("document.has_children", name=head.name,
                             other=store.describe(child[0], child[1]))
        conn.execute(D.delete().where(DC.id == document_id))
    return Changes(documents=frozenset({document_id}), clients=frozenset({head.client_id}))


# -- lists ----------------------------------------------------------------------------------

def _filtered(query, flt: DocumentFilter):
    if flt.kinds:
        query = query.where(DC.kind.in_(sorted(k.value for k in flt.kinds)))
    if flt.statuses:
        query = query.where(DC.status.in_(sorted(s.value for s in flt.statuses)))
    if flt.date_from is not None:
        query = query.where(DC.issue_date >= flt.date_from)
    if flt.date_to is not None:
        query = query.where(DC.issue_date <= flt.date_to)
    if flt.client_id is not None:
        query = query.where(DC.client_id == flt.client_id)
    if flt.ouvrage_id is not None:
        query = query.where(DC.ouvrage_id == flt.ouvrage_id)
    return query


def document_ids(ctx: Context, flt: DocumentFilter | None = None, *, sort: str = "date",
                 descending: bool = True, limit: int | None = None) -> list[int]:
    """The ordered id snapshot behind the Pièces list, sorted and filtered in SQL.

    `limit` gives a first page fast (paint it, then fetch the whole snapshot).
    """
    columns = SORTS.get(sort, SORTS["date"])
    order = [c.desc() for c in columns] if descending else [c.asc() for c in columns]
    if not ctx.db.is_sqlite:
        # SQLite sorts NULL (no number yet) lowest, PostgreSQL highest: said for the columns
        # that can be NULL only, so NOT NULL sorts keep using their (issue_date, id) index.
        order = [(o.nulls_last() if descending else o.nulls_first()) if c.nullable else o
                 for c, o in zip(columns, order, strict=True)]
    query = select(DC.id)
    if sort == "client":
        query = query.select_from(D.join(Client.__table__, _C.id == DC.client_id))
    query = _filtered(query, flt or DocumentFilter()).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    with ctx.db.engine.connect() as conn:
        result = conn.execute(query)
        # Straight off the DBAPI cursor: SQLAlchemy's row objects cost 3× the SQL on 1M ids.
        rows = result.cursor.fetchall()
        result.close()
    return [r[0] for r in rows]


def count_documents(ctx: Context, flt: DocumentFilter | None = None) -> int:
    from sqlalchemy import func

    with ctx.db.engine.connect() as conn:
        return conn.execute(_filtered(select(func.count()).select_from(D),
                                      flt or DocumentFilter())).scalar_one()


_ROW_COLUMNS = (DC.id, DC.number, DC.kind, DC.status, DC.issue_date, DC.client_id,
                _C.last_name, _C.first_name, _C.company, DC.subject, DC.net, DC.gross,
                DC.due_date)


def document_rows(ctx: Context, ids: Sequence[int]) -> list[DocumentRow]:
    """Rows for one page of the list, in the order of `ids` (tuples, never entities)."""
    if not ids:
        return []
    query = (select(*_ROW_COLUMNS).select_from(D.join(Client.__table__, _C.id == DC.client_id))
             .where(DC.id.in_(list(ids))))
    with ctx.db.engine.connect() as conn:
        found = {r[0]: r for r in conn.execute(query)}
    rows = []
    for document_id in ids:
        r = found.get(document_id)
        if r is None:  # deleted since the snapshot
            continue
        rows.append(DocumentRow(r[0], r[1], DocumentKind(r[2]), Status(r[3]), r[4], r[5],
                                display_name(r[6], r[7], r[8]), r[9], r[10], r[11], r[12]))
    return rows


def documents_of_client(ctx: Context, client_id: int) -> list[DocumentRow]:
    """The client record's documents, newest first."""
    return document_rows(ctx, document_ids(ctx, DocumentFilter(client_id=client_id)))


# -- search ---------------------------------------------------------------------------------

def _hit(row, client_name: str) -> SearchHit:
    kind, number = DocumentKind(row[2]), row[1]
    label = f"{store.describe(kind, number)} · {client_name}"
    gross = messages.text("document.hit_gross", amount=fmt.money(row[5]))
    detail = " · ".join((fmt.day(row[4]), gross, store.status_label(row[3], kind)))
    return SearchHit("document", row[0], label, detail, number=number)


def search_documents_of_clients(ctx: Context, client_ids: Sequence[int], *, limit: int = 50
                                ) -> list[SearchHit]:
    """`**name`: documents of the clients a name search found, in the clients' order, newest
    first within each.

    Two steps keep it an index-only affair: (id, client, date) of up to SEARCH_CAP documents
    from the covering index (client_id, issue_date, id), sorted in Python; then the columns
    of the `limit` shown, by primary key.
    """
    ranks = {cid: i for i, cid in enumerate(dict.fromkeys(client_ids))}
    if not ranks or limit <= 0:
        return []
    with ctx.db.engine.connect() as conn:
        found = conn.execute(
            select(DC.id, DC.client_id).where(DC.client_id.in_(list(ranks)))
            .order_by(DC.issue_date.desc(), DC.id.desc()).limit(SEARCH_CAP)).all()
        found.sort(key=lambda r: ranks[r[1]])  # stable: newest first within a client
    return document_hits(ctx, [r[0] for r in found[:limit]])


def document_hits(ctx: Context, ids: Sequence[int]) -> list[SearchHit]:
    """Search hits for given documents (a number typed in the search box), in `ids` order."""
    if not ids:
        return []
    with ctx.db.engine.connect() as conn:
        rows = {r[0]: r for r in conn.execute(
            select(DC.id, DC.number, DC.kind, DC.status, DC.issue_date, DC.gross, DC.client_id,
                   _C.last_name, _C.first_name, _C.company)
            .select_from(D.join(Client.__table__, _C.id == DC.client_id))
            .where(DC.id.in_(list(ids))))}
    return [_hit(rows[i], display_name(rows[i][7], rows[i][8], rows[i][9]))
            for i in ids if i in rows]


def find_by_number(ctx: Context, text: str) -> int | None:
    """'F-2026-12', 'f2026-00012'... -> the document id, or None."""
    parsed = numbering.parse_number(text)
    if parsed is None:
        return None
    number = numbering.format_number(*parsed)
    with ctx.db.engine.connect() as conn:
        return conn.execute(select(DC.id).where(DC.number == number)).scalar()


# -- print ----------------------------------------------------------------------------------

def line_numbers_preference(ctx: Context) -> bool:
    return bool(preferences.get(ctx, preferences.LINE_NUMBERS.key))


def render_pdf(ctx: Context, document_id: int, *, line_numbers: bool | None = None) -> bytes:
    """The PDF of a document: the stored bytes once issued, a fresh rendering otherwise.

    An issued document without stored bytes (bulk-loaded demo data) is rendered from its
    frozen figures and stored then, so every later print is identical.
    """
    if line_numbers is None:
        line_numbers = line_numbers_preference(ctx)
    with ctx.db.engine.connect() as conn:
        stored = document_print.stored_pdf(conn, document_id)
        if stored is not None:
            return stored
        snap = document_print.snapshot(conn, document_id)
    pdf = document_print.render(document_print.print_document(snap, line_numbers=line_numbers))
    if snap.frozen:
        with unit_of_work(ctx.db, write=True) as session:
            conn = session.connection()
            again = document_print.stored_pdf(conn, document_id)
            if again is not None:
                return again
            document_print.store_pdf(conn, document_id, pdf, ctx.clock.now())
    return pdf


def warm_up_printing() -> None:
    """Import reportlab and parse the fonts now (call it from a worker, after start-up)."""
    document_print.warm_up()


def pdf_file_name(ctx: Context, document_id: int) -> str:
    """'Facture F-2026-00001 - DUPONT Helene.pdf': a name for "Enregistrer le PDF"."""
    detail = get_document(ctx, document_id)
    name = f"{store.describe(detail.kind, detail.number)} - {detail.client_name}"
    return "".join(c for c in name if c not in '\\/:*?"<>|').strip() + ".pdf"
