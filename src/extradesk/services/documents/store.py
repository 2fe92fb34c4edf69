"""Plumbing shared by the document services: tables, loading, edit guards, totals upkeep,
number counters. Every function works on the caller's connection (its transaction)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, bindparam, case, func, or_, select, update

from extradesk.core import numbering
from extradesk.core.documents import LineKind, LineValues, Slot, check_line, is_text_code
from extradesk.core.errors import NotFoundError, Problem, StateError, StorageError, raise_if
from extradesk.core.money import ZERO, parse_decimal
from extradesk.core.totals import PricedLine, Totals, VatRow, compute, line_net
from extradesk.core.validation import clean
from extradesk.core.workflow import FROZEN, DocumentKind, Status, is_editable
from extradesk.i18n import messages
from extradesk.models import Document, DocumentCounter, DocumentLine, DocumentOption
from extradesk.services.documents.dto import DepositRef, Line, LineInput, OptionGroup

D = Document.__table__
L = DocumentLine.__table__
OPT = DocumentOption.__table__
COUNTERS = DocumentCounter.__table__
DC, LC, OC = D.c, L.c, OPT.c

DEFAULT_VAT = Decimal("20")

def kind_label(kind: DocumentKind | str) -> str:
    return messages.text(f"document.kind.{DocumentKind(kind).value}")


def status_label(status: Status | str, kind: DocumentKind | str | None = None) -> str:
    from extradesk.i18n.documents import status_id

    return messages.text(status_id(Status(status), kind))


def describe(kind: DocumentKind | str, number: str | None) -> str:
    """'Facture F-2026-00001', 'Facture (brouillon)': how messages name a document."""
    if number:
        return messages.text("document.name", kind=kind_label(kind), number=number)
    return messages.text("document.name_draft", kind=kind_label(kind))


@dataclass(frozen=True)
class Head:
    """The few columns every guard needs."""

    id: int
    kind: DocumentKind
    status: Status
    number: str | None
    client_id: int
    issue_date: date
    source_id: int | None
    version: int

    @property
    def name(self) -> str:
        return describe(self.kind, self.number)


# Hot statements are built once: building a select costs more than running it here, and a
# reused statement keeps its compiled form and cache key (issuing runs these under the lock).
_HEAD = select(DC.id, DC.kind, DC.status, DC.number, DC.client_id, DC.issue_date, DC.source_id,
               DC.version).where(DC.id == bindparam("id"))


def load_head(conn: Connection, document_id: int) -> Head:
    row = conn.execute(_HEAD, {"id": document_id}).first()
    if row is None:
        raise NotFoundError("document.not_found", id=document_id)
    return Head(row[0], DocumentKind(row[1]), Status(row[2]), row[3], row[4], row[5], row[6],
                row[7])


def check_editable(head: Head) -> None:
    if head.status in FROZEN:
        raise StateError("document.frozen", name=head.name)
    if not is_editable(head.kind, head.status):
        raise StateError("document.not_editable", name=head.name,
                         status=status_label(head.status, head.kind))


def editable_head(conn: Connection, document_id: int) -> Head:
    head = load_head(conn, document_id)
    check_editable(head)
    return head


def touch(conn: Connection, document_id: int, now: datetime) -> None:
    conn.execute(update(D).where(DC.id == document_id)
                 .values(version=DC.version + 1, updated_at=now))


# -- lines ----------------------------------------------------------------------------------

_FIELD_ORDER = ("code", "label", "description", "unit", "quantity", "unit_price", "discount",
                "vat_rate")


def _number(field: str, raw, problems: list[Problem], default: Decimal) -> Decimal:
    """Parse French number text; on failure note the problem and carry on with the default
    so that the other fields still get checked (every problem is listed at once)."""
    try:
        value = parse_decimal(raw)
    except (ValueError, TypeError):
        problems.append(Problem(field, "number.invalid", {"value": str(raw)}))
        return default
    return default if value is None else value


def parse_line(data: LineInput) -> LineValues:
    """Typed line -> checked values; raises ValidationError listing every problem."""
    code = clean(data.code)
    label = clean(data.label)
    description = (data.description or "").strip() or None
    if is_text_code(code):
        values = LineValues(LineKind.TEXT, code, label, description, None, None, None, ZERO,
                            None)
        raise_if(check_line(values))
        return values
    problems: list[Problem] = []
    quantity = _number("quantity", data.quantity, problems, Decimal(1))
    unit_price = _number("unit_price", data.unit_price, problems, ZERO)
    discount = _number("discount", data.discount, problems, ZERO)
    vat_rate = _number("vat_rate", data.vat_rate, problems, DEFAULT_VAT)
    values = LineValues(LineKind.ARTICLE, code, label, description, quantity, clean(data.unit),
                        unit_price, discount, vat_rate)
    unreadable = {p.field for p in problems}
    problems += [p for p in check_line(values) if p.field not in unreadable]
    problems.sort(key=lambda p: _FIELD_ORDER.index(p.field) if p.field in _FIELD_ORDER else 99)
    raise_if(problems)
    return values


def line_columns(values: LineValues) -> dict:
    text = values.kind == LineKind.TEXT
    net = None
    if not text:
        net = line_net(PricedLine(values.quantity, values.unit_price, values.vat_rate,
                                  values.discount))
    return {
        "kind": values.kind.value, "code": values.code, "label": values.label,
        "description": values.description,
        "quantity": None if text else values.quantity,
        "unit": None if text else values.unit,
        "unit_price": None if text else values.unit_price,
        "discount": ZERO if text else values.discount,
        "vat_rate": None if text else values.vat_rate,
        "net": net,
    }


LINE_COLUMNS = (LC.id, LC.position, LC.kind, LC.code, LC.label, LC.description, LC.quantity,
                LC.unit, LC.unit_price, LC.discount, LC.vat_rate, LC.net, LC.option_id)


def _line(row) -> Line:
    return Line(id=row[0], position=row[1], kind=LineKind(row[2]), code=row[3], label=row[4],
                description=row[5], quantity=row[6], unit=row[7], unit_price=row[8],
                discount=row[9] if row[9] is not None else ZERO, vat_rate=row[10], net=row[11],
                option_id=row[12])


_LINES = (select(*LINE_COLUMNS).where(LC.document_id == bindparam("id"))
          .order_by(LC.position, LC.id))


def load_lines(conn: Connection, document_id: int) -> list[Line]:
    return [_line(r) for r in conn.execute(_LINES, {"id": document_id})]


def priced(lines: Iterable[Line], *, reverse_charge: bool = False) -> list[PricedLine]:
    """Autoliquidation: every line at 0 % (the client accounts for the VAT), whatever rate
    it was typed with — the rates come back if the box is unticked."""
    return [PricedLine(line.quantity, line.unit_price,
                       ZERO if reverse_charge else line.vat_rate, line.discount,
                       in_option=line.option_id is not None, option_key=line.option_id)
            for line in lines if not line.is_text]


def load_options(conn: Connection, document_id: int, lines: Sequence[Line],
                 totals: Totals) -> list[OptionGroup]:
    """Option groups in document order (where their first line sits)."""
    rows = {r[0]: r for r in conn.execute(
        select(OC.id, OC.title, OC.accepted).where(OC.document_id == document_id))}
    members: dict[int, list[int]] = {}
    for line in lines:
        if line.option_id is not None:
            members.setdefault(line.option_id, []).append(line.id)
    groups = []
    for index, (option_id, line_ids) in enumerate(members.items(), start=1):
        row = rows.get(option_id)
        if row is None:
            continue
        groups.append(OptionGroup(id=option_id, index=index, title=row[1] or "",
                                  accepted=row[2], net=totals.options.get(option_id, ZERO),
                                  line_ids=tuple(line_ids)))
    return groups


def read_slots(conn: Connection, document_id: int) -> list[Slot]:
    rows = conn.execute(select(LC.id, LC.option_id).where(LC.document_id == document_id)
                        .order_by(LC.position, LC.id))
    return [Slot(r[0], r[1]) for r in rows]


def write_slots(conn: Connection, document_id: int, slots: Sequence[Slot]) -> None:
    """Store positions 1..n and option membership; drop option groups left empty."""
    current = {r[0]: (r[1], r[2]) for r in conn.execute(
        select(LC.id, LC.position, LC.option_id).where(LC.document_id == document_id))}
    for position, slot in enumerate(slots, start=1):
        if current.get(slot.line_id) != (position, slot.option_id):
            conn.execute(update(L).where(LC.id == slot.line_id)
                         .values(position=position, option_id=slot.option_id))
    used = {s.option_id for s in slots if s.option_id is not None}
    query = OPT.delete().where(OC.document_id == document_id)
    if used:
        query = query.where(OC.id.not_in(used))
    conn.execute(query)


# -- totals ---------------------------------------------------------------------------------

def vat_json(rows: Sequence[VatRow]) -> str:
    return json.dumps([{"rate": str(r.rate), "base": str(r.base), "amount": str(r.amount)}
                       for r in rows])


def vat_rows_from_json(text: str | None) -> tuple[VatRow, ...]:
    if not text:
        return ()
    return tuple(VatRow(Decimal(r["rate"]), Decimal(r["base"]), Decimal(r["amount"]))
                 for r in json.loads(text))


def deposit_refs_json(refs: Sequence[DepositRef]) -> str:
    return json.dumps([{"id": r.document_id, "number": r.number,
                        "date": r.issue_date.isoformat(), "gross": str(r.gross)} for r in refs])


def deposit_refs_from_json(text: str | None) -> tuple[DepositRef, ...]:
    if not text:
        return ()
    return tuple(DepositRef(r["id"], r["number"], date.fromisoformat(r["date"]),
                            Decimal(r["gross"])) for r in json.loads(text))


def issued_deposits(conn: Connection, order_id: int | None) -> tuple[DepositRef, ...]:
    """Deposit invoices already issued against an order, oldest first."""
    if order_id is None:
        return ()
    rows = conn.execute(
        select(DC.id, DC.number, DC.issue_date, DC.gross)
        .where(DC.source_id == order_id, DC.kind == DocumentKind.DEPOSIT_INVOICE.value,
               DC.status.in_([s.value for s in FROZEN]))
        .order_by(DC.issue_date, DC.number))
    return tuple(DepositRef(r[0], r[1], r[2], r[3]) for r in rows)


def refresh_totals(conn: Connection, document_id: int, now: datetime) -> Totals:
    """Recompute a draft's cached totals after an edit and bump its version."""
    reverse_charge = conn.execute(select(DC.reverse_charge).where(
        DC.id == document_id)).scalar()
    totals = compute(priced(load_lines(conn, document_id), reverse_charge=bool(reverse_charge)))
    conn.execute(update(D).where(DC.id == document_id).values(
        net=totals.net, vat=totals.vat, gross=totals.gross, vat_breakdown=vat_json(
            totals.vat_rows), version=DC.version + 1, updated_at=now))
    return totals


# -- numbering ------------------------------------------------------------------------------

def _insert_counter(conn: Connection, kind: DocumentKind, year: int):
    values = {"kind": kind.value, "year": year, "last_value": 0, "last_date": None}
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # the counters need INSERT … ON CONFLICT DO NOTHING, which only these two have here
        raise StorageError("db.unsupported", name=conn.dialect.name)
    return insert(COUNTERS).values(**values).on_conflict_do_nothing(
        index_elements=["kind", "year"])


_CT = COUNTERS.c
_LAST_DATE = select(func.max(_CT.last_date)).where(_CT.kind == bindparam("kind"))
_LAST_VALUE = select(_CT.last_value).where(_CT.kind == bindparam("kind"),
                                           _CT.year == bindparam("year"))
_NEXT = (update(COUNTERS)
         .where(_CT.kind == bindparam("b_kind"), _CT.year == bindparam("b_year"))
         .values(last_value=_CT.last_value + 1,
                 last_date=case((or_(_CT.last_date.is_(None), _CT.last_date < bindparam("day")),
                                 bindparam("day")), else_=_CT.last_date))
         .returning(_CT.last_value))


def last_issued_date(conn: Connection, kind: DocumentKind) -> date | None:
    return conn.execute(_LAST_DATE, {"kind": kind.value}).scalar()


def predicted_number(conn: Connection, kind: DocumentKind, day: date) -> str:
    """The number the next allocation will give if nobody else issues first."""
    last = conn.execute(_LAST_VALUE, {"kind": kind.value, "year": day.year}).scalar() or 0
    return numbering.format_number(kind, day.year, last + 1)


def allocate_number(conn: Connection, kind: DocumentKind, day: date, *,
                    chronological: bool) -> str:
    """Take the next number of (kind, year) inside the caller's write transaction.

    One counter row moved with UPDATE … RETURNING under BEGIN IMMEDIATE (DESIGN.md §4): the
    number and the document it goes to commit together or not at all.
    """
    if chronological:
        numbering.check_chronology(day, last_issued_date(conn, kind))
    conn.execute(_insert_counter(conn, kind, day.year))
    value = conn.execute(_NEXT, {"b_kind": kind.value, "b_year": day.year, "day": day}
                         ).scalar_one()
    return numbering.format_number(kind, day.year, value)
