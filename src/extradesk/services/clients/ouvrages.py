"""A client's ouvrages: the installations or projects the business works on (pool, stove...)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.core.text import clean as strip_controls
from extradesk.core.validation import (
    MAX_LINE,
    MAX_NOTES,
    MAX_SHORT,
    check_length,
    check_postal_code,
    clean,
)
from extradesk.db.session import unit_of_work
from extradesk.models import Client, OuvrageType
from extradesk.models import Ouvrage as OuvrageRow
from extradesk.services.context import Context
from extradesk.services.dto import Ouvrage, OuvrageInput

_O = OuvrageRow.__table__.c
_T = OuvrageType.__table__.c


def _validate(data: OuvrageInput) -> OuvrageInput:
    def one_line(value: str | None) -> str | None:
        return clean(strip_controls(value))

    data = replace(
        data, name=one_line(data.name), line1=one_line(data.line1),
        line2=one_line(data.line2), postal_code=one_line(data.postal_code),
        city=one_line(data.city),
        notes=(strip_controls(data.notes, multiline=True) or "").strip() or None,
    )
    problems: list[Problem] = []
    if not data.name:
        problems.append(Problem("name", "ouvrage.name_required"))
    problems += check_length("name", data.name, MAX_SHORT)
    problems += check_length("line1", data.line1, MAX_LINE)
    problems += check_length("line2", data.line2, MAX_LINE)
    problems += check_length("city", data.city, MAX_SHORT)
    problems += check_postal_code("postal_code", data.postal_code, "FR")
    problems += check_length("notes", data.notes, MAX_NOTES)
    raise_if(problems)
    return data


def list_for_client(conn: Connection, client_id: int) -> list[Ouvrage]:
    query = (
        select(_O.id, _O.client_id, _O.name, _O.type_id, _T.label, _O.line1, _O.line2,
               _O.postal_code, _O.city, _O.install_date, _O.notes)
        .select_from(OuvrageRow.__table__.outerjoin(OuvrageType.__table__, _T.id == _O.type_id))
        .where(_O.client_id == client_id)
        .order_by(_O.id)
    )
    return [
        Ouvrage(id=r[0], client_id=r[1], name=r[2], type_id=r[3], type_label=r[4] or "",
                line1=r[5], line2=r[6], postal_code=r[7], city=r[8], install_date=r[9],
                notes=r[10])
        for r in conn.execute(query)
    ]


def add_ouvrage(ctx: Context, client_id: int, *, data: OuvrageInput) -> tuple[int, Changes]:
    data = _validate(data)
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if conn.execute(select(Client.__table__.c.id).where(
                Client.__table__.c.id == client_id)).first() is None:
            raise NotFoundError("client.not_found", id=client_id)
        new_id = conn.execute(
            OuvrageRow.__table__.insert().values(
                client_id=client_id, type_id=data.type_id, name=data.name, line1=data.line1,
                line2=data.line2, postal_code=data.postal_code, city=data.city,
                install_date=data.install_date, notes=data.notes, created_at=now,
                updated_at=now,
            )
        ).inserted_primary_key[0]
    return new_id, Changes(clients=frozenset({client_id}), ouvrages=frozenset({new_id}))


def update_ouvrage(ctx: Context, ouvrage_id: int, *, data: OuvrageInput) -> Changes:
    data = _validate(data)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        client_id = conn.execute(
            select(_O.client_id).where(_O.id == ouvrage_id)).scalar_one_or_none()
        if client_id is None:
            raise NotFoundError("ouvrage.not_found", id=ouvrage_id)
        conn.execute(
            OuvrageRow.__table__.update().where(_O.id == ouvrage_id).values(
                type_id=data.type_id, name=data.name, line1=data.line1, line2=data.line2,
                postal_code=data.postal_code, city=data.city, install_date=data.install_date,
                notes=data.notes, updated_at=ctx.clock.now(),
            )
        )
    return Changes(clients=frozenset({client_id}), ouvrages=frozenset({ouvrage_id}))


def rename_ouvrage(ctx: Context, ouvrage_id: int, *, name: str | None) -> Changes:
    """Rename only: the user renames an ouvrage at any time ("Piscine" -> "Piscine du haut")."""
    name = clean(strip_controls(name))
    problems = [] if name else [Problem("name", "ouvrage.name_required")]
    problems += check_length("name", name, MAX_SHORT)
    raise_if(problems)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        client_id = conn.execute(
            select(_O.client_id).where(_O.id == ouvrage_id)).scalar_one_or_none()
        if client_id is None:
            raise NotFoundError("ouvrage.not_found", id=ouvrage_id)
        conn.execute(OuvrageRow.__table__.update().where(_O.id == ouvrage_id)
                     .values(name=name, updated_at=ctx.clock.now()))
    return Changes(clients=frozenset({client_id}), ouvrages=frozenset({ouvrage_id}))


def delete_ouvrage(ctx: Context, ouvrage_id: int) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        client_id = conn.execute(
            select(_O.client_id).where(_O.id == ouvrage_id)).scalar_one_or_none()
        if client_id is None:
            raise NotFoundError("ouvrage.not_found", id=ouvrage_id)
        conn.execute(OuvrageRow.__table__.delete().where(_O.id == ouvrage_id))
    return Changes(clients=frozenset({client_id}), ouvrages=frozenset({ouvrage_id}))
