"""Supplier records: name and contact fields. Listing, renaming, merging duplicates (articles
and everything else with a foreign key to suppliers follow) are references.py's."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, raise_if
from extradesk.core.validation import (
    MAX_SHORT,
    check_email,
    check_length,
    check_required,
    clean,
)
from extradesk.db.session import unit_of_work
from extradesk.models import Supplier
from extradesk.services import references
from extradesk.services.articles.dto import SupplierInput
from extradesk.services.clients import phones
from extradesk.services.context import Context

_S = Supplier.__table__.c


def get_supplier(ctx: Context, supplier_id: int) -> SupplierInput:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(_S.label, _S.contact, _S.email, _S.phone, _S.customer_number)
                           .where(_S.id == supplier_id)).first()
    if row is None:
        raise NotFoundError("supplier.not_found", id=supplier_id)
    return SupplierInput(*row)


def _cleaned(data: SupplierInput) -> SupplierInput:
    """Every problem at once (the name's uniqueness is checked when it is written); the
    phone is kept in E.164 like the clients' (shown back the French way)."""
    data = SupplierInput(*(clean(getattr(data, f)) for f in
                           ("label", "contact", "email", "phone", "customer_number")))
    problems = check_required("label", data.label, "reference.label_required")
    problems += check_email("email", data.email)
    phone, found = phones.normalise("phone", data.phone)
    problems += found
    problems += check_length("contact", data.contact, MAX_SHORT)
    problems += check_length("customer_number", data.customer_number, 60)
    raise_if(problems)
    return replace(data, email=data.email.lower() if data.email else None, phone=phone)


def save_supplier(ctx: Context, supplier_id: int | None, *, data: SupplierInput
                  ) -> tuple[int, Changes]:
    """Create (supplier_id None) or update a supplier; the name is checked as a list item."""
    data = _cleaned(data)
    if supplier_id is None:
        item, changes = references.add_item(ctx, "supplier", label=data.label)
        supplier_id = item.id
    else:
        changes = references.rename_item(ctx, "supplier", item_id=supplier_id, label=data.label)
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(update(Supplier.__table__).where(_S.id == supplier_id)
                                     .values(contact=data.contact, email=data.email,
                                             phone=data.phone,
                                             customer_number=data.customer_number))
    return supplier_id, changes
