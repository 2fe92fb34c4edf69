"""The business's legal identity (company settings), printed on every document."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, raise_if
from extradesk.core.legal import CompanyIdentity, check_identity, digits_only
from extradesk.core.validation import MAX_LINE, MAX_SHORT, check_email, check_length, clean
from extradesk.db.session import unit_of_work
from extradesk.models import CompanySettings, Journal
from extradesk.services.context import Context

_S = CompanySettings.__table__
_J = Journal.__table__
ROW_ID = 1
MAX_LOGO = 1024 * 1024  # bytes
_TEXTS = ("payment_terms", "late_penalty", "housing_vat_text", "insurance_coverage")
_IDENTIFIERS = ("siret", "vat_number", "iban", "bic")
_FIELDS = tuple(f.name for f in fields(CompanyIdentity))


_LOAD = select(*(_S.c[name] for name in _FIELDS)).where(_S.c.id == ROW_ID)


def load(conn: Connection) -> CompanyIdentity:
    """The settings row, or the defaults when nobody has filled them in yet."""
    row = conn.execute(_LOAD).first()
    if row is None:
        return CompanyIdentity()
    return CompanyIdentity(**dict(zip(_FIELDS, row, strict=True)))


def get_company(ctx: Context) -> CompanyIdentity:
    with ctx.db.engine.connect() as conn:
        return load(conn)


def _clean(data: CompanyIdentity) -> CompanyIdentity:
    values = {}
    for f in fields(CompanyIdentity):
        value = getattr(data, f.name)
        if isinstance(value, str):
            value = (value.strip() or None) if f.name in _TEXTS else clean(value)
            if value and f.name in _IDENTIFIERS:
                value = digits_only(value)
        values[f.name] = value
    if values["email"]:
        values["email"] = values["email"].lower()
    return CompanyIdentity(**values)


def _check_logo(logo: bytes | None) -> list[Problem]:
    if logo is None:
        return []
    image = logo.startswith(b"\x89PNG\r\n\x1a\n") or logo.startswith(b"\xff\xd8\xff")
    if not image or len(logo) > MAX_LOGO:
        return [Problem("logo", "company.logo_invalid", {"max": MAX_LOGO // 1024})]
    return []


def validate(data: CompanyIdentity) -> tuple[CompanyIdentity, list[Problem]]:
    data = _clean(data)
    problems: list[Problem] = []
    for name in ("name", "legal_form", "city", "rcs_rm", "insurer", "insurance_policy",
                 "website", "logo_name"):
        problems += check_length(name, getattr(data, name), MAX_SHORT)
    for name in ("line1", "line2"):
        problems += check_length(name, getattr(data, name), MAX_LINE)
    for name in _TEXTS:
        problems += check_length(name, getattr(data, name), 2000)
    problems += check_email("email", data.email)
    problems += check_identity(data)
    problems += _check_logo(data.logo)
    if data.capital is not None and not isinstance(data.capital, Decimal):
        problems.append(Problem("capital", "number.invalid", {"value": str(data.capital)}))
    return data, problems


def save_company(ctx: Context, data: CompanyIdentity) -> Changes:
    """Replace the settings whole (the settings dialog edits a copy from get_company)."""
    data, problems = validate(data)
    raise_if(problems)
    values = {name: getattr(data, name) for name in _FIELDS}
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        done = conn.execute(_S.update().where(_S.c.id == ROW_ID)
                            .values(**values, updated_at=ctx.clock.now()))
        if done.rowcount == 0:
            conn.execute(_S.insert().values(id=ROW_ID, **values, updated_at=ctx.clock.now()))
    return Changes(preferences=True)


def update_company(ctx: Context, **changes) -> Changes:
    """Change a few fields: update_company(ctx, siret='732 829 320 00074')."""
    return save_company(ctx, replace(get_company(ctx), **changes))


def default_journal_id(conn: Connection) -> int | None:
    """The journal new documents go to: the one chosen in the settings, else the first."""
    chosen = conn.execute(select(_S.c.default_journal_id).where(_S.c.id == ROW_ID)).scalar()
    if chosen is not None:
        return chosen
    return conn.execute(select(_J.c.id).where(_J.c.active.is_(True))
                        .order_by(_J.c.position, _J.c.id).limit(1)).scalar()


def get_default_journal(ctx: Context) -> int | None:
    """default_journal_id for callers without a connection (the settings dialog)."""
    with ctx.db.engine.connect() as conn:
        return default_journal_id(conn)


def set_default_journal(ctx: Context, journal_id: int | None) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if journal_id is not None and conn.execute(
                select(_J.c.id).where(_J.c.id == journal_id)).first() is None:
            raise NotFoundError("document.journal_not_found", id=journal_id)
        done = conn.execute(_S.update().where(_S.c.id == ROW_ID)
                            .values(default_journal_id=journal_id))
        if done.rowcount == 0:
            defaults = {name: getattr(CompanyIdentity(), name) for name in _FIELDS}
            conn.execute(_S.insert().values(id=ROW_ID, **defaults,
                                            default_journal_id=journal_id))
    return Changes(preferences=True)


def first_run_wanted(ctx: Context) -> bool:
    """Offer the short "Votre entreprise" step? Once, on a new database: no company name, no
    client, no document yet, and not offered before."""
    from extradesk.models import Client, Document
    from extradesk.services import preferences

    if preferences.get(ctx, preferences.COMPANY_OFFERED.key):
        return False
    with ctx.db.engine.connect() as conn:
        if load(conn).name:
            return False
        for table in (Client.__table__, Document.__table__):
            if conn.execute(select(table.c.id).limit(1)).first() is not None:
                return False
    return True


def first_run_seen(ctx: Context) -> Changes:
    """The step was shown (filled in or put off): never offered again."""
    from extradesk.services import preferences

    return preferences.set_value(ctx, preferences.COMPANY_OFFERED.key, value=True)
