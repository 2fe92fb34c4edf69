"""Editable reference lists (civilities, statuses, origins, ouvrage types, suppliers, depots…)
and merging."""

from __future__ import annotations

import re

from sqlalchemy import Table, TableClause, func, select, update

from extradesk import models
from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError, NotFoundError, Problem, ValidationError
from extradesk.core.search_text import fold
from extradesk.core.validation import clean
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import LIST_TITLES  # noqa: F401 (the CLI and the UI read it here)
from extradesk.models import tables
from extradesk.services.context import Context
from extradesk.services.dto import ReferenceItem

# List name -> (table class in extradesk.models, table name). The class loads on first
# write; reading a list goes through a Core view of its table: the clients page reads the
# statuses at start-up, before SQLModel and the other tables (see models/tables.py).
LISTS = {
    "civility": ("Civility", "civilities"),
    "status": ("ClientStatus", "client_statuses"),
    "origin": ("ContactOrigin", "contact_origins"),
    "ouvrage_type": ("OuvrageType", "ouvrage_types"),
    "supplier": ("Supplier", "suppliers"),
    "journal": ("Journal", "journals"),
    "appointment_type": ("AppointmentType", "appointment_types"),
    "depot": ("Depot", "depots"),
}


def _known(list_name: str) -> tuple[str, str]:
    if list_name not in LISTS:
        raise NotFoundError("reference.unknown_list", list=list_name, choices=", ".join(LISTS))
    return LISTS[list_name]


def _table(list_name: str) -> Table:
    return getattr(models, _known(list_name)[0]).__table__


def _view(list_name: str) -> TableClause:
    return tables.reference_list(_known(list_name)[1])


def _referencing_columns(table: Table):
    """Every column of every table with a foreign key to `table` (merge follows them all).

    Every table module is imported first (models.load_all): a table nobody has used yet in
    this process still references the item, and a merge that skipped it would break it."""
    for other in models.load_all().sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                yield fk.parent


def list_items(ctx: Context, list_name: str, *, with_usage: bool = False) -> list[ReferenceItem]:
    table = _table(list_name) if with_usage else _view(list_name)
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(
            select(table.c.id, table.c.label, table.c.position, table.c.active)
            .order_by(table.c.position, table.c.label)
        ).all()
        usage: dict[int, int] = {}
        if with_usage:
            for column in _referencing_columns(table):
                for ref_id, count in conn.execute(
                    select(column, func.count()).where(column.is_not(None)).group_by(column)
                ):
                    usage[ref_id] = usage.get(ref_id, 0) + count
    return [ReferenceItem(r.id, r.label, r.position, r.active, usage.get(r.id, 0)) for r in rows]


def _check_label(conn, table: Table, label: str | None, exclude_id: int | None) -> str:
    label = clean(label)
    if not label:
        raise ValidationError([Problem("label", "reference.label_required")])
    if len(label) > 100:
        raise ValidationError([Problem("label", "field.too_long",
                                       {"limit": 100, "length": len(label)})])
    for row_id, existing in conn.execute(select(table.c.id, table.c.label)):
        if row_id != exclude_id and fold(existing) == fold(label):
            raise ConflictError("reference.label_taken", value=label)
    return label


def add_item(ctx: Context, list_name: str, *, label: str | None) -> tuple[ReferenceItem, Changes]:
    table = _table(list_name)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        label = _check_label(conn, table, label, None)
        position = conn.execute(select(func.coalesce(func.max(table.c.position), 0))).scalar() + 1
        new_id = conn.execute(
            table.insert().values(label=label, position=position, active=True)
        ).inserted_primary_key[0]
    return ReferenceItem(new_id, label, position, True), Changes(references=frozenset({list_name}))


def rename_item(ctx: Context, list_name: str, *, item_id: int, label: str | None) -> Changes:
    table = _table(list_name)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        label = _check_label(conn, table, label, item_id)
        done = conn.execute(update(table).where(table.c.id == item_id).values(label=label))
        if done.rowcount == 0:
            raise NotFoundError("reference.not_found", id=item_id, list=list_name)
    return Changes(references=frozenset({list_name}))


def set_active(ctx: Context, list_name: str, *, item_id: int, active: bool) -> Changes:
    table = _table(list_name)
    with unit_of_work(ctx.db, write=True) as session:
        done = session.connection().execute(
            update(table).where(table.c.id == item_id).values(active=active)
        )
        if done.rowcount == 0:
            raise NotFoundError("reference.not_found", id=item_id, list=list_name)
    return Changes(references=frozenset({list_name}))


def merge_items(ctx: Context, list_name: str, *, keep_id: int, duplicate_ids: list[int]) -> Changes:
    """Point every record at `keep_id` instead of each duplicate, then delete the duplicates.

    One transaction: either every reference moves and the duplicates vanish, or nothing changes.
    """
    table = _table(list_name)
    duplicates = list(dict.fromkeys(duplicate_ids))
    if not duplicates:
        raise ValidationError([Problem(None, "merge.nothing")])
    if keep_id in duplicates:
        raise ValidationError([Problem(None, "merge.into_itself", {"id": keep_id})])
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        existing = set(conn.execute(
            select(table.c.id).where(table.c.id.in_([keep_id, *duplicates]))
        ).scalars())
        for wanted in (keep_id, *duplicates):
            if wanted not in existing:
                raise NotFoundError("reference.not_found", id=wanted, list=list_name)
        for column in _referencing_columns(table):
            conn.execute(
                update(column.table).where(column.in_(duplicates)).values({column.name: keep_id})
            )
        conn.execute(table.delete().where(table.c.id.in_(duplicates)))
    return Changes(references=frozenset({list_name}), everything=True)


def item_colors(ctx: Context, list_name: str) -> dict[int, str]:
    """id -> #RRGGBB for the lists whose items carry a colour (appointment types)."""
    table = _table(list_name)
    if "color" not in table.c:
        return {}
    with ctx.db.engine.connect() as conn:
        return dict(conn.execute(select(table.c.id, table.c.color)).all())


def set_color(ctx: Context, list_name: str, *, item_id: int, color: str) -> Changes:
    table = _table(list_name)
    color = (color or "").strip()
    if "color" not in table.c or not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        raise ValidationError([Problem("color", "color.invalid", {"value": color})])
    with unit_of_work(ctx.db, write=True) as session:
        done = session.connection().execute(
            update(table).where(table.c.id == item_id).values(color=color))
        if done.rowcount == 0:
            raise NotFoundError("reference.not_found", id=item_id, list=list_name)
    return Changes(references=frozenset({list_name}))
