"""Import a supplier's price file: stage it (pending, invisible), show what changes, apply.

Never a half-imported catalogue: the file is read into scratch files (catalogue_read;
nothing in the database yet), then written in one transaction under a `pending` import that
no lookup sees; applying flips pending -> active and the previous import -> replaced in one
small transaction. A cancel, an error or a refused file drops the pending import; a crash leaves
its lines invisible until the next import of that supplier drops them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text, update

from extradesk import paths
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, StorageError, ValidationError
from extradesk.core.search_text import fold
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import text as message
from extradesk.models import CatalogueImport, CatalogueMapping, Supplier
from extradesk.services.catalogues import parse, scratch, store
from extradesk.services.catalogues import read as reader
from extradesk.services.context import Context

log = logging.getLogger(__name__)
SHOWN_PROBLEMS = reader.SHOWN_PROBLEMS
READ_SHARE = 0.9  # of the progress bar; the diff takes the rest
CHANGES = Changes(references=frozenset({"catalogue"}))
_I = CatalogueImport.__table__.c
_M = CatalogueMapping.__table__.c


@dataclass(frozen=True)
class StagedImport:
    import_id: int
    supplier_id: int
    lines: int
    skipped: int
    problems: list[Problem]  # the first SHOWN_PROBLEMS, with line numbers
    diff: store.CatalogueDiff
    encoding: str = ""  # the file's, a key of parse.ENCODING_NAMES


# -- the mapping remembered per supplier ------------------------------------------------------

def remembered(ctx: Context, supplier_id: int,
               *, sniffed: parse.Sniffed) -> tuple[parse.FileFormat, dict[str, int]] | None:
    """The format and columns last used for this supplier, matched to this file's headers
    by name (columns may move between two files), else by position."""
    with ctx.db.engine.connect() as conn:
        row = conn.execute(select(_M.encoding, _M.delimiter, _M.decimal, _M.has_header,
                                  _M.columns).where(_M.supplier_id == supplier_id)
                           .order_by(_M.updated_at.desc(), _M.id.desc()).limit(1)).first()
    if row is None:
        return None
    fmt = parse.FileFormat(row.encoding, row.delimiter, row.decimal, row.has_header)
    by_name = {fold(h): i for i, h in enumerate(sniffed.headers)}
    columns: dict[str, int] = {}
    for field, where in json.loads(row.columns).items():
        index = where if isinstance(where, int) else by_name.get(fold(where))
        if index is not None and index < len(sniffed.headers):
            columns[field] = index
    return fmt, columns


def _save_mapping(conn, supplier_id: int, fmt: parse.FileFormat, columns: dict[str, int],
                  headers: list[str], now) -> None:
    stored = {f: (headers[i] if fmt.has_header and i < len(headers) else i)
              for f, i in columns.items()}
    conn.execute(CatalogueMapping.__table__.delete().where(_M.supplier_id == supplier_id))
    conn.execute(CatalogueMapping.__table__.insert().values(
        supplier_id=supplier_id, encoding=fmt.encoding, delimiter=fmt.delimiter,
        decimal=fmt.decimal, has_header=fmt.has_header,
        columns=json.dumps(stored, ensure_ascii=False), updated_at=now))


def inspect_file(ctx: Context, path: str | Path, *, supplier: str,
                 imposed: dict | None = None
                 ) -> tuple[int | None, parse.Sniffed, dict[str, int] | None, dict[str, int]]:
    """What the wizard shows before the import: (the supplier's id, None when new; the
    detected format; the columns remembered for that supplier; the columns guessed from the
    headers). A new supplier is created only when the import starts, so that looking at a file
    and cancelling leaves none behind. `imposed` (encoding, delimiter, has_header) overrides
    the detection and the remembered format."""
    from extradesk.core.catalogue_text import guess_mapping
    from extradesk.services.catalogues import lookup

    if not path:
        raise ValidationError([Problem(None, "catalogue.file_required")])
    imposed = dict(imposed or {})
    try:
        supplier_id = lookup.supplier_by_name(ctx, supplier, create=False)
    except NotFoundError:
        supplier_id = None
    known = remembered(ctx, supplier_id, sniffed=parse.sniff(path)) \
        if not imposed and supplier_id is not None else None
    if known is not None:
        imposed = {"encoding": known[0].encoding, "delimiter": known[0].delimiter,
                   "has_header": known[0].has_header}
    sniffed = parse.sniff(path, **imposed)
    return supplier_id, sniffed, known[1] if known else None, guess_mapping(sniffed.headers)


# -- stage, apply, discard --------------------------------------------------------------------

@contextmanager
def scratch_folder(ctx: Context) -> Iterator[Path]:
    """A folder for the scratch files of one read, beside the database (on the disk that
    must hold the catalogue anyway; /tmp may be a small RAM disk), removed afterwards; the
    folders of killed imports go when the next one starts (services.catalogues.scratch)."""
    base = (ctx.db.sqlite_path.parent if ctx.db.sqlite_path is not None
            else paths.data_dir()) / "tmp"
    with scratch.scratch_folder(base) as folder:
        yield folder


def _active_ids(conn, supplier_id: int) -> list[int]:
    return list(conn.execute(select(_I.id).where(_I.supplier_id == supplier_id,
                                                 _I.state == "active")).scalars())


def _drop_leftovers(ctx: Context, supplier_id: int) -> None:
    """Lines an earlier crash or abandon left: pending imports, replaced imports' lines."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_I.id, _I.state).where(
            _I.supplier_id == supplier_id, _I.state.in_(("pending", "replaced")))).all()
    store.drop_lines(ctx, [r.id for r in rows if r.state == "pending"], forget=True)
    store.drop_lines(ctx, [r.id for r in rows if r.state == "replaced"])


def stage(
    ctx: Context,
    supplier_id: int | None,
    *, path: str | Path,
    fmt: parse.FileFormat,
    columns: dict[str, int],
    supplier: str = "",
    skip_bad: bool = False,
    headers: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> StagedImport:
    """Read the whole file into a pending import and compare it with the active one.

    skip_bad=False: any bad line refuses the file (ValidationError listing the lines) and
    nothing stays. skip_bad=True: bad lines are left out and listed in the result.
    supplier_id None: the supplier named `supplier`, created only once the file has been read
    without refusal and removed again if its lines cannot be stored: a failed import leaves
    no new supplier behind.
    """
    path = Path(path)
    if supplier_id is None:
        supplier_id = _known_supplier(ctx, supplier)
    else:
        with ctx.db.engine.connect() as conn:
            if conn.execute(text("SELECT 1 FROM suppliers WHERE id = :i"),
                            {"i": supplier_id}).first() is None:
                raise ValidationError([Problem("supplier", "catalogue.supplier_unknown",
                                               {"value": supplier_id})])
    if supplier_id is not None:
        _drop_leftovers(ctx, supplier_id)
    with scratch_folder(ctx) as folder:
        read = _read(path, fmt, columns, folder, skip_bad=skip_bad, progress=progress,
                     cancelled=cancelled)
        if supplier_id is None:  # unless another import created it meanwhile
            supplier_id = _known_supplier(ctx, supplier)
        created = supplier_id is None
        if created:
            from extradesk.services.catalogues import lookup

            supplier_id = lookup.supplier_by_name(ctx, supplier)
        import_id = None
        try:
            with unit_of_work(ctx.db, write=True) as session:
                import_id = session.connection().execute(
                    CatalogueImport.__table__.insert().values(
                        supplier_id=supplier_id, state="pending", file_name=path.name[:255],
                        started_at=ctx.clock.now(), lines=0, skipped=0, added=0, removed=0,
                        price_up=0, price_down=0)).inserted_primary_key[0]
            store.publish(ctx, import_id, supplier_id=supplier_id, files=read.files)
            compared = _compare(ctx, import_id, supplier_id, read, fmt, columns, headers)
        except BaseException:
            if import_id is not None:
                store.drop_lines(ctx, [import_id], forget=True)
            if created:
                _forget_supplier(ctx, supplier_id)
            raise
    if progress is not None:
        progress(1000, 1000)
    return StagedImport(import_id, supplier_id, read.lines, read.bad, read.problems, compared,
                        fmt.encoding)


def _known_supplier(ctx: Context, name: str) -> int | None:
    from extradesk.services.catalogues import lookup

    try:
        return lookup.supplier_by_name(ctx, name, create=False)
    except NotFoundError:
        return None


def _forget_supplier(ctx: Context, supplier_id: int) -> None:
    """The supplier this import created, when the import failed after all (no lines, no
    import, no mapping refer to it by then)."""
    try:
        with unit_of_work(ctx.db, write=True) as session:
            session.connection().execute(Supplier.__table__.delete().where(
                Supplier.__table__.c.id == supplier_id))
    except StorageError:  # in use meanwhile (a foreign key), or the disk failing: it stays
        log.warning("supplier %s kept after a failed import", supplier_id, exc_info=True)


def _read(path, fmt, columns, folder, *, skip_bad, progress, cancelled) -> reader.ReadResult:
    """The file into scratch files (nothing in the database yet), or its refusal."""
    def read_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(int(1000 * READ_SHARE * done / max(total, 1)), 1000)

    read = reader.read(path, fmt, columns, folder, strict=not skip_bad, cancelled=cancelled,
                       progress=read_progress)
    if read.bad and not skip_bad:
        raise ValidationError([Problem(None, "catalogue.bad_lines", {"count": read.bad}),
                               *read.problems])
    if not read.lines:
        raise ValidationError([Problem(None, "catalogue.nothing_valid"), *read.problems])
    if cancelled is not None and cancelled():
        raise parse.Cancelled()
    return read


def _compare(ctx, import_id, supplier_id, read, fmt, columns, headers) -> store.CatalogueDiff:
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        compared = store.diff(conn, import_id, _active_ids(conn, supplier_id))
        conn.execute(update(CatalogueImport.__table__).where(_I.id == import_id).values(
            lines=read.lines, skipped=read.bad, added=compared.added, removed=compared.removed,
            price_up=compared.price_up, price_down=compared.price_down))
        _save_mapping(conn, supplier_id, fmt, columns, headers or [], ctx.clock.now())
    return compared


def apply(ctx: Context, import_id: int, *,
          progress: Callable[[int, int], None] | None = None) -> Changes:
    """Make a staged import the supplier's catalogue (one small transaction), then drop the
    lines it replaces."""
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        row = conn.execute(select(_I.supplier_id).where(_I.id == import_id,
                                                        _I.state == "pending")).first()
        if row is None:
            raise NotFoundError("catalogue.import_unknown", id=import_id)
        old = _active_ids(conn, row.supplier_id)
        if old:
            conn.execute(update(CatalogueImport.__table__).where(_I.id.in_(old))
                         .values(state="replaced"))
        conn.execute(update(CatalogueImport.__table__).where(_I.id == import_id)
                     .values(state="active", applied_at=ctx.clock.now()))
    store.drop_lines(ctx, old, progress=progress)
    return CHANGES


def discard(ctx: Context, import_id: int) -> Changes:
    """Forget a staged import the user did not want: the catalogue stays as it was."""
    with ctx.db.engine.connect() as conn:
        state = conn.execute(select(_I.state).where(_I.id == import_id)).scalar()
    if state == "pending":
        store.drop_lines(ctx, [import_id], forget=True)
    return Changes()


def import_file(ctx: Context, supplier_id: int | None, *, path: str | Path,
                supplier: str = "",
                columns: dict[str, int] | None = None, mapping_file: str | Path | None = None,
                skip_bad: bool = False,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[StagedImport, Changes]:
    """Batch import (CLI, demo): detect, map (given, remembered, else guessed), stage, apply.
    supplier_id None: the supplier named `supplier`, created by a successful import only."""
    sniffed = parse.sniff(path)
    fmt = sniffed.format
    if supplier_id is None:
        supplier_id = _known_supplier(ctx, supplier)
    if mapping_file is not None:
        columns = columns_from_json(mapping_file, sniffed.headers)
    if columns is None and supplier_id is not None:
        known = remembered(ctx, supplier_id, sniffed=sniffed)
        columns = known[1] if known and "ref" in known[1] else None
    if columns is None:
        from extradesk.core.catalogue_text import guess_mapping

        columns = guess_mapping(sniffed.headers)
    for index in columns.values():
        if not 0 <= index < len(sniffed.headers):
            raise ValidationError([Problem(None, "catalogue.mapping_invalid",
                                           {"column": index + 1})])
    staged = stage(ctx, supplier_id, supplier=supplier, path=path, fmt=fmt, columns=columns,
                   skip_bad=skip_bad, headers=sniffed.headers, progress=progress,
                   cancelled=cancelled)
    return staged, apply(ctx, staged.import_id)


def columns_from_json(path: str | Path, headers: list[str]) -> dict[str, int]:
    """A mapping file: {"ref": "Référence", "purchase_price": 6, ...}, each field given by
    its column title or its column number (1 = first column)."""
    from extradesk.core.catalogue_text import FIELDS

    path = Path(path)
    try:
        given = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(given, dict):
            raise ValueError(message("catalogue.mapping_not_object"))
    except (OSError, ValueError) as exc:
        raise ValidationError([Problem(None, "catalogue.mapping_file",
                                       {"path": path.name, "detail": exc})]) from exc
    by_name = {fold(h): i for i, h in enumerate(headers)}
    columns: dict[str, int] = {}
    for field, where in given.items():
        index = where - 1 if isinstance(where, int) else by_name.get(fold(str(where)), -1)
        if field not in FIELDS or not 0 <= index < len(headers):
            raise ValidationError([Problem(None, "catalogue.mapping_file", {
                "path": path.name, "detail": message("catalogue.mapping_column_missing", column=field,
                                         where=where)})])
        columns[field] = index
    return columns


@dataclass(frozen=True)
class ImportRecord:
    id: int
    supplier: str
    file_name: str
    state: str  # pending, active, replaced
    started_at: datetime
    lines: int
    skipped: int
    added: int
    removed: int
    price_up: int
    price_down: int


def history(ctx: Context, supplier_id: int | None = None) -> list[ImportRecord]:
    """Every import, newest first (replaced ones keep their figures, not their lines)."""
    s = Supplier.__table__.c
    query = (select(_I.id, s.label, _I.file_name, _I.state, _I.started_at, _I.lines,
                    _I.skipped, _I.added, _I.removed, _I.price_up, _I.price_down)
             .join_from(CatalogueImport.__table__, Supplier.__table__, s.id == _I.supplier_id)
             .order_by(_I.id.desc()))
    if supplier_id is not None:
        query = query.where(_I.supplier_id == supplier_id)
    with ctx.db.engine.connect() as conn:
        return [ImportRecord(*r) for r in conn.execute(query)]
