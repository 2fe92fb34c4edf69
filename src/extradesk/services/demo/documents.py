"""Deterministic demo documents over the last two years: quotes with options and text lines,
orders, deposit invoices, final invoices deducting them, credit notes, maintenance invoices.

Planned first (dates, statuses, links), then sorted by date so ids and numbers follow the
calendar, then bulk-inserted CHUNK documents per transaction with their lines, options and
counters. Cancelling keeps a prefix in time: numbers stay gap-free. Each issued document gets
its PDF rendered and stored as it is issued, like the application does, so it prints the
company of its day forever and its chain link covers its bytes. Measured on the default 2,000
clients (1,205 issued documents, ~12 ms a PDF): 2.1 s without the PDFs, 16.9 s with them, and
a 67 MB file (~46 KB a PDF, fonts embedded as in real invoices).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal

from sqlalchemy import Connection, func, select, text, update

from extradesk.core import numbering
from extradesk.core.changes import Changes
from extradesk.core.documents import deposit_amounts, french
from extradesk.core.money import ZERO
from extradesk.core.workflow import FROZEN, NUMBERED_AT_ISSUE, DocumentKind, Status
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import text as message
from extradesk.models import Client, Ouvrage, OuvrageType, User
from extradesk.services import company as company_service
from extradesk.services.articles import snapshot as article_snapshot
from extradesk.services.context import Context
from extradesk.services.demo import bulk
from extradesk.services.demo import company_identity as demo_company
from extradesk.services.demo import quote_templates as catalogue
from extradesk.services.documents import attestation, chain, einvoice, store
from extradesk.services.documents import printing as document_print
from extradesk.services.documents.drafts import line_numbers_preference

CHUNK = 500  # documents per transaction, progress step and cancel point (PDFs: most of the time)
MAX_PROJECTS = 300_000
K = DocumentKind


@dataclass(frozen=True)
class DocumentDemoReport:
    documents: int
    lines: int
    seconds: float


@dataclass
class _Project:
    client_id: int
    ouvrage_id: int | None
    template: catalogue.Template
    seed: int
    accepted: frozenset[int]  # option indexes the client took
    deposit: Decimal | None  # percent
    deposit_gross: Decimal = ZERO
    deposit_ref: dict | None = None


@dataclass
class _Doc:
    day: date
    kind: DocumentKind
    status: Status
    project: int  # index in the project list
    order: int  # plan order: ties on a date keep quote < order < invoice
    source: int | None = None  # plan order of the source document
    id: int = 0
    number: str | None = None
    extra: dict = field(default_factory=dict)


# -- plan ---------------------------------------------------------------------------------

def _plan(rng: random.Random, client_ids: Sequence[int], ouvrages: dict, today: date,
          share: float) -> tuple[list[_Project], list[_Doc]]:
    start = today - timedelta(days=730)
    projects: list[_Project] = []
    docs: list[_Doc] = []

    def add(day: date, kind: K, status: Status, project: int, source: int | None = None,
            **extra) -> int:
        docs.append(_Doc(day, kind, status, project, len(docs), source, extra=extra))
        return len(docs) - 1

    for client_id in client_ids:
        if len(projects) >= MAX_PROJECTS:
            break
        if rng.random() < 0.12:  # maintenance visits, invoiced straight away
            index = len(projects)
            projects.append(_Project(client_id, None, catalogue.SERVICE, rng.getrandbits(32),
                                     frozenset(), None))
            day = start + timedelta(days=rng.randrange(731))
            add(day, K.INVOICE, _invoice_status(rng, today - day), index)
        if rng.random() >= share:
            continue
        owned = ouvrages.get(client_id, [])
        ouvrage_id, type_label = rng.choice(owned) if owned else (None, None)
        template = catalogue.BY_OUVRAGE_TYPE.get(type_label) or rng.choice(catalogue.ANY)
        accepted = frozenset(i for i in range(len(template.options)) if rng.random() < 0.45)
        deposit = Decimal(rng.choice((30, 30, 40, 50))) if rng.random() < 0.5 else None
        index = len(projects)
        projects.append(_Project(client_id, ouvrage_id, template, rng.getrandbits(32),
                                 accepted, deposit))
        d0 = start + timedelta(days=rng.randrange(731))
        age, roll = (today - d0).days, rng.random()
        answered = d0 + timedelta(days=rng.randint(3, 30))
        if roll < 0.55 and answered <= today:
            quote = add(d0, K.QUOTE, Status.ACCEPTED, index)
        else:
            if roll < 0.72 and answered <= today:
                status = Status.REFUSED
            elif age > 90:
                status = Status.EXPIRED
            else:
                status = Status.DRAFT if age < 3 and rng.random() < 0.5 else Status.SENT
            add(d0, K.QUOTE, status, index)
            continue
        work = answered + timedelta(days=rng.randint(10, 60))
        order = add(answered, K.ORDER, Status.DELIVERED if work <= today else Status.CONFIRMED,
                    index, quote)
        if deposit is not None:
            day = min(today, answered + timedelta(days=rng.randint(0, 5)))
            add(day, K.DEPOSIT_INVOICE, Status.PAID if (today - day).days > 20 else
                Status.ISSUED, index, order)
        if work > today:
            continue
        invoice = add(work, K.INVOICE, _invoice_status(rng, today - work), index, order)
        if docs[invoice].status in FROZEN:  # invoiced: the order is closed
            docs[order].status = Status.INVOICED
        credit_day = work + timedelta(days=rng.randint(5, 30))
        if rng.random() < 0.05 and credit_day <= today and docs[invoice].status in FROZEN:
            add(credit_day, K.CREDIT_NOTE, Status.ISSUED, index, invoice)
    return projects, docs


def _invoice_status(rng: random.Random, age: timedelta) -> Status:
    days = age.days
    if days > 60:
        return Status.PARTLY_PAID if rng.random() < 0.05 else Status.PAID
    if days > 15:
        return Status.PAID if rng.random() < 0.5 else Status.ISSUED
    return Status.DRAFT if days < 7 and rng.random() < 0.15 else Status.ISSUED


def _number(docs: list[_Doc], conn: Connection) -> None:
    """Ids and numbers in calendar order, continuing the counters already there."""
    docs.sort(key=lambda d: (d.day, d.order))
    c = store.COUNTERS.c
    counters = {(k, y): v for k, y, v in conn.execute(select(c.kind, c.year, c.last_value))}
    last_dates = {k: d for k, d in conn.execute(
        select(c.kind, func.max(c.last_date)).group_by(c.kind))}
    first_id = (conn.execute(select(func.max(store.DC.id))).scalar() or 0) + 1
    by_order = {}
    demoted: set[int | None] = set()  # sources of invoices left as drafts
    for offset, doc in enumerate(docs):
        doc.id = first_id + offset
        by_order[doc.order] = doc.id
        if doc.kind in NUMBERED_AT_ISSUE:
            if doc.status not in FROZEN:
                continue
            last = last_dates.get(doc.kind.value)
            if last is not None and doc.day < last:  # never break an existing chronology
                doc.status = Status.DRAFT
                demoted.add(doc.source)
                continue
        key = (doc.kind.value, doc.day.year)
        counters[key] = counters.get(key, 0) + 1
        doc.number = numbering.format_number(doc.kind, doc.day.year, counters[key])
    for doc in docs:
        if doc.order in demoted and doc.status == Status.INVOICED:
            doc.status = Status.DELIVERED  # its invoice stayed a draft: not invoiced yet
        if doc.source is not None:
            doc.source = by_order[doc.source]


# -- write --------------------------------------------------------------------------------

@dataclass
class _Writer:
    ctx: Context
    projects: list[_Project]
    origins: dict[int, int | None]
    users: list[int]
    journal_id: int | None
    rng: random.Random
    option_id: int = 0
    lines: int = 0
    numbers: dict[int, str | None] = field(default_factory=dict)  # id -> number
    line_numbers: bool = False  # the user's preference, as "Émettre" would print them
    articles: dict[str, dict] = field(default_factory=dict)  # code -> the line's snapshot

    def document_lines(self, doc: _Doc, project: _Project) -> list[dict]:
        lines = catalogue.quote_lines(project.template, project.seed)
        if doc.kind == K.QUOTE:
            return lines
        kept = [dict(r, option=None) for r in lines
                if r["option"] is None or r["option"] in project.accepted]
        if doc.kind == K.DEPOSIT_INVOICE:
            amounts = deposit_amounts(catalogue.totals(kept).vat_rows, project.deposit)
            label = message("document.deposit_line", percent=french(project.deposit),
                            number=self.numbers.get(doc.source) or "").rstrip()
            return [{"kind": "article", "code": None,
                     "label": label if len(amounts) == 1
                     else message("document.deposit_line_part", label=label,
                                  rate=french(rate)),
                     "description": None, "quantity": Decimal(1), "unit": None,
                     "unit_price": amount, "discount": ZERO, "vat_rate": rate, "net": amount,
                     "option": None} for rate, amount in amounts]
        if doc.kind == K.CREDIT_NOTE:
            priced = [r for r in kept if r["kind"] == "article"]
            return [self.rng.choice(priced)]
        return kept

    def _snapshot(self, conn: Connection, code: str | None) -> dict:
        """The article a demo line's code names (the base is made before the documents), as
        the editor would have remembered it; looked up once per code."""
        if not code or code.startswith("txt_"):
            return article_snapshot.NONE
        if code not in self.articles:
            self.articles[code] = article_snapshot.snapshot(conn, code)
        return self.articles[code]

    def chunk(self, conn: Connection, docs: Sequence[_Doc]) -> None:
        rows, options, lines = [], [], []
        for doc in docs:
            project = self.projects[doc.project]
            doc_lines = self.document_lines(doc, project)
            totals = catalogue.totals(doc_lines)
            deposits, refs = ZERO, None
            if doc.kind == K.INVOICE and project.deposit_ref is not None:
                deposits = project.deposit_gross
                refs = [project.deposit_ref]
            issued = doc.status in FROZEN
            at = datetime.combine(doc.day, clock_time(9, 0), tzinfo=UTC)
            row = {
                "id": doc.id, "kind": doc.kind.value, "status": doc.status.value,
                "number": doc.number, "client_id": project.client_id,
                "ouvrage_id": project.ouvrage_id, "issue_date": doc.day,
                "validity_date": doc.day + timedelta(days=90) if doc.kind == K.QUOTE else None,
                "due_date": doc.day + timedelta(days=30)
                if doc.kind in (K.INVOICE, K.DEPOSIT_INVOICE) and issued else None,
                "author_id": self.rng.choice(self.users) if self.users else None,
                "journal_id": self.journal_id, "origin_id": self.origins.get(project.client_id),
                "source_id": doc.source,
                "subject": project.template.title if doc.kind != K.CREDIT_NOTE
                else f"Avoir sur la facture {self.numbers.get(doc.source)}",
                "notes": None, "net": totals.net, "vat": totals.vat, "gross": totals.gross,
                "deposits": deposits if issued else ZERO,
                "vat_breakdown": store.vat_json(totals.vat_rows),
                "deposit_refs": json.dumps(refs) if issued and refs else None,
                "issued_at": at + timedelta(hours=1) if issued and doc.kind in NUMBERED_AT_ISSUE
                else None,
                "version": 1, "created_at": at, "updated_at": at,
                # works at 10 % / 5,5 %: the client signed the attestation with the quote (the
                # order and invoices made from it find it there); no scanned file in a demo
                "vat_attestation_date": doc.day if doc.source is None and any(
                    r["kind"] == "article" and r["vat_rate"] in attestation.REDUCED_RATES
                    for r in doc_lines) else None,
            }
            rows.append(row)
            if doc.kind == K.DEPOSIT_INVOICE and issued:
                project.deposit_gross = totals.gross
                project.deposit_ref = {"id": doc.id, "number": doc.number,
                                       "date": doc.day.isoformat(), "gross": str(totals.gross)}
            ids = {}
            if doc.kind == K.QUOTE:
                for index, (title, _items) in enumerate(project.template.options):
                    self.option_id += 1
                    ids[index] = self.option_id
                    options.append({"id": self.option_id, "document_id": doc.id,
                                    "title": title,
                                    "accepted": (index in project.accepted)
                                    if doc.status == Status.ACCEPTED else None})
            for position, line in enumerate(doc_lines, start=1):
                lines.append({
                    "document_id": doc.id, "position": position, "kind": line["kind"],
                    "code": line["code"], "label": line["label"],
                    "description": line["description"], "quantity": line["quantity"],
                    "unit": line["unit"], "unit_price": line["unit_price"],
                    "discount": line["discount"], "vat_rate": line["vat_rate"],
                    "net": line["net"],
                    "option_id": ids.get(line["option"]) if line["option"] is not None else None,
                    **self._snapshot(conn, line["code"] if line["kind"] == "article" else None),
                })
        # Issued last, as the application does: the database refuses lines added to an
        # issued document (migration 0008), and each issued one is chained in issue order.
        issued_at = {row["id"]: row.pop("issued_at") for row in rows}
        for row in rows:
            row["issued_at"] = None
        bulk.insert(conn, store.D, rows)
        bulk.insert(conn, store.OPT, options)
        bulk.insert(conn, store.L, lines)
        self.lines += len(lines)
        self._issue(conn, {i: at for i, at in issued_at.items() if at is not None})
        self._counters(conn, docs)

    def _issue(self, conn: Connection, issued_at: dict[int, datetime]) -> None:
        order = sorted(issued_at, key=lambda i: (issued_at[i], i))
        bind = bulk.binder(store.DC.issued_at.type, conn) or (lambda value: value)
        render = self.ctx.render_pdf
        for doc_id in order:
            # The stored bytes first: an issued document's PDF is part of what it is.
            snap = document_print.snapshot(conn, doc_id)
            data = document_print.print_document(snap, line_numbers=self.line_numbers)
            # The same Factur-X PDF/A-3 the issuing path stores (a test may stand in for it).
            pdf = render(data) if render else einvoice.issued_pdf(snap, data)
            document_print.store_pdf(conn, doc_id, pdf, issued_at[doc_id])
            conn.execute(text("UPDATE documents SET issued_at = :at WHERE id = :id"),
                         {"at": bind(issued_at[doc_id]), "id": doc_id})
            chain.append(conn, doc_id)

    def _counters(self, conn: Connection, docs: Sequence[_Doc]) -> None:
        top: dict[tuple[K, int], tuple[int, date]] = {}
        for doc in docs:
            if doc.number is not None:
                value = numbering.parse_number(doc.number)[2]
                key = (doc.kind, doc.day.year)
                if value > top.get(key, (0, doc.day))[0]:
                    top[key] = (value, doc.day)
        c = store.COUNTERS.c
        for (kind, year), (value, day) in top.items():
            conn.execute(store._insert_counter(conn, kind, year))
            conn.execute(update(store.COUNTERS).where(c.kind == kind.value, c.year == year)
                         .values(last_value=value, last_date=day))


def _lookups(conn: Connection, client_ids: Sequence[int]) -> tuple[dict, dict, list[int]]:
    ouvrages: dict[int, list[tuple[int, str | None]]] = {}
    origins: dict[int, int | None] = {}
    o, t, c = Ouvrage.__table__.c, OuvrageType.__table__.c, Client.__table__.c
    ids = list(client_ids)
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        for client_id, origin in conn.execute(select(c.id, c.origin_id).where(c.id.in_(part))):
            origins[client_id] = origin
        for ouvrage_id, client_id, label in conn.execute(
                select(o.id, o.client_id, t.label)
                .select_from(Ouvrage.__table__.outerjoin(OuvrageType.__table__,
                                                         t.id == o.type_id))
                .where(o.client_id.in_(part)).order_by(o.id)):
            ouvrages.setdefault(client_id, []).append((ouvrage_id, label))
    u = User.__table__.c
    users = list(conn.execute(select(u.id).where(u.active.is_(True)).order_by(u.id)).scalars())
    return ouvrages, origins, users


def generate_documents(
    ctx: Context,
    *,
    client_ids: Sequence[int],
    seed: int = 1,
    share: float = 0.6,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[DocumentDemoReport, Changes]:
    """Documents for about `share` of `client_ids` (projects capped at MAX_PROJECTS).

    Same clients, seed and day: same documents. progress(done, total) after each chunk.
    """
    started = time.perf_counter()
    demo_company.fill_company(ctx)  # the PDFs stored at issue print it for good
    rng = random.Random(seed)
    known = _known(ctx, client_ids)
    client_ids = [i for i in dict.fromkeys(client_ids) if i in known]
    with ctx.db.engine.connect() as conn:
        ouvrages, origins, users = _lookups(conn, client_ids)
        journal_id = company_service.default_journal_id(conn)
    projects, docs = _plan(rng, client_ids, ouvrages, ctx.clock.today(), share)
    writer = _Writer(ctx, projects, origins, users, journal_id, random.Random(seed + 1),
                     line_numbers=line_numbers_preference(ctx))
    done = 0
    if progress is not None:
        progress(0, len(docs))
    with unit_of_work(ctx.db, write=True) as session:  # numbers read and taken together
        conn = session.connection()
        _number(docs, conn)
        writer.numbers = {doc.id: doc.number for doc in docs}
        writer.option_id = conn.execute(select(func.max(store.OC.id))).scalar() or 0
        if docs:
            writer.chunk(conn, docs[:CHUNK])
            done = min(CHUNK, len(docs))
    if progress is not None:
        progress(done, len(docs))
    while done < len(docs):
        if cancelled is not None and cancelled():
            break
        with unit_of_work(ctx.db, write=True) as session:
            writer.chunk(session.connection(), docs[done:done + CHUNK])
        done = min(done + CHUNK, len(docs))
        if progress is not None:
            progress(done, len(docs))
    if done:  # both backends: the planner needs statistics after a bulk load
        with ctx.db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    report = DocumentDemoReport(documents=done, lines=writer.lines,
                                seconds=time.perf_counter() - started)
    return report, Changes(everything=True)


def _known(ctx: Context, client_ids: Sequence[int]) -> set[int]:
    c = Client.__table__.c
    ids, found = list(client_ids), set()
    with ctx.db.engine.connect() as conn:
        for start in range(0, len(ids), 900):
            found |= set(conn.execute(select(c.id).where(c.id.in_(ids[start:start + 900])))
                         .scalars())
    return found
