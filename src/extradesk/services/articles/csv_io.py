"""Article base to and from CSV as French Excel reads and writes it: UTF-8 with a BOM,
`;` separated, decimal comma. An import is all or nothing and says which lines are wrong."""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, select

from extradesk.core.errors import ConflictError, NotFoundError, StorageError, ValidationError
from extradesk.core.search_text import fold
from extradesk.core.text import clean
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import error_text, problem_text, text
from extradesk.i18n.messages_articles import CSV_HEADER, CSV_NO, CSV_YES
from extradesk.models import AccountingAccount, Article, ArticleFamily, Supplier
from extradesk.reports import csv_out
from extradesk.services.articles import index as article_index
from extradesk.services.articles.checks import checked_values, code_key
from extradesk.services.articles.dto import ArticleInput, ImportReport
from extradesk.services.articles.listing import _ROWS
from extradesk.services.context import Context
from extradesk.services.files import atomic_open

HEADER = list(CSV_HEADER)
_KEYS = {fold(h): i for i, h in enumerate(HEADER)} | {"libelle": 1, "label": 1, "unite": 3}
_C = Article.__table__.c
_F = ArticleFamily.__table__.c
_A = AccountingAccount.__table__.c
_S = Supplier.__table__.c
_YES = set(CSV_YES)
_NO = set(CSV_NO)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    shown = f"{value:f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return shown.replace(".", ",")


def export_articles(ctx: Context, target: str | Path) -> int:
    """Every article, in code order, streamed to `target`; returns the number written."""
    query = (_ROWS.add_columns(_C.description, _C.margin, _C.supplier_ref, _C.price_updated_on)
             .order_by(_C.code_key))
    count = 0
    with atomic_open(target, "w", encoding=csv_out.ENCODING, newline="") as out, \
            ctx.db.engine.connect() as conn:
        writer = csv_out.SafeWriter(out)  # a label "=HYPERLINK(…)" stays text
        writer.writerow(HEADER)
        for r in conn.execute(query):  # the sqlite cursor streams: no fetchall
            (_id, code, label, unit, purchase, sale, vat, fam, sub, account, supplier,
             _n, active, _w, description, margin, ref, updated) = r
            writer.writerow([code, label, description or "", unit or "", _number(purchase),
                             _number(sale), _number(margin), _number(vat), fam or "",
                             sub or "", account, supplier or "", ref or "",
                             CSV_YES[0] if active else CSV_NO[0],
                             updated.strftime("%d/%m/%Y") if updated else ""])
            count += 1
    return count


def _read_rows(path: Path) -> list[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StorageError("csv.unreadable", path=str(path), detail=exc.strerror) from exc
    content = decode_text(raw, path)
    if not content.strip():
        raise StorageError("csv.empty", path=str(path))
    first = content.split("\n", 1)[0]
    delimiter = max(";\t,", key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # a field over csv's 128 KiB limit, a NUL in a quoted field…
        detail = text("csv.field_too_large") if "field larger" in str(exc) else str(exc)
        raise StorageError("csv.malformed", path=str(path), detail=detail) from exc
    # NUL and control characters never reach the database (a tab inside a cell is a space).
    return [[clean(cell) for cell in row] for row in rows]


def decode_text(raw: bytes, path: Path) -> str:
    """UTF-16 (with its BOM, as Excel's "Texte Unicode" writes it), UTF-8, else cp1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise StorageError("csv.encoding", path=str(path)) from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StorageError("csv.encoding", path=str(path))


class _Refused(Exception):
    """Rolls the import transaction back when a line is wrong."""


class _Lookups:
    """Families, suppliers and accounts by folded name, created as the file names them."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.families = {(r.parent_id, fold(r.label)): (r.id, r.parent_id)
                         for r in conn.execute(select(_F.id, _F.label, _F.parent_id))}
        self.suppliers = {fold(r.label): r.id for r in conn.execute(select(_S.id, _S.label))}
        self.accounts = dict(conn.execute(select(_A.code, _A.id)).all())

    def family(self, label: str, parent_id: int | None) -> int | None:
        if not label.strip():
            return None
        key = (parent_id, fold(label))
        if key not in self.families:
            new_id = self.conn.execute(ArticleFamily.__table__.insert().values(
                label=label.strip()[:100], position=len(self.families) + 1, active=True,
                parent_id=parent_id)).inserted_primary_key[0]
            self.families[key] = (new_id, parent_id)
        return self.families[key][0]

    def supplier(self, label: str) -> int | None:
        if not label.strip():
            return None
        if fold(label) not in self.suppliers:
            self.suppliers[fold(label)] = self.conn.execute(Supplier.__table__.insert().values(
                label=label.strip()[:100], position=len(self.suppliers) + 1, active=True)
            ).inserted_primary_key[0]
        return self.suppliers[fold(label)]


def _input(cells: list[str], index: dict[int, int], lookups: _Lookups,
           problems: list[str]) -> ArticleInput:
    def cell(column: int) -> str:
        at = index.get(column)
        return cells[at].strip() if at is not None and at < len(cells) else ""

    family_id = lookups.family(cell(8), None)
    sub_family_id = lookups.family(cell(9), family_id) if family_id else None
    account_id = None
    if cell(10):
        account_id = lookups.accounts.get(cell(10).split()[0])
        if account_id is None:
            problems.append(text("csv.unknown_account", value=cell(10)))
    active = cell(13).lower()
    if active not in _YES | _NO:
        problems.append(text("csv.active_invalid", value=cell(13)))
    return ArticleInput(
        code=cell(0), label=cell(1), description=cell(2), unit=cell(3),
        purchase_price=cell(4), sale_price=cell(5), margin=cell(6) if not cell(5) else None,
        vat_rate=cell(7), family_id=family_id, sub_family_id=sub_family_id,
        account_id=account_id, supplier_id=lookups.supplier(cell(11)),
        supplier_ref=cell(12), active=active not in _NO)


def import_articles(ctx: Context, source: str | Path) -> ImportReport:
    """Create or update (same code, any case) every article of the file, or none: the
    report lists each wrong line with its reason and then nothing has been written."""
    rows = _read_rows(Path(source))
    header = [fold(h) for h in rows[0]]
    index = {_KEYS[h]: i for i, h in reversed(list(enumerate(header))) if h in _KEYS}
    if 0 not in index:
        raise StorageError("csv.no_code_column")
    now = ctx.clock.now()
    problems: list[str] = []
    created = updated = 0
    try:
        with unit_of_work(ctx.db, write=True) as session:
            conn = session.connection()
            lookups = _Lookups(conn)
            existing = dict(conn.execute(select(_C.code_key, _C.id)).all())
            first_seen: dict[str, int] = {}
            touched: list[int] = []
            for number, cells in enumerate(rows[1:], start=2):
                if not any(c.strip() for c in cells):
                    continue
                line_problems: list[str] = []
                data = _input(cells, index, lookups, line_problems)
                key = code_key(data.code)
                if key and key in first_seen:
                    line_problems.append(text("csv.duplicate_code", value=data.code,
                                              first=first_seen[key]))
                first_seen.setdefault(key, number)
                try:
                    values = checked_values(conn, data, exclude_id=existing.get(key))
                except ValidationError as exc:
                    line_problems += [problem_text(p) for p in exc.problems]
                except (ConflictError, NotFoundError) as exc:
                    line_problems.append(error_text(exc))
                if line_problems:
                    problems += [text("csv.line", line=number, text=p) for p in line_problems]
                    continue
                if key in existing:
                    conn.execute(Article.__table__.update().where(_C.id == existing[key])
                                 .values(**values, updated_at=now))
                    touched.append(existing[key])
                    updated += 1
                else:
                    new_id = conn.execute(Article.__table__.insert().values(
                        **values, price_updated_on=now.date(), created_at=now, updated_at=now)
                    ).inserted_primary_key[0]
                    existing[key] = new_id
                    touched.append(new_id)
                    created += 1
            if problems:
                raise _Refused
            article_index.reindex(conn, touched)
    except _Refused:
        return ImportReport(0, 0, tuple(problems))
    return ImportReport(created, updated, ())
