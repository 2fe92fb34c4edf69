"""Agenda rights: each user decides who may see and who may modify his agenda.

An owner with no row shares with everyone (a small office plans for each other by default);
once he sets rights, only the listed users may see, and those marked may modify. The acting
user `ctx.user_id` None is the system itself (CLI batch, sync of the owner's own calendar).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, StateError
from extradesk.db.session import unit_of_work
from extradesk.models import AgendaRight, User
from extradesk.services.context import Context

_R = AgendaRight.__table__
_U = User.__table__


@dataclass(frozen=True)
class AgendaRights:
    owner_id: int
    shared_with_all: bool  # no explicit list: everyone sees and modifies
    grants: dict[int, bool]  # grantee -> may modify (seeing is implied)


def rights_of(conn: Connection, actor: int | None, owners) -> dict[int, tuple[bool, bool]]:
    """owner -> (may see, may modify) for `actor`, in one query."""
    owners = set(owners)
    if actor is None:
        return {o: (True, True) for o in owners}
    rows = conn.execute(select(_R.c.owner_id, _R.c.grantee_id, _R.c.can_modify)
                        .where(_R.c.owner_id.in_(owners))).all()
    restricted = {r.owner_id for r in rows}
    granted = {r.owner_id: r.can_modify for r in rows if r.grantee_id == actor}
    result = {}
    for owner in owners:
        if owner == actor or owner not in restricted:
            result[owner] = (True, True)
        else:
            result[owner] = (owner in granted, granted.get(owner, False))
    return result


def get_rights(ctx: Context, owner_id: int) -> AgendaRights:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_R.c.grantee_id, _R.c.can_modify)
                            .where(_R.c.owner_id == owner_id)).all()
    grants = {r.grantee_id: r.can_modify for r in rows if r.grantee_id != owner_id}
    return AgendaRights(owner_id, shared_with_all=not rows, grants=grants)


def set_rights(ctx: Context, owner_id: int, *, grants: dict[int, bool] | None) -> Changes:
    """`grants` None: share with everyone; otherwise exactly these users (True: may modify)."""
    if ctx.user_id is not None and ctx.user_id != owner_id:
        raise StateError("agenda.rights_owner_only")
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        wanted = {owner_id, *(grants or {})}
        known = set(conn.execute(select(_U.c.id).where(_U.c.id.in_(wanted))).scalars())
        for user_id in wanted - known:
            raise NotFoundError("user.not_found", id=user_id)
        conn.execute(_R.delete().where(_R.c.owner_id == owner_id))
        if grants is not None:
            # The owner's own row marks the agenda as restricted, even with nobody else listed.
            rows = [{"owner_id": owner_id, "grantee_id": owner_id, "can_modify": True}]
            rows += [{"owner_id": owner_id, "grantee_id": g, "can_modify": bool(m)}
                     for g, m in grants.items() if g != owner_id]
            conn.execute(_R.insert(), rows)
    return Changes(users=frozenset({owner_id}), preferences=True)


def visible_users(ctx: Context) -> list[tuple[int, str, str, bool]]:
    """(id, name, colour, may modify) of the active users whose agenda the actor may see."""
    with ctx.db.engine.connect() as conn:
        people = conn.execute(select(_U.c.id, _U.c.name, _U.c.color)
                              .where(_U.c.active.is_(True)).order_by(_U.c.name)).all()
        rights = rights_of(conn, ctx.user_id, [p.id for p in people])
    return [(p.id, p.name, p.color, rights[p.id][1]) for p in people if rights[p.id][0]]
