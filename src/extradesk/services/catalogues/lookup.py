"""Supplier catalogues as the user meets them: find a reference in every catalogue, search
labels, `*ref` hits in the search box, and turn a catalogue line into an article.

Only lines of applied (active) imports are seen. Every lookup is index-backed: the
normalised reference index (exact, or a range for "starts with") and the trigram index
over folded labels for "contains" (3+ characters); see bench/bench_catalogue.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Connection, text

from extradesk.core.catalogue_text import fold_label, normalise_ref
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.core.search_text import fold, prefix_upper_bound
from extradesk.core.tax import is_allowed_rate
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text as message
from extradesk.services import references, text_index
from extradesk.services.articles import edit as articles
from extradesk.services.articles import families
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.context import Context
from extradesk.services.dto import SearchHit

MAX_LIMIT = 200
TAKE_CHOICES = frozenset({"family", "sub_family", "purchase_price", "account"})


class CatalogueMatch(NamedTuple):
    """One catalogue line as found: the row itself (fifty per keystroke; building them was
    a fifth of a label search as frozen dataclasses with Decimal fields), prices turned
    into Decimal only when read."""

    id: int
    supplier_id: int
    supplier: str
    ref: str
    label: str
    family: str | None
    sub_family: str | None
    unit: str | None
    purchase_units: int | None  # 1/10000 of a euro, as stored (DESIGN.md §3)
    public_units: int | None
    vat_units: int | None  # 1/100 of a percent
    ean: str | None

    @property
    def purchase_price(self) -> Decimal | None:
        return _money(self.purchase_units)

    @property
    def public_price(self) -> Decimal | None:
        return _money(self.public_units)

    @property
    def vat_rate(self) -> Decimal | None:
        return _money(self.vat_units, 100)


_SELECT = (
    "SELECT l.id, l.supplier_id, s.label, l.ref, l.label, l.family, l.sub_family, l.unit, "
    "l.purchase_price, l.public_price, l.vat_rate, l.ean FROM catalogue_lines l "
    "JOIN catalogue_imports i ON i.id = l.import_id AND i.state = 'active' "
    "JOIN suppliers s ON s.id = l.supplier_id ")
# By reference: one seek of (import_id, ref_norm) per active import (one per supplier).
_ACTIVE = "l.import_id IN (SELECT id FROM catalogue_imports WHERE state = 'active') AND "
_BY_REF = text(_SELECT + "WHERE " + _ACTIVE + "l.ref_norm = :r ORDER BY s.label, l.id "
               "LIMIT :n")
_BY_REF_PREFIX = text(_SELECT + "WHERE " + _ACTIVE + "l.ref_norm >= :low "
                      "AND l.ref_norm < :high LIMIT :n")
_BY_ID = text(_SELECT + "WHERE l.id = :id")
_BY_LABEL = text(
    "SELECT l.id, l.supplier_id, s.label, l.ref, l.label, l.family, l.sub_family, l.unit, "
    "l.purchase_price, l.public_price, l.vat_rate, l.ean FROM catalogue_fts_tri f "
    "JOIN catalogue_lines l ON l.id = f.rowid "
    "JOIN catalogue_imports i ON i.id = l.import_id AND i.state = 'active' "
    "JOIN suppliers s ON s.id = l.supplier_id WHERE catalogue_fts_tri MATCH :m LIMIT :n")


def _money(value: int | None, factor: int = 10_000) -> Decimal | None:
    return None if value is None else Decimal(value) / factor


_match = CatalogueMatch._make  # a row of _SELECT / _BY_LABEL, column for field


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError([Problem("limit", "search.limit_invalid", {"max": MAX_LIMIT})])


def find(ctx: Context, ref: str, *, limit: int = 50) -> list[CatalogueMatch]:
    """Lines of every catalogue whose reference is `ref` ignoring case, spaces, dots and
    dashes (`w 1245-er` finds W1245ER), suppliers in alphabetical order."""
    _check_limit(limit)
    key = normalise_ref(ref)
    if not key:
        return []
    with ctx.db.engine.connect() as conn:
        return [_match(r) for r in conn.execute(_BY_REF, {"r": key, "n": limit})]


def get_line(ctx: Context, line_id: int) -> CatalogueMatch:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(_BY_ID, {"id": line_id}).first()
    if row is None:
        raise NotFoundError("catalogue.line_not_found", id=line_id)
    return _match(row)


_LABEL_SQL = _BY_LABEL.text.replace(":m", "?").replace(":n", "?")


_PG_BY_LABEL = _BY_LABEL.text.split(" WHERE catalogue_fts_tri MATCH")[0]


def _label_rows(conn: Connection, raw: str, limit: int) -> list:
    if text_index.is_postgresql(conn):  # pg_trgm over the same folded labels
        tokens = [t for t in fold_label(raw).split() if len(t) >= 3]
        if not tokens:
            return []
        where = " AND ".join(f"f.text LIKE :t{k}" for k in range(len(tokens)))
        params = {f"t{k}": text_index.contains(t)[1] for k, t in enumerate(tokens)}
        # Line order, as FTS5 returns rowids: the same lines first on both backends.
        return conn.execute(text(f"{_PG_BY_LABEL} WHERE {where} ORDER BY l.id LIMIT :n"),
                            {**params, "n": limit}).all()
    return _driver_label_rows(conn.connection.driver_connection, conn.dialect.name, raw, limit)


def _driver_label_rows(driver, dialect: str, raw: str, limit: int) -> list:
    tokens = [t for t in fold_label(raw).split() if len(t) >= 3]
    if not tokens or dialect != "sqlite":
        return []
    match = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
    # Straight to the driver (SQLite only, as the FTS table): SQLAlchemy's statement and
    # row machinery was about a third of a 2 ms search returning 50 lines.
    cursor = driver.execute(_LABEL_SQL, (match, limit))
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def search_labels(ctx: Context, raw: str, *, limit: int = 50) -> list[CatalogueMatch]:
    """Lines whose label contains every word of 3+ characters typed (accents ignored)."""
    _check_limit(limit)
    if not ctx.db.is_sqlite:
        with ctx.db.engine.connect() as conn:
            return [_match(r) for r in _label_rows(conn, raw, limit)]
    # A pooled driver connection without SQLAlchemy's Connection around it (~0.1 ms less).
    driver = ctx.db.engine.raw_connection()
    try:
        rows = _driver_label_rows(driver.driver_connection, ctx.db.engine.dialect.name, raw,
                                  limit)
    finally:
        driver.close()  # back to the pool, rolled back
    return [_match(r) for r in rows]


def search(ctx: Context, raw: str, *, limit: int = 50) -> list[CatalogueMatch]:
    """What "Lancer la recherche" lists: the exact reference first, then references that
    start with the text, then labels that contain it; each line once."""
    _check_limit(limit)
    key = normalise_ref(raw)
    found: dict[int, CatalogueMatch] = {}
    with ctx.db.engine.connect() as conn:
        rows = []
        if key:
            rows += conn.execute(_BY_REF, {"r": key, "n": limit}).all()
            rows += conn.execute(_BY_REF_PREFIX, {"low": key, "high": prefix_upper_bound(key),
                                                  "n": limit}).all()
        if len(rows) < limit:
            rows += _label_rows(conn, raw, limit)
    for r in rows:
        found.setdefault(r[0], _match(r))
    return list(found.values())[:limit]


def catalogue_hits(ctx: Context, raw: str, *, limit: int = 50) -> list[SearchHit]:
    """`*ref` in the main search box, after the articles: catalogue lines as search hits."""
    if not raw.strip():
        return []
    return [SearchHit("catalogue", m.id, f"{m.ref} — {m.label}", _detail(m))
            for m in search(ctx, raw, limit=min(max(limit, 1), MAX_LIMIT))]


def _detail(m: CatalogueMatch) -> str:
    parts = [message("catalogue.hit_supplier", supplier=m.supplier)]
    if m.purchase_price is not None:
        parts.append(message("catalogue.hit_price", price=fmt.money(m.purchase_price)))
    return " · ".join(parts)


# -- catalogue line -> article ---------------------------------------------------------------

def _family_id(ctx: Context, label: str | None, parent_id: int | None) -> int | None:
    """The family (or sub-family under `parent_id`) of that name, created when missing."""
    if not label:
        return None
    for item in families.list_families(ctx):
        if item.parent_id == parent_id and fold(item.label) == fold(label):
            return item.id
    new_id, _ = families.add_family(ctx, label, parent_id=parent_id)
    return new_id


def import_article(ctx: Context, line_id: int, *, take: set[str] | frozenset[str],
                   code: str | None = None) -> tuple[int, Changes]:
    """Create an article from a catalogue line. `take` says which values come from the
    catalogue (family, sub_family, purchase_price) or the family (account: its default
    account; otherwise the waiting account 707900). Label, unit, VAT and the public price
    as sale price always come from the line; families are found or created by name.
    """
    unknown = set(take) - TAKE_CHOICES
    if unknown:
        raise ValidationError([Problem(None, "catalogue.take_unknown",
                                       {"value": ", ".join(sorted(unknown))})])
    line = get_line(ctx, line_id)
    family_id = sub_family_id = None
    if "family" in take or "sub_family" in take:  # a sub-family needs its family
        family_id = _family_id(ctx, line.family, None)
    if "sub_family" in take and family_id is not None:
        sub_family_id = _family_id(ctx, line.sub_family, family_id)
    account_id = None
    if "account" in take:
        account_id, _vat = families.defaults(ctx, family_id, sub_family_id=sub_family_id)
    article_id, changes = articles.create_article(ctx, ArticleInput(
        code=code or line.ref, label=line.label or line.ref, unit=line.unit,
        purchase_price=line.purchase_price if "purchase_price" in take else None,
        sale_price=line.public_price, family_id=family_id,
        vat_rate=line.vat_rate if line.vat_rate is not None and is_allowed_rate(
            line.vat_rate) else None,
        sub_family_id=sub_family_id, account_id=account_id, supplier_id=line.supplier_id,
        supplier_ref=line.ref))
    return article_id, changes | Changes(references=frozenset({families.LIST_NAME}))


def supplier_by_name(ctx: Context, name: str, *, create: bool = True) -> int:
    """The supplier of that name (accents and case ignored), created when missing."""
    wanted = fold(name)
    if not wanted:
        raise ValidationError([Problem("supplier", "catalogue.supplier_required")])
    for item in references.list_items(ctx, "supplier"):
        if fold(item.label) == wanted:
            return item.id
    if not create:
        raise NotFoundError("catalogue.supplier_unknown", value=name)
    item, _ = references.add_item(ctx, "supplier", label=name)
    return item.id


def has_lines(ctx: Context) -> bool:
    """Whether any supplier catalogue has been imported (the editor offers a search then)."""
    with ctx.db.engine.connect() as conn:
        return conn.execute(text(
            "SELECT 1 FROM catalogue_imports WHERE state = 'active' LIMIT 1")).first() is not None
