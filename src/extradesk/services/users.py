"""The people of the business; which of them is at this PC is remembered per PC, not in the db."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import func, select

from extradesk import models, paths
from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError, NotFoundError, Problem, raise_if
from extradesk.core.validation import MAX_SHORT, check_email, check_length, clean
from extradesk.db.session import unit_of_work
from extradesk.models import tables
from extradesk.services.clients import phones
from extradesk.services.context import Context
from extradesk.services.dto import User, UserInput

_U = tables.users.c  # reads; writes use the SQLModel table (models/tables.py says why)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_USER = UserInput(name="Utilisateur principal", initials="UP", color="#3465a4")


def _to_dto(r) -> User:
    return User(id=r.id, name=r.name, initials=r.initials, email=r.email, mobile=r.mobile,
                color=r.color, active=r.active)


def list_users(ctx: Context, *, include_inactive: bool = False) -> list[User]:
    query = select(tables.users).order_by(_U.name)
    if not include_inactive:
        query = query.where(_U.active.is_(True))
    with ctx.db.engine.connect() as conn:
        return [_to_dto(r) for r in conn.execute(query)]


def get_user(ctx: Context, user_id: int) -> User:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(tables.users).where(_U.id == user_id)).first()
    if row is None:
        raise NotFoundError("user.not_found", id=user_id)
    return _to_dto(row)


def _validate(data: UserInput) -> dict:
    values = {
        "name": clean(data.name), "initials": (clean(data.initials) or "").upper() or None,
        "email": (clean(data.email) or "").lower() or None, "color": (data.color or "").strip(),
        "active": data.active,
    }
    problems: list[Problem] = []
    if not values["name"]:
        problems.append(Problem("name", "user.name_required"))
    problems += check_length("name", values["name"], MAX_SHORT)
    if not values["initials"]:
        values["initials"] = "".join(w[0] for w in (values["name"] or "?").split()[:3]).upper()
    problems += check_length("initials", values["initials"], 10)
    problems += check_email("email", values["email"])
    values["mobile"], found = phones.normalise("mobile", data.mobile)
    problems += found
    if not _COLOR.match(values["color"]):
        problems.append(Problem("color", "color.invalid", {"value": values["color"]}))
    raise_if(problems)
    return values


def _check_initials_free(conn, initials: str, exclude_id: int | None) -> None:
    taken = conn.execute(select(_U.id).where(func.upper(_U.initials) == initials)).scalars()
    if any(i != exclude_id for i in taken):
        raise ConflictError("user.initials_taken", value=initials)


def create_user(ctx: Context, data: UserInput) -> tuple[int, Changes]:
    values = _validate(data)
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _check_initials_free(conn, values["initials"], None)
        new_id = conn.execute(
            models.User.__table__.insert().values(**values, created_at=ctx.clock.now())
        ).inserted_primary_key[0]
    return new_id, Changes(users=frozenset({new_id}))


def update_user(ctx: Context, user_id: int, *, data: UserInput) -> Changes:
    values = _validate(data)
    table = models.User.__table__
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        _check_initials_free(conn, values["initials"], user_id)
        done = conn.execute(table.update().where(table.c.id == user_id).values(**values))
        if done.rowcount == 0:
            raise NotFoundError("user.not_found", id=user_id)
    return Changes(users=frozenset({user_id}))


def ensure_a_user(ctx: Context) -> int:
    """A new database has nobody in it: create the first user so the app has someone to be."""
    with ctx.db.engine.connect() as conn:
        first = conn.execute(
            select(_U.id).where(_U.active.is_(True)).order_by(_U.id).limit(1)).scalar()
    if first is not None:
        return first
    return create_user(ctx, DEFAULT_USER)[0]


def _read_state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def last_user_id(ctx: Context, *, state: Path | None = None) -> int:
    """The user who last used this PC, if still active; otherwise the first active user."""
    state = state or paths.state_file()
    wanted = _read_state(state).get("last_user", {}).get(ctx.db.url)
    active = {u.id for u in list_users(ctx)}
    if isinstance(wanted, int) and wanted in active:
        return wanted
    return ensure_a_user(ctx)


def switch_user(ctx: Context, user_id: int, *, state: Path | None = None) -> Changes:
    user = get_user(ctx, user_id)
    if not user.active:
        raise NotFoundError("user.not_found", id=user_id)
    state = state or paths.state_file()
    data = _read_state(state)
    data.setdefault("last_user", {})[ctx.db.url] = user_id
    state.parent.mkdir(parents=True, exist_ok=True)
    tmp = state.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(state)
    ctx.user_id = user_id
    return Changes(users=frozenset({user_id}), preferences=True)
