"""Per-user preferences, declared once with their type, default and allowed values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from extradesk import models
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.db.session import unit_of_work
from extradesk.models import tables
from extradesk.services.context import Context

_P = tables.user_preferences.c  # reads; writes use the SQLModel table (see models/tables.py)


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    choices: tuple | None = None  # allowed values, when the option is a choice


SEARCH_MODE = Option("search.mode", "contains", ("contains", "starts_with"))
SEARCH_MODE_LABELS = {"contains": "contient", "starts_with": "commence par"}

LINE_NUMBERS = Option("documents.line_numbers", False, (True, False))

# Agenda planning: keep the day/user header row in view while scrolling the hours; write the
# user names across or up the lanes (upright saves width with many users); colour blocks
# by user or by appointment type.
AGENDA_FROZEN_HEADER = Option("agenda.frozen_header", True, (True, False))
AGENDA_VERTICAL_NAMES = Option("agenda.vertical_names", False, (True, False))
AGENDA_COLOR_BY = Option("agenda.color_by", "user", ("user", "type"))

OPTIONS = {o.key: o for o in (SEARCH_MODE, LINE_NUMBERS, AGENDA_FROZEN_HEADER,
                              AGENDA_VERTICAL_NAMES, AGENDA_COLOR_BY)}


def _option(key: str) -> Option:
    if key not in OPTIONS:
        raise NotFoundError("preference.unknown", key=key)
    return OPTIONS[key]


def get(ctx: Context, key: str, *, user_id: int | None = None) -> Any:
    option = _option(key)
    user_id = user_id if user_id is not None else ctx.user_id
    if user_id is None:
        return option.default
    with ctx.db.engine.connect() as conn:
        raw = conn.execute(
            select(_P.value).where(_P.user_id == user_id, _P.key == key)).scalar()
    if raw is None:
        return option.default
    value = json.loads(raw)
    return value if option.choices is None or value in option.choices else option.default


def set_value(ctx: Context, key: str, *, value: Any, user_id: int | None = None) -> Changes:
    option = _option(key)
    if option.choices is not None and value not in option.choices:
        raise ValidationError([Problem(key, "preference.invalid", {"key": key, "value": value})])
    user_id = user_id if user_id is not None else ctx.user_id
    if user_id is None:
        raise NotFoundError("user.not_found", id=0)
    table = models.UserPreference.__table__
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        conn.execute(table.delete().where(table.c.user_id == user_id, table.c.key == key))
        conn.execute(table.insert().values(user_id=user_id, key=key, value=json.dumps(value)))
    return Changes(preferences=True)
