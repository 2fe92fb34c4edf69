"""One document from another: accept a quote (→ order), invoice an order, ask for a deposit,
credit an issued invoice, duplicate. Each runs in one transaction: all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Connection, select, update

from extradesk.core.changes import Changes
from extradesk.core.documents import DISCOUNT_PLACES, deposit_amounts, french
from extradesk.core.errors import NotFoundError, Problem, StateError, ValidationError
from extradesk.core.money import ZERO, parse_decimal
from extradesk.core.totals import HUNDRED, PricedLine, compute
from extradesk.core.workflow import FROZEN, DocumentKind, Status, check_transition
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text as message
from extradesk.services import company as company_service
from extradesk.services.articles import snapshot as article_snapshot
from extradesk.services.context import Context
from extradesk.services.documents import promotion, store
from extradesk.services.documents.drafts import insert_document
from extradesk.services.documents.dto import Line

D, DC, L, LC, OPT, OC = store.D, store.DC, store.L, store.LC, store.OPT, store.OC
_COPIED = ("ouvrage_id", "journal_id", "depot_id", "origin_id", "subject", "notes",
           "operation_category", "reverse_charge", "retention_percent")


def _source_row(conn: Connection, document_id: int) -> dict:
    row = conn.execute(select(D).where(DC.id == document_id)).mappings().first()
    if row is None:
        raise NotFoundError("document.not_found", id=document_id)
    return dict(row)


def _wrong_kind(head: store.Head, *expected: DocumentKind) -> StateError:
    return StateError("document.wrong_kind", kind=store.kind_label(head.kind),
                      expected=", ".join(store.kind_label(k) for k in expected))


def _copy_lines(conn: Connection, target_id: int, lines: Iterable[Line], *,
                options: dict[int, int] | None = None) -> None:
    """Insert copies of `lines` in order; `options` maps old option ids to new ones (None:
    copies are ordinary lines)."""
    lines = list(lines)
    # The article snapshot travels with the line (quote -> order -> invoice -> credit note):
    # what the quote said, not what the article says today.
    kept = {r[0]: {"article_id": r[1], "family_name": r[2], "account_code": r[3]}
            for r in conn.execute(select(LC.id, LC.article_id, LC.family_name, LC.account_code)
                                  .where(LC.id.in_([line.id for line in lines])))}
    rows = []
    for position, line in enumerate(lines, start=1):
        rows.append({**kept.get(line.id, article_snapshot.NONE),
            "document_id": target_id, "position": position, "kind": line.kind.value,
            "code": line.code, "label": line.label, "description": line.description,
            "quantity": line.quantity, "unit": line.unit, "unit_price": line.unit_price,
            "discount": line.discount, "vat_rate": line.vat_rate, "net": line.net,
            "option_id": (options or {}).get(line.option_id) if line.option_id else None,
        })
    if rows:
        conn.execute(L.insert(), rows)


def _new_from(conn: Connection, ctx: Context, source: dict, kind: DocumentKind, *,
              status: Status = Status.DRAFT, link: bool = True, **values) -> int:
    copied = {name: source[name] for name in _COPIED}
    if kind not in (DocumentKind.ORDER, DocumentKind.INVOICE):  # retention: works invoices
        copied["retention_percent"] = None
    copied.update(values)
    new_id, _ = insert_document(conn, ctx, kind=kind, status=status,
                                client_id=source["client_id"], day=ctx.clock.today(),
                                source_id=source["id"] if link else None, **copied)
    return new_id


def _changes(*ids: int, client_id: int) -> Changes:
    return Changes(documents=frozenset(ids), clients=frozenset({client_id}))


def accept_quote(ctx: Context, quote_id: int, *, accepted_options: Iterable[int] = ()
                 ) -> tuple[int, Changes]:
    """The client signed: the quote is accepted and becomes an order.

    The options the client took become ordinary lines of the order; the others are left out
    of it and stay on the quote, marked as not taken.
    """
    accepted = set(accepted_options)
    promote = promotion.wanted(ctx)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, quote_id)
        if head.kind != DocumentKind.QUOTE:
            raise _wrong_kind(head, DocumentKind.QUOTE)
        check_transition(head.kind, head.status, Status.ACCEPTED)
        options = set(conn.execute(select(OC.id).where(OC.document_id == quote_id)).scalars())
        for option_id in accepted - options:
            raise NotFoundError("option.not_found", id=option_id)
        for option_id in options:
            conn.execute(update(OPT).where(OC.id == option_id)
                         .values(accepted=option_id in accepted))
        conn.execute(update(D).where(DC.id == quote_id).values(
            status=Status.ACCEPTED.value, version=DC.version + 1, updated_at=ctx.clock.now()))
        source = _source_row(conn, quote_id)
        order_id = _new_from(conn, ctx, source, DocumentKind.ORDER, status=Status.CONFIRMED)
        kept = [line for line in store.load_lines(conn, quote_id)
                if line.option_id is None or line.option_id in accepted]
        _copy_lines(conn, order_id, kept)
        store.refresh_totals(conn, order_id, ctx.clock.now(), by=ctx.user_id)
        if promote:
            promotion.promote(conn, head.client_id, now=ctx.clock.now())
    return order_id, _changes(quote_id, order_id, client_id=head.client_id)


def _order_head(conn: Connection, order_id: int) -> store.Head:
    """The order to invoice: not cancelled, and without its final invoice yet (deposits are
    only asked before it; the final invoice deducts the issued ones)."""
    head = store.load_head(conn, order_id)
    if head.kind != DocumentKind.ORDER:
        raise _wrong_kind(head, DocumentKind.ORDER)
    if head.status == Status.CANCELLED:
        raise StateError("document.wrong_status", name=head.name,
                         status=store.status_label(head.status, head.kind))
    invoiced = conn.execute(select(DC.kind, DC.number).where(
        DC.source_id == order_id, DC.kind == DocumentKind.INVOICE.value)
        .order_by(DC.id).limit(1)).first()
    if invoiced is not None:  # one final invoice per order: a second would bill it twice
        raise StateError("order.already_invoiced", name=store.describe(*invoiced))
    return head


def invoice_order(ctx: Context, order_id: int) -> tuple[int, Changes]:
    """The (final) invoice of an order: every line; issued deposits are deducted from it."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = _order_head(conn, order_id)
        source = _source_row(conn, order_id)
        invoice_id = _new_from(conn, ctx, source, DocumentKind.INVOICE)
        _copy_lines(conn, invoice_id, store.load_lines(conn, order_id))
        store.refresh_totals(conn, invoice_id, ctx.clock.now(), by=ctx.user_id)
    return invoice_id, _changes(order_id, invoice_id, client_id=head.client_id)


def _percent(raw) -> Decimal:
    try:
        value = parse_decimal(raw)
    except (ValueError, TypeError):
        value = None
    if value is None or not value.is_finite() or not ZERO < value <= HUNDRED \
            or -value.normalize().as_tuple().exponent > DISCOUNT_PLACES:
        raise ValidationError([Problem("percent", "deposit.percent_invalid")])
    return value


def deposit_invoice(ctx: Context, order_id: int, *, percent: str | Decimal | int
                    ) -> tuple[int, Changes]:
    """A deposit invoice for `percent` % of an order: one line per VAT rate of the order."""
    percent = _percent(percent)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = _order_head(conn, order_id)
        order_row = _source_row(conn, order_id)
        order = compute(store.priced(store.load_lines(conn, order_id),
                                     reverse_charge=order_row["reverse_charge"]))
        amounts = deposit_amounts(order.vat_rows, percent)
        if not amounts or order.gross <= 0:
            raise ValidationError([Problem("percent", "deposit.nothing")])
        new_gross = compute(
            [PricedLine(Decimal(1), amount, rate) for rate, amount in amounts]).gross
        asked = sum(conn.execute(select(DC.gross).where(
            DC.source_id == order_id,
            DC.kind == DocumentKind.DEPOSIT_INVOICE.value)).scalars(), ZERO)
        if asked + new_gross > order.gross:
            raise ValidationError([Problem("percent", "deposit.too_much", {
                "total": fmt.money(asked + new_gross), "gross": fmt.money(order.gross)})])
        source = _source_row(conn, order_id)
        deposit_id = _new_from(conn, ctx, source, DocumentKind.DEPOSIT_INVOICE)
        label = message("document.deposit_line", percent=french(percent), number=head.number)
        rows = []
        for position, (rate, amount) in enumerate(amounts, start=1):
            text = label if len(amounts) == 1 else message("document.deposit_line_part",
                                                           label=label, rate=french(rate))
            rows.append({"document_id": deposit_id, "position": position, "kind": "article",
                         "label": text, "quantity": Decimal(1), "unit_price": amount,
                         "discount": ZERO, "vat_rate": rate, "net": amount})
        conn.execute(L.insert(), rows)
        store.refresh_totals(conn, deposit_id, ctx.clock.now(), by=ctx.user_id)
    return deposit_id, _changes(order_id, deposit_id, client_id=head.client_id)


def credit_note(ctx: Context, invoice_id: int, *, line_ids: Sequence[int] | None = None
                ) -> tuple[int, Changes]:
    """A credit note for an issued invoice: all its lines, or the chosen ones (partial).

    The draft can then be edited (e.g. a smaller quantity); at issue, the credit notes of an
    invoice may never add up to more than the invoice.
    """
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, invoice_id)
        if head.kind not in (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE):
            raise _wrong_kind(head, DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)
        if head.status not in FROZEN:
            raise StateError("credit.not_issued")
        lines = store.load_lines(conn, invoice_id)
        if line_ids is not None:
            known = {line.id for line in lines}
            for line_id in line_ids:
                if line_id not in known:
                    raise NotFoundError("line.not_found", id=line_id)
            chosen = set(line_ids)
            lines = [line for line in lines if line.id in chosen]
            if not lines:
                raise ValidationError([Problem(None, "line.none_selected")])
        source = _source_row(conn, invoice_id)
        subject = message("document.credit_subject", number=head.number)
        note_id = _new_from(conn, ctx, source, DocumentKind.CREDIT_NOTE, subject=subject)
        _copy_lines(conn, note_id, lines)
        store.refresh_totals(conn, note_id, ctx.clock.now(), by=ctx.user_id)
    return note_id, _changes(invoice_id, note_id, client_id=head.client_id)


DUPLICABLE = (DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.INVOICE)


def duplicate_document(ctx: Context, document_id: int, *, client_id: int | None = None
                       ) -> tuple[int, Changes]:
    """A new draft with the same lines and options, dated today (e.g. reuse an old quote),
    for the same client or another one."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, document_id)
        if head.kind not in DUPLICABLE:
            raise StateError("document.duplicate_refused", kind=store.kind_label(head.kind))
        source = _source_row(conn, document_id)
        values: dict = {}
        if client_id is not None and client_id != head.client_id:
            source["client_id"] = client_id
            source["ouvrage_id"] = None
            source["origin_id"] = _client_origin(conn, client_id)
        if head.kind == DocumentKind.QUOTE:
            days = company_service.load(conn).quote_validity_days
            values["validity_date"] = ctx.clock.today() + timedelta(days=days)
        new_id = _new_from(conn, ctx, source, head.kind, link=False, **values)
        mapping = {}
        for option in conn.execute(select(OC.id, OC.title).where(OC.document_id == document_id)):
            mapping[option[0]] = conn.execute(OPT.insert().values(
                document_id=new_id, title=option[1])).inserted_primary_key[0]
        _copy_lines(conn, new_id, store.load_lines(conn, document_id), options=mapping)
        store.refresh_totals(conn, new_id, ctx.clock.now(), by=ctx.user_id)
    return new_id, _changes(new_id, client_id=source["client_id"])


def _client_origin(conn: Connection, client_id: int) -> int | None:
    from extradesk.models import Client

    c = Client.__table__.c
    row = conn.execute(select(c.id, c.origin_id).where(c.id == client_id)).first()
    if row is None:
        raise NotFoundError("client.not_found", id=client_id)
    return row[1]
