"""Factures de situation: an order invoiced step by step as the works progress.

Each situation says, per order line, the cumulative progress (a percentage, the same for all
lines or one per line). Its line amounts are what the cumulative progress is worth less what
the previous situations billed: round(net × cumulative %) − round(net × previous %), so the
steps always add up to the order line to the cent. Issued deposits are deducted in
proportion to the cumulative amount billed, the same way (cumulative share − previous). The
situation that brings every line to 100 % closes the order.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, StateError, ValidationError
from extradesk.core.money import ZERO, parse_decimal
from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text as message
from extradesk.services.articles.snapshot import NONE as NO_ARTICLE
from extradesk.services.context import Context
from extradesk.services.documents import conversions, store
from extradesk.services.documents import printing as document_print
from extradesk.services.documents.progress import HUNDRED, Progress, load, worth

D, DC, L, LC = store.D, store.DC, store.L, store.LC


def _situations(conn: Connection, order_id: int) -> list[tuple[int, str, str | None, str]]:
    return list(conn.execute(select(DC.id, DC.status, DC.progress, DC.kind).where(
        DC.source_id == order_id, DC.kind == DocumentKind.INVOICE.value).order_by(DC.id)))


def _percent(raw, field: str) -> Decimal:
    try:
        value = parse_decimal(raw)
    except ValueError:
        value = None
    if value is None or not ZERO <= value <= HUNDRED:
        raise ValidationError([Problem(field, "situation.percent_invalid", {"value": raw})])
    return value


def progress_invoice(ctx: Context, order_id: int, *, percent=None,
                     line_percents: dict[int, object] | None = None) -> tuple[int, Changes]:
    """A draft facture de situation for an order: `percent` cumulative for every line, or
    `line_percents` {order line id: cumulative %} (lines not named keep their progress)."""
    overall = None if percent is None else _percent(percent, "percent")
    asked = {k: _percent(v, "percent") for k, v in (line_percents or {}).items()}
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.load_head(conn, order_id)
        if head.kind != DocumentKind.ORDER:
            raise StateError("document.wrong_kind", kind=store.kind_label(head.kind),
                             expected=store.kind_label(DocumentKind.ORDER))
        if head.status not in (Status.CONFIRMED, Status.DELIVERED):  # an accepted order
            raise StateError("document.wrong_status", name=head.name,
                             status=store.status_label(head.status, head.kind))
        earlier = _situations(conn, order_id)
        if any(p is None for _i, _s, p, _k in earlier):  # a plain final invoice exists
            raise StateError("order.already_invoiced", name=head.name)
        if any(Status(s) not in FROZEN for _i, s, _p, _k in earlier):
            raise StateError("situation.draft_pending", name=head.name)
        last = load(earlier[-1][2]) if earlier else None
        lines = [line for line in store.load_lines(conn, order_id) if line.option_id is None]
        priced = [line for line in lines if not line.is_text]
        unknown = set(asked) - {line.id for line in priced}
        if unknown:
            raise ValidationError([Problem(None, "line.not_found", {"id": min(unknown)})])
        previous = {line.id: (last.cumulative.get(line.id, ZERO) if last else ZERO)
                    for line in priced}
        cumulative = {line.id: asked.get(line.id, overall if overall is not None
                                         else previous[line.id]) for line in priced}
        back = [line for line in priced if cumulative[line.id] < previous[line.id]]
        if back:
            line = back[0]
            raise ValidationError([Problem("percent", "situation.backwards", {
                "label": line.label, "previous": fmt.decimal(previous[line.id], 0),
                "value": fmt.decimal(cumulative[line.id], 0)})])
        if cumulative == previous:
            raise ValidationError([Problem("percent", "situation.no_progress")])
        progress = Progress(
            step=(last.step + 1) if last else 1, cumulative=cumulative, previous=previous,
            order_net=sum((line.net for line in priced), ZERO),
            cumulative_net=sum((worth(line.net, cumulative[line.id]) for line in priced),
                               ZERO),
            previous_net=sum((worth(line.net, previous[line.id]) for line in priced), ZERO))
        source = conversions._source_row(conn, order_id)
        # Its lines are amounts without units: the category is the order's (chosen or proposed).
        category = source["operation_category"] or document_print._proposed_category(conn, lines)
        invoice_id = conversions._new_from(
            conn, ctx, source, DocumentKind.INVOICE, progress=progress.to_json(),
            operation_category=category,
            subject=message("situation.subject", step=progress.step, number=head.number))
        # Each step's lines keep the order line's article, family and account (the exports'
        # CA par famille / par compte and the FEC).
        kept = {r[0]: {"article_id": r[1], "family_name": r[2], "account_code": r[3]}
                for r in conn.execute(select(LC.id, LC.article_id, LC.family_name,
                                             LC.account_code)
                                      .where(LC.id.in_([line.id for line in lines])))}
        rows = []
        for position, line in enumerate(lines, start=1):
            row = {**kept.get(line.id, NO_ARTICLE),
                   "document_id": invoice_id, "position": position, "kind": line.kind.value,
                   "code": line.code, "label": line.label, "description": line.description,
                   "quantity": None, "unit": None, "unit_price": None, "discount": ZERO,
                   "vat_rate": None, "net": None}
            if not line.is_text:
                step = worth(line.net, cumulative[line.id]) - worth(line.net, previous[line.id])
                row.update(quantity=Decimal(1), unit_price=step, vat_rate=line.vat_rate,
                           net=step, description=message(
                               "situation.line", cumulative=fmt.decimal(cumulative[line.id], 0),
                               previous=fmt.decimal(previous[line.id], 0),
                               net=fmt.money(line.net)))
            rows.append(row)
        conn.execute(L.insert(), rows)
        store.refresh_totals(conn, invoice_id, ctx.clock.now(), by=ctx.user_id)
    return invoice_id, Changes(documents=frozenset({order_id, invoice_id}),
                               clients=frozenset({head.client_id}))
