"""Article families: a two-level tree (family, sub-family), each carrying the accounting
account and VAT rate proposed to the articles put into it."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, func, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError, NotFoundError, Problem, raise_if
from extradesk.core.money import parse_decimal
from extradesk.core.search_text import fold
from extradesk.core.tax import VAT_RATES, is_allowed_rate
from extradesk.core.validation import clean
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import AccountingAccount, Article, ArticleFamily
from extradesk.services.articles.dto import FamilyItem
from extradesk.services.context import Context

_F = ArticleFamily.__table__.c
_ART = Article.__table__.c
LIST_NAME = "family"  # in Changes.references


def vat_choices() -> str:
    return ", ".join(f"{fmt.decimal(r, 1 if r != r.to_integral() else 0)} %" for r in VAT_RATES)


def check_vat(field: str, value, problems: list[Problem]) -> Decimal | None:
    """A VAT rate in force, or None when empty; appends a French problem otherwise."""
    try:
        rate = parse_decimal(value)
    except (ValueError, TypeError):
        problems.append(Problem(field, "article.number_invalid", {"value": value}))
        return None
    if rate is not None and not is_allowed_rate(rate):
        problems.append(Problem(field, "article.vat_unknown",
                                {"value": fmt.decimal(rate, 0 if rate == rate.to_integral() else 1),
                                 "choices": vat_choices()}))
        return None
    return rate


def list_families(ctx: Context, *, with_usage: bool = False) -> list[FamilyItem]:
    """Families in order, each followed by its sub-families."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_F.id, _F.label, _F.parent_id, _F.account_id, _F.vat_rate,
                                   _F.active, _F.position)).all()
        usage: dict[int, int] = {}
        if with_usage:
            for column in (_ART.family_id, _ART.sub_family_id):
                for key, count in conn.execute(select(column, func.count()).group_by(column)):
                    if key is not None:
                        usage[key] = usage.get(key, 0) + count
    items = {r.id: FamilyItem(r.id, r.label, r.parent_id, r.account_id, r.vat_rate,
                              bool(r.active), usage.get(r.id, 0)) for r in rows}
    order = {r.id: (r.position, fold(r.label)) for r in rows}
    tops = sorted((i for i in items.values() if i.parent_id is None), key=lambda i: order[i.id])
    result = []
    for top in tops:
        result.append(top)
        result += sorted((i for i in items.values() if i.parent_id == top.id),
                         key=lambda i: order[i.id])
    return result


def defaults(ctx: Context, family_id: int | None,
             *, sub_family_id: int | None) -> tuple[int | None, Decimal | None]:
    """(account id, VAT rate) proposed for an article put into this family/sub-family: the
    sub-family's when it has one, else the family's."""
    account, vat = None, None
    with ctx.db.engine.connect() as conn:
        for key in (family_id, sub_family_id):
            if key is None:
                continue
            row = conn.execute(select(_F.account_id, _F.vat_rate).where(_F.id == key)).first()
            if row is not None:
                account = row.account_id if row.account_id is not None else account
                vat = row.vat_rate if row.vat_rate is not None else vat
    return account, vat


def _check(conn: Connection, label, parent_id, account_id, vat_rate,
           exclude_id: int | None) -> dict:
    problems: list[Problem] = []
    label = clean(label)
    if not label:
        problems.append(Problem("label", "reference.label_required"))
    elif len(label) > 100:
        problems.append(Problem("label", "field.too_long", {"limit": 100, "length": len(label)}))
    vat = check_vat("vat_rate", vat_rate, problems)
    if parent_id is not None:
        parent = conn.execute(select(_F.parent_id).where(_F.id == parent_id)).first()
        if parent is None:
            raise NotFoundError("family.not_found", id=parent_id)
        if parent.parent_id is not None:
            problems.append(Problem("parent_id", "family.too_deep"))
    if account_id is not None and conn.execute(select(AccountingAccount.__table__.c.id).where(
            AccountingAccount.__table__.c.id == account_id)).scalar() is None:
        raise NotFoundError("account.not_found", id=account_id)
    raise_if(problems)
    siblings = conn.execute(select(_F.id, _F.label).where(
        _F.parent_id.is_(None) if parent_id is None else _F.parent_id == parent_id)).all()
    if any(r.id != exclude_id and fold(r.label) == fold(label) for r in siblings):
        raise ConflictError("family.label_taken", value=label)
    return {"label": label, "parent_id": parent_id, "account_id": account_id, "vat_rate": vat}


def add_family(ctx: Context, label: str | None, *, parent_id: int | None = None,
               account_id: int | None = None, vat_rate=None) -> tuple[int, Changes]:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        values = _check(conn, label, parent_id, account_id, vat_rate, None)
        position = conn.execute(select(func.coalesce(func.max(_F.position), 0))).scalar() + 1
        new_id = conn.execute(ArticleFamily.__table__.insert().values(
            **values, position=position, active=True)).inserted_primary_key[0]
    return new_id, Changes(references=frozenset({LIST_NAME}))


def update_family(ctx: Context, family_id: int, *, label: str | None,
                  account_id: int | None = None, vat_rate=None) -> Changes:
    """Rename and change the defaults; the articles already in it keep their own values."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        parent = conn.execute(select(_F.parent_id).where(_F.id == family_id)).first()
        if parent is None:
            raise NotFoundError("family.not_found", id=family_id)
        values = _check(conn, label, parent.parent_id, account_id, vat_rate, family_id)
        conn.execute(update(ArticleFamily.__table__).where(_F.id == family_id).values(**values))
    return Changes(references=frozenset({LIST_NAME}), everything=True)


def set_active(ctx: Context, family_id: int, *, active: bool) -> Changes:
    with unit_of_work(ctx.db, write=True) as session:
        done = session.connection().execute(
            update(ArticleFamily.__table__).where(_F.id == family_id).values(active=active))
        if done.rowcount == 0:
            raise NotFoundError("family.not_found", id=family_id)
    return Changes(references=frozenset({LIST_NAME}))
