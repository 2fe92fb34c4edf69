"""Turn an ArticleInput into checked column values, listing every problem found."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, select

from extradesk.core.errors import ConflictError, Problem, raise_if
from extradesk.core.money import parse_decimal, round_to, to_cents
from extradesk.core.search_text import fold
from extradesk.core.validation import MAX_NOTES, check_length, clean
from extradesk.models import AccountingAccount, Article, ArticleFamily, Supplier
from extradesk.services.articles import accounts
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.articles.families import check_vat

_C = Article.__table__.c
_F = ArticleFamily.__table__.c
DEFAULT_VAT = Decimal("20")
MAX_CODE = 40
MAX_PRICE = Decimal("9999999")
MAX_MARGIN = Decimal("100")


def code_key(code: str | None) -> str:
    """What makes two codes the same article: case and accents ignored."""
    return fold(code).replace(" ", "")


def _price(field: str, value, problems: list[Problem], places: int = 4) -> Decimal | None:
    try:
        number = parse_decimal(value)
    except (ValueError, TypeError):
        problems.append(Problem(field, "article.number_invalid", {"value": value}))
        return None
    if number is None:
        return None
    if number < 0:
        problems.append(Problem(field, "article.negative", {"value": value}))
        return None
    if number > (MAX_MARGIN if field == "margin" else MAX_PRICE):
        problems.append(Problem(field, "article.too_big", {"value": value}))
        return None
    return round_to(number, places)


def _exists(conn: Connection, table, key: int | None) -> bool:
    return key is None or conn.execute(
        select(table.c.id).where(table.c.id == key)).scalar() is not None


def _check_family(conn: Connection, family_id, sub_family_id, problems) -> int | None:
    """Returns the family id, deduced from the sub-family when only that was given."""
    if sub_family_id is not None:
        parent = conn.execute(select(_F.parent_id).where(_F.id == sub_family_id)).first()
        if parent is None or parent.parent_id is None:
            problems.append(Problem("sub_family_id", "article.sub_family_unknown"))
        elif family_id is None:
            family_id = parent.parent_id
        elif parent.parent_id != family_id:
            problems.append(Problem("sub_family_id", "article.sub_family_elsewhere"))
    if family_id is not None:
        row = conn.execute(select(_F.parent_id).where(_F.id == family_id)).first()
        if row is None or row.parent_id is not None:
            problems.append(Problem("family_id", "article.family_unknown"))
    return family_id


def check_classification(conn: Connection, family_id: int | None, sub_family_id: int | None,
                         account_id: int | None) -> int | None:
    """Checks a family/sub-family/account triple (bulk classify); returns the family id."""
    problems: list[Problem] = []
    family_id = _check_family(conn, family_id, sub_family_id, problems)
    if not _exists(conn, AccountingAccount.__table__, account_id):
        problems.append(Problem("account_id", "article.account_unknown"))
    raise_if(problems)
    return family_id


def checked_values(conn: Connection, data: ArticleInput, *,
                   exclude_id: int | None = None) -> dict:
    """Column values for the articles table (without dates); raises ValidationError with
    every problem, or ConflictError when another article has the code."""
    problems: list[Problem] = []
    code = clean(data.code)
    label = clean(data.label)
    if not code:
        problems.append(Problem("code", "article.code_required"))
    elif " " in code:
        problems.append(Problem("code", "line.code_invalid", {"value": code}))
    elif code.lower().startswith("txt_"):
        problems.append(Problem("code", "article.code_reserved", {"value": code}))
    problems += check_length("code", code, MAX_CODE)
    if not label:
        problems.append(Problem("label", "article.label_required"))
    problems += check_length("label", label, 300)
    description = (data.description or "").strip() or None
    problems += check_length("description", description, MAX_NOTES)
    unit = clean(data.unit)
    problems += check_length("unit", unit, 12)
    supplier_ref = clean(data.supplier_ref)
    problems += check_length("supplier_ref", supplier_ref, 60)
    purchase = _price("purchase_price", data.purchase_price, problems)
    sale = _price("sale_price", data.sale_price, problems)
    margin = _price("margin", data.margin, problems)
    if sale is None and margin is not None:
        if purchase is None:
            problems.append(Problem("margin", "article.margin_without_purchase"))
        else:
            sale = to_cents(purchase * margin)
    vat = check_vat("vat_rate", data.vat_rate, problems)
    family_id = _check_family(conn, data.family_id, data.sub_family_id, problems)
    account_id = data.account_id
    if account_id is None:
        account_id = accounts.waiting_account_id(conn)
    elif not _exists(conn, AccountingAccount.__table__, account_id):
        problems.append(Problem("account_id", "article.account_unknown"))
    if not _exists(conn, Supplier.__table__, data.supplier_id):
        problems.append(Problem("supplier_id", "article.supplier_unknown"))
    raise_if(problems)
    if vat is None:
        vat = _family_vat(conn, family_id, data.sub_family_id) or DEFAULT_VAT
    key = code_key(code)
    other = conn.execute(select(_C.id, _C.code).where(_C.code_key == key)).first()
    if other is not None and other.id != exclude_id:
        raise ConflictError("article.code_taken", value=code, existing=other.code)
    return {
        "code": code, "code_key": key, "label": label, "sort_label": fold(label),
        "description": description, "unit": unit, "purchase_price": purchase,
        "sale_price": sale, "margin": margin, "vat_rate": vat, "family_id": family_id,
        "sub_family_id": data.sub_family_id, "account_id": account_id,
        "supplier_id": data.supplier_id, "supplier_ref": supplier_ref,
        "active": bool(data.active),
    }


def _family_vat(conn: Connection, family_id, sub_family_id) -> Decimal | None:
    for key in (sub_family_id, family_id):
        if key is not None:
            vat = conn.execute(select(_F.vat_rate).where(_F.id == key)).scalar()
            if vat is not None:
                return vat
    return None
