"""An export written to a file (CSV or xlsx), atomically, cancellable between rows."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

from extradesk.core.errors import StorageError
from extradesk.i18n.exports import LABELLED, TITLES, cell_label, column_label
from extradesk.reports import fec_out, table_out
from extradesk.services import files
from extradesk.services.context import Context
from extradesk.services.exports.catalog import run_export
from extradesk.services.exports.model import ExportQuery, Table


def writer_options(table: Table, *, rows: Iterable | None = None) -> dict:
    keys = [c.key for c in table.columns]
    memo: dict[tuple[int, object], object] = {}

    def label(column: int, value):  # a few codes repeated a million times: asked once each
        if keys[column] not in LABELLED:
            return value
        key = (column, value)
        if key not in memo:
            memo[key] = cell_label(keys[column], value)
        return memo[key]

    return {"header": [column_label(k) for k in keys], "kinds": [c.kind for c in table.columns],
            "rows": table.rows if rows is None else rows, "total": table.total,
            "label": label, "labelled": {i for i, k in enumerate(keys) if k in LABELLED}}


def save_export(ctx: Context, name: str, *, query: ExportQuery, path: Path,
                xlsx: bool = False, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[Table, int]:
    """Run export `name` and write it to `path`; returns (the table, rows written). A cancel
    or an error leaves no file (the previous one, if any, intact)."""
    table = run_export(ctx, name, query=query)
    total = table.size if table.size is not None else (
        len(table.rows) if isinstance(table.rows, list) else 0)  # 0: size unknown

    def watched():  # streamed: a million rows never sit in memory together
        done = 0
        for done, row in enumerate(table.rows, start=1):
            if cancelled is not None and done % 100 == 1 and cancelled():
                raise StorageError("export.cancelled")
            if progress is not None and done % 500 == 0:
                progress(done, max(total, done))
            yield row
        if cancelled is not None and cancelled():
            raise StorageError("export.cancelled")

    options = writer_options(table, rows=watched())
    if name == "fec" and not xlsx:
        with files.atomic_open(path, "wb") as raw:
            out = io.TextIOWrapper(raw, encoding=fec_out.ENCODING, errors="replace", newline="")
            count = fec_out.write_fec(out, header=options["header"], rows=options["rows"],
                                      kinds=options["kinds"])
            out.flush()
            out.detach()  # atomic_open closes the file itself
    elif xlsx:
        with files.atomic_open(path, "wb") as out:
            count = table_out.write_xlsx(out, title=TITLES[name], **options)
    else:
        with files.atomic_open(path, "w", encoding="utf-8-sig", newline="") as out:
            count = table_out.write_csv(out, **options)
    if progress is not None:
        progress(max(total, count), max(total, count))
    return table, count
