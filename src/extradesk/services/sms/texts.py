"""SMS templates (rappel, deplace, relance): the French defaults, the user's edits, filling
their fields; an unknown field is a French validation error, never a KeyError."""

from __future__ import annotations

import re
import string

from sqlalchemy import delete, select

from extradesk.core import sms_text
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.db.session import unit_of_work
from extradesk.i18n.sms import DEFAULT_TEMPLATES, TEMPLATE_FIELDS
from extradesk.models import SmsTemplate
from extradesk.services.context import Context

_T = SmsTemplate.__table__
_FORMATTER = string.Formatter()
analyse = sms_text.analyse
replace_costly = sms_text.replace_costly


def _kind(kind: str) -> str:
    if kind not in DEFAULT_TEMPLATES:
        raise NotFoundError("sms.template_unknown", kind=kind)
    return kind


def check(kind: str, text: str, *, field: str = "text") -> list[Problem]:
    """Every problem of a template text: unknown fields, a lone brace."""
    try:
        parsed = list(_FORMATTER.parse(text or ""))
    except ValueError as exc:
        return [Problem(field, "sms.template_broken", {"detail": str(exc)})]
    allowed = TEMPLATE_FIELDS[_kind(kind)]
    return [Problem(field, "sms.template_unknown_field", {
        "name": "{" + name + "}", "choices": ", ".join("{" + f + "}" for f in allowed)})
        for _literal, name, spec, conversion in parsed
        if name is not None and (name not in allowed or spec or conversion)]


def fill(kind: str, text: str, values: dict[str, str]) -> str:
    """The text with its fields replaced; a field without a value disappears, and so do the
    double spaces it leaves."""
    raise_if(check(kind, text))
    filled = text.format_map({f: values.get(f) or "" for f in TEMPLATE_FIELDS[kind]})
    return re.sub(r" {2,}", " ", filled.replace(" ()", "")).strip()


def get_template(ctx: Context, kind: str) -> str:
    with ctx.db.engine.connect() as conn:
        body = conn.execute(select(_T.c.body).where(_T.c.kind == _kind(kind))).scalar()
    return body if body is not None else DEFAULT_TEMPLATES[kind]


def templates_of(conn, kinds) -> dict[str, str]:
    saved = dict(conn.execute(select(_T.c.kind, _T.c.body).where(
        _T.c.kind.in_(list(kinds)))).all())
    return {k: saved.get(k, DEFAULT_TEMPLATES[k]) for k in kinds}


def save_template(ctx: Context, kind: str, *, body: str) -> Changes:
    """Keep the user's text (refused with every problem); an empty text restores the default."""
    _kind(kind)
    raise_if(check(kind, body))
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        conn.execute(delete(_T).where(_T.c.kind == kind))
        if body.strip() and body != DEFAULT_TEMPLATES[kind]:
            conn.execute(_T.insert().values(kind=kind, body=body, updated_at=ctx.clock.now()))
    return Changes(preferences=True)
