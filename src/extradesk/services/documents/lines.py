"""Lines and option groups of a draft: add, edit, delete, move, "Créer une option", rename.

Every change re-checks that the document is still editable and refreshes its totals in the
same transaction, so a list or a total on screen never disagrees with the lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select, update

from extradesk.core.changes import Changes
from extradesk.core.documents import KEEP, MAX_LINES, LineKind, Slot, move, normalise_order
from extradesk.core.errors import NotFoundError, Problem, StateError, ValidationError, raise_if
from extradesk.core.validation import clean
from extradesk.core.workflow import DocumentKind
from extradesk.db.session import unit_of_work
from extradesk.services.articles import snapshot as article_snapshot
from extradesk.services.context import Context
from extradesk.services.documents import store
from extradesk.services.documents.dto import LineInput

L, LC, OPT, OC = store.L, store.LC, store.OPT, store.OC
MAX_TITLE = 300


def _document_of_lines(conn: Connection, line_ids: Sequence[int]) -> int:
    """The one document all `line_ids` belong to; NotFound when one is missing or elsewhere."""
    if not line_ids:
        raise ValidationError([Problem(None, "line.none_selected")])
    rows = dict(conn.execute(select(LC.id, LC.document_id).where(LC.id.in_(list(line_ids)))
                             ).all())
    documents = set(rows.values())
    for line_id in line_ids:
        if line_id not in rows or len(documents) > 1:
            raise NotFoundError("line.not_found", id=line_id)
    return documents.pop()


def _option_document(conn: Connection, option_id: int) -> int:
    document_id = conn.execute(select(OC.document_id).where(OC.id == option_id)).scalar()
    if document_id is None:
        raise NotFoundError("option.not_found", id=option_id)
    return document_id


def _done(conn: Connection, ctx: Context, document_id: int) -> Changes:
    store.refresh_totals(conn, document_id, ctx.clock.now(), by=ctx.user_id)
    return Changes(documents=frozenset({document_id}))


def add_line(ctx: Context, document_id: int, *, data: LineInput,
             before_line_id: int | None = None, option_id: int | None = None
             ) -> tuple[int, Changes]:
    """Add a line at the end (or before `before_line_id`), into `option_id` if given.

    A code starting with `txt_` makes a text line. Until the article base exists (issue 4)
    every other code makes a free line with what was typed.
    """
    values = store.parse_line(data)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        head = store.editable_head(conn, document_id)
        count = conn.execute(select(func.count()).select_from(L)
                             .where(LC.document_id == document_id)).scalar_one()
        if count >= MAX_LINES:
            raise ValidationError([Problem(None, "line.too_many", {"max": MAX_LINES})])
        if option_id is not None:
            _check_option_here(conn, head, option_id)
        new_id = conn.execute(L.insert().values(
            document_id=document_id, position=count + 1, option_id=option_id,
            **store.line_columns(values), **_article(conn, values))).inserted_primary_key[0]
        if before_line_id is not None or option_id is not None:
            slots = store.read_slots(conn, document_id)
            if before_line_id is not None and before_line_id not in {s.line_id for s in slots}:
                raise NotFoundError("line.not_found", id=before_line_id)
            store.write_slots(conn, document_id,
                              move(slots, [new_id], before=before_line_id, option_id=KEEP))
        return new_id, _done(conn, ctx, document_id)


def _article(conn: Connection, values) -> dict:
    """The article a priced line's code names, with its family and account as they are now
    (text lines and unknown codes: none)."""
    if values.kind == LineKind.TEXT:
        return dict(article_snapshot.NONE)
    return article_snapshot.snapshot(conn, values.code)


def _check_option_here(conn: Connection, head: store.Head, option_id: int) -> None:
    if head.kind != DocumentKind.QUOTE:
        raise StateError("option.quote_only")
    if _option_document(conn, option_id) != head.id:
        raise NotFoundError("option.not_found", id=option_id)


def update_line(ctx: Context, line_id: int, *, data: LineInput) -> Changes:
    """Replace what a line says (the UI sends the whole line after an inline edit)."""
    values = store.parse_line(data)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        document_id = _document_of_lines(conn, [line_id])
        store.editable_head(conn, document_id)
        conn.execute(update(L).where(LC.id == line_id).values(**store.line_columns(values),
                                                              **_article(conn, values)))
        return _done(conn, ctx, document_id)


def delete_lines(ctx: Context, line_ids: Sequence[int]) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        document_id = _document_of_lines(conn, line_ids)
        store.editable_head(conn, document_id)
        conn.execute(L.delete().where(LC.id.in_(list(line_ids))))
        store.write_slots(conn, document_id, store.read_slots(conn, document_id))
        return _done(conn, ctx, document_id)


def move_lines(ctx: Context, line_ids: Sequence[int], *, before_line_id: int | None,
               option_id: int | None | object = KEEP) -> Changes:
    """Drag and drop: the lines go before `before_line_id` (None: to the end).

    option_id: an option to put them in, None to take them out of any option, KEEP (the
    default) to leave each where it is. Option groups always stay in one piece.
    """
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        document_id = _document_of_lines(conn, line_ids)
        head = store.editable_head(conn, document_id)
        if option_id is not KEEP and option_id is not None:
            _check_option_here(conn, head, option_id)  # type: ignore[arg-type]
        slots = store.read_slots(conn, document_id)
        if before_line_id is not None and before_line_id not in {s.line_id for s in slots}:
            raise NotFoundError("line.not_found", id=before_line_id)
        store.write_slots(conn, document_id, move(slots, line_ids, before=before_line_id,
                                                  option_id=option_id))
        return _done(conn, ctx, document_id)


def _clean_title(title: str | None) -> str:
    title = clean(title) or ""
    if len(title) > MAX_TITLE:
        raise_if([Problem("option_title", "option.title_too_long",
                          {"length": len(title), "limit": MAX_TITLE})])
    return title


def create_option(ctx: Context, line_ids: Sequence[int], *, title: str | None = None
                  ) -> tuple[int, Changes]:
    """"Créer une option": the selected lines become one option group, where the first is.

    Without a title the option takes the label of its first line ("Option 1 : …").
    """
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        document_id = _document_of_lines(conn, line_ids)
        head = store.editable_head(conn, document_id)
        if head.kind != DocumentKind.QUOTE:
            raise StateError("option.quote_only")
        slots = store.read_slots(conn, document_id)
        wanted = set(line_ids)
        if title is None:
            first = next(s.line_id for s in slots if s.line_id in wanted)
            title = conn.execute(select(LC.label).where(LC.id == first)).scalar()
        new_id = conn.execute(OPT.insert().values(document_id=document_id,
                                                title=_clean_title(title))
                              ).inserted_primary_key[0]
        slots = [Slot(s.line_id, new_id) if s.line_id in wanted else s for s in slots]
        store.write_slots(conn, document_id, normalise_order(slots))
        return new_id, _done(conn, ctx, document_id)


def rename_option(ctx: Context, option_id: int, *, title: str | None) -> Changes:
    title = _clean_title(title)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        document_id = _option_document(conn, option_id)
        store.editable_head(conn, document_id)
        conn.execute(update(OPT).where(OC.id == option_id).values(title=title))
        store.touch(conn, document_id, ctx.clock.now(), by=ctx.user_id)
    return Changes(documents=frozenset({document_id}))


def dissolve_option(ctx: Context, option_id: int) -> Changes:
    """Remove the option group; its lines stay where they are, as ordinary lines."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        document_id = _option_document(conn, option_id)
        store.editable_head(conn, document_id)
        slots = [Slot(s.line_id, None) if s.option_id == option_id else s
                 for s in store.read_slots(conn, document_id)]
        store.write_slots(conn, document_id, slots)
        return _done(conn, ctx, document_id)
