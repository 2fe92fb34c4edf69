"""Mail templates per kind (devis, facture, alerte…): the French defaults, the user's edits,
and filling their fields; an unknown field is a French validation error, never a KeyError."""

from __future__ import annotations

import string

from sqlalchemy import delete, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages_mail import DEFAULT_TEMPLATES, TEMPLATE_FIELDS
from extradesk.models import MailTemplate
from extradesk.services.context import Context

_T = MailTemplate.__table__
KINDS = tuple(DEFAULT_TEMPLATES)
_FORMATTER = string.Formatter()


def check(field: str, text: str) -> list[Problem]:
    """Every problem of one template text: unknown fields, a lone brace."""
    problems = []
    try:
        parsed = list(_FORMATTER.parse(text or ""))
    except ValueError as exc:
        return [Problem(field, "mail.template_broken", {"detail": str(exc)})]
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS or spec or conversion:
            problems.append(Problem(field, "mail.template_unknown_field", {
                "name": name + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else ""),
                "choices": ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)}))
    return problems


def fill(text: str, values: dict[str, str], *, field: str = "body") -> str:
    """The text with its fields replaced; fields without a value become empty."""
    raise_if(check(field, text))
    return text.format_map({f: values.get(f) or "" for f in TEMPLATE_FIELDS})


def _kind(kind: str) -> str:
    if kind not in DEFAULT_TEMPLATES:
        raise NotFoundError("mail.template_kind_unknown", kind=kind)
    return kind


def get_template(ctx: Context, kind: str) -> tuple[str, str]:
    """(subject, body) of a kind: the user's version, else the default."""
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(_T.c.subject, _T.c.body).where(_T.c.kind == _kind(kind))
                           ).first()
    return (row.subject, row.body) if row else DEFAULT_TEMPLATES[kind]


def save_template(ctx: Context, kind: str, *, subject: str, body: str) -> Changes:
    """Keep the user's text, refused with every problem when it names an unknown field."""
    _kind(kind)
    raise_if(check("subject", subject) + check("body", body))
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        conn.execute(delete(_T).where(_T.c.kind == kind))
        conn.execute(_T.insert().values(kind=kind, subject=subject.strip(), body=body,
                                        updated_at=ctx.clock.now()))
    return Changes(preferences=True)


def reset_template(ctx: Context, kind: str) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(delete(_T).where(_T.c.kind == _kind(kind)))
    return Changes(preferences=True)


def render(ctx: Context, kind: str, *, values: dict[str, str]) -> tuple[str, str]:
    subject, body = get_template(ctx, kind)
    return subject_of(subject, values), fill(body, values)


def subject_of(text: str, values: dict[str, str]) -> str:
    """One line: the signature's first line only (the sender's name, not his phone)."""
    first = {**values, "signature": (values.get("signature") or "").split("\n")[0]}
    return " ".join(fill(text, first, field="subject").split())
