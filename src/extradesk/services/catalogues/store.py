"""Catalogue lines in bulk: publish a read file, drop an import, compare two imports.

Bulk paths use the driver's executemany with plain tuples and INSERT…SELECT (DESIGN.md §4:
entities are 7× slower); every id range of one import is contiguous, so its search entries
go by range.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from extradesk.core.errors import StorageError
from extradesk.db import sequences
from extradesk.db.session import unit_of_work
from extradesk.services.catalogues.read import TABLE
from extradesk.services.context import Context

FTS = "catalogue_fts_tri"
_COLUMNS = ("ref, ref_norm, label, family, sub_family, unit, purchase_price, public_price, "
            "vat_rate, ean")
DELETE_CHUNK = 50_000
FTS_BULK_HASH = 64 << 20  # bytes (FTS5 default 1 MB); 1M lines: ~40 MB more peak RSS than 32 MB,
# fewer segments: trigram fill 6.8 s -> 5.6 s and label searches read fewer segments
FTS_DEFAULT_HASH = 1 << 20
STAGE_CACHE_KB = 96_000  # page cache while publishing; 1M lines: 64 MB -> 96 MB saved ~2 s


def has_fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


@contextmanager
def _storage_errors() -> Iterator[None]:
    """Driver errors as the StorageError unit_of_work would raise (publish bypasses it)."""
    try:
        yield
    except (sqlite3.Error, DBAPIError) as exc:
        detail = str(getattr(exc, "orig", exc))
        if "locked" in detail.lower() or "busy" in detail.lower():
            raise StorageError("db.locked") from exc
        raise StorageError("storage.failed", detail=detail) from exc


def publish(ctx: Context, import_id: int, *, supplier_id: int, files: Sequence[Path]) -> None:
    """The rows of the scratch databases (catalogue_read), in order, into catalogue_lines
    under `import_id` (still pending, so invisible), and their folded labels into the
    trigram index; one transaction. SQLite only, like the rest of this module.

    Two INSERT…SELECT per scratch file: FTS5 builds its segments in bulk instead of
    merging many small ones, and nothing goes through Python row by row.
    """
    new, supplier = int(import_id), int(supplier_id)  # ints only: safe to inline
    if not ctx.db.is_sqlite:
        _publish_by_copy(ctx, new, supplier, files)
        return
    with ctx.db.write_engine.connect() as conn, _storage_errors():
        raw = conn.connection.driver_connection
        names = [f"scratch{k}" for k in range(len(files))]
        cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size=-{STAGE_CACHE_KB}")
        try:
            for name, path in zip(names, files, strict=True):  # not inside a transaction
                raw.execute(f"ATTACH DATABASE ? AS {name}", (str(path),))
            with conn.begin():
                sql = conn.exec_driver_sql
                first = int(sql("SELECT coalesce(max(id), 0) FROM catalogue_lines").scalar())
                # Ids follow the file: part after part, rowid (file) order within a part.
                offsets, at = [], first
                for name in names:
                    offsets.append((name, at))
                    at += int(sql(f"SELECT count(*) FROM {name}.{TABLE}").scalar())
                for name, offset in offsets:
                    sql(f"INSERT INTO catalogue_lines (id, import_id, supplier_id, {_COLUMNS}) "
                        f"SELECT {offset} + rowid, {new}, {supplier}, {_COLUMNS} "
                        f"FROM {name}.{TABLE} ORDER BY rowid")
                if has_fts(conn):
                    # A bigger in-memory hash for these statements: fewer, larger
                    # segments, less merging; searches read fewer segments afterwards.
                    sql(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('hashsize', {FTS_BULK_HASH})")
                    for name, offset in offsets:
                        sql(f"INSERT INTO {FTS}(rowid, text) SELECT {offset} + rowid, "
                            f"label_folded FROM {name}.{TABLE} ORDER BY rowid")
                    sql(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('hashsize', "
                        f"{FTS_DEFAULT_HASH})")
        finally:
            for name in names:
                with suppress(sqlite3.Error):  # never attached (the ATTACH failed)
                    raw.execute(f"DETACH DATABASE {name}")
            raw.execute(f"PRAGMA cache_size={int(cache)}")  # a pooled connection


def _publish_by_copy(ctx: Context, new: int, supplier: int, files: Sequence[Path]) -> None:
    """PostgreSQL: the scratch files streamed into catalogue_lines and the pg_trgm table by
    COPY (a server cannot ATTACH our files), in one transaction; ids as on SQLite."""
    columns = _COLUMNS.split(", ")
    with ctx.db.write_engine.connect() as conn, _storage_errors(), conn.begin():
        first = int(conn.exec_driver_sql(
            "SELECT coalesce(max(id), 0) FROM catalogue_lines").scalar())
        cursor = conn.connection.driver_connection.cursor()
        for target, fields in ((f"catalogue_lines (id, import_id, supplier_id, {_COLUMNS})",
                                columns), (f"{FTS} (rowid, text)", None)):
            offset = first
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for path in files:
                    scratch = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
                    try:
                        count = 0
                        picked = ", ".join(fields) if fields else "label_folded"
                        for row in scratch.execute(
                                f"SELECT rowid, {picked} FROM {TABLE} ORDER BY rowid"):
                            line_id = offset + row[0]
                            copy.write_row((line_id, new, supplier, *row[1:]) if fields
                                           else (line_id, row[1]))
                            count += 1
                    finally:
                        scratch.close()
                    offset += count
        sequences.catch_up(conn, ["catalogue_lines"])


def drop_lines(ctx: Context, import_ids: Sequence[int], *, forget: bool = False,
               progress: Callable[[int, int], None] | None = None) -> None:
    """Delete the lines (and search entries) of these imports, in chunks; `forget`: the
    import records too (abandoned ones; replaced ones stay in the history).

    Chunks keep each transaction short; an interruption leaves only invisible lines of
    imports that are no longer active, dropped again by the next call.
    """
    if not import_ids:
        return
    marks = ",".join(str(int(i)) for i in import_ids)  # ints only: safe to inline
    with ctx.db.engine.connect() as conn:
        total = conn.execute(text(
            f"SELECT count(*) FROM catalogue_lines WHERE import_id IN ({marks})")).scalar()
    done = 0
    while True:
        with unit_of_work(ctx.db, write=True) as session:
            conn = session.connection()
            ids = list(conn.execute(text(
                f"SELECT id FROM catalogue_lines WHERE import_id IN ({marks}) "
                f"LIMIT {DELETE_CHUNK}")).scalars())
            if not ids:
                if forget:
                    conn.execute(text(f"DELETE FROM catalogue_imports WHERE id IN ({marks})"))
                break
            low, high = min(ids), max(ids)
            conn.execute(text(f"DELETE FROM catalogue_lines WHERE import_id IN ({marks}) "
                              f"AND id BETWEEN {low} AND {high}"))
            if has_fts(conn) or conn.dialect.name == "postgresql":  # pg_trgm table
                # Other imports may own ids inside [low, high] only if written in between;
                # imports are written one at a time, so the range is this import's.
                conn.execute(text(f"DELETE FROM {FTS} WHERE rowid BETWEEN {low} AND {high} "
                                  f"AND rowid NOT IN (SELECT id FROM catalogue_lines WHERE "
                                  f"id BETWEEN {low} AND {high})"))
        done += len(ids)
        if progress is not None:
            progress(done, max(total, 1))


@dataclass(frozen=True)
class DiffLine:
    kind: str  # added, removed, price_up, price_down
    ref: str
    label: str
    old_price: Decimal | None
    new_price: Decimal | None


@dataclass(frozen=True)
class CatalogueDiff:
    added: int
    removed: int
    price_up: int
    price_down: int
    unchanged: int
    examples: list[DiffLine]  # a few of each kind, to show before applying

    @property
    def first_import(self) -> bool:
        return self.removed == 0 and self.price_up == self.price_down == self.unchanged == 0


EXAMPLES = 20


def _price(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value) / 10_000


def diff(conn: Connection, new_id: int, old_ids: Sequence[int]) -> CatalogueDiff:
    """What applying import `new_id` changes against the active imports `old_ids`, by
    normalised reference and purchase price. Two passes over the composite index."""
    new = int(new_id)
    if not old_ids:  # a first import: every line is new, no join over a million lines
        total = conn.execute(text(
            f"SELECT count(*) FROM catalogue_lines WHERE import_id = {new}")).scalar()
        return CatalogueDiff(added=int(total), removed=0, price_up=0, price_down=0,
                             unchanged=0, examples=[])
    old = ",".join(str(int(i)) for i in old_ids)
    counts = conn.execute(text(
        "SELECT count(*), coalesce(sum(CASE WHEN o.id IS NULL THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN o.purchase_price < n.purchase_price THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN o.purchase_price > n.purchase_price THEN 1 ELSE 0 END), 0) "
        "FROM catalogue_lines n LEFT JOIN catalogue_lines o "
        f"ON o.import_id IN ({old}) AND o.ref_norm = n.ref_norm WHERE n.import_id = {new}"
    )).one()
    removed = conn.execute(text(
        f"SELECT count(*) FROM catalogue_lines o WHERE o.import_id IN ({old}) AND NOT EXISTS "
        f"(SELECT 1 FROM catalogue_lines n WHERE n.import_id = {new} "
        "AND n.ref_norm = o.ref_norm)")).scalar()
    total, added, up, down = (int(v) for v in counts)
    examples: list[DiffLine] = []
    queries = {
        "price_up": "o.purchase_price < n.purchase_price",
        "price_down": "o.purchase_price > n.purchase_price",
    }
    for kind, condition in queries.items():
        for r in conn.execute(text(
                "SELECT n.ref, n.label, o.purchase_price, n.purchase_price "
                "FROM catalogue_lines n JOIN catalogue_lines o ON o.import_id IN "
                f"({old}) AND o.ref_norm = n.ref_norm WHERE n.import_id = {new} "
                f"AND {condition} LIMIT {EXAMPLES}")):
            examples.append(DiffLine(kind, r[0], r[1], _price(r[2]), _price(r[3])))
    for r in conn.execute(text(
            "SELECT n.ref, n.label, n.purchase_price FROM catalogue_lines n "
            f"WHERE n.import_id = {new} AND NOT EXISTS (SELECT 1 FROM catalogue_lines o "
            f"WHERE o.import_id IN ({old}) AND o.ref_norm = n.ref_norm) LIMIT {EXAMPLES}")):
        examples.append(DiffLine("added", r[0], r[1], None, _price(r[2])))
    for r in conn.execute(text(
            "SELECT o.ref, o.label, o.purchase_price FROM catalogue_lines o "
            f"WHERE o.import_id IN ({old}) AND NOT EXISTS (SELECT 1 FROM catalogue_lines n "
            f"WHERE n.import_id = {new} AND n.ref_norm = o.ref_norm) LIMIT {EXAMPLES}")):
        examples.append(DiffLine("removed", r[0], r[1], _price(r[2]), None))
    matched = total - added
    return CatalogueDiff(added=added, removed=int(removed), price_up=up, price_down=down,
                         unchanged=matched - up - down, examples=examples)
