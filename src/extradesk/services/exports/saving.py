"""An export written to a file (CSV or xlsx), atomically, cancellable between rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from extradesk.core.errors import StorageError
from extradesk.i18n.exports import TITLES, cell_label, column_label
from extradesk.reports import table_out
from extradesk.services import files
from extradesk.services.context import Context
from extradesk.services.exports.catalog import run_export
from extradesk.services.exports.model import ExportQuery, Table


def writer_options(table: Table, *, rows: Iterable | None = None) -> dict:
    keys = [c.key for c in table.columns]
    return {"header": [column_label(k) for k in keys], "kinds": [c.kind for c in table.columns],
            "rows": table.rows if rows is None else rows, "total": table.total,
            "label": lambda column, value: cell_label(keys[column], value)}


def save_export(ctx: Context, name: str, *, query: ExportQuery, path: Path,
                xlsx: bool = False, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[Table, int]:
    """Run export `name` and write it to `path`; returns (the table, rows written). A cancel
    or an error leaves no file (the previous one, if any, intact)."""
    table = run_export(ctx, name, query=query)
    rows = list(table.rows) if not isinstance(table.rows, list) else table.rows
    total = len(rows)

    def watched():
        for done, row in enumerate(rows, start=1):
            if cancelled is not None and cancelled():
                raise StorageError("export.cancelled")
            if progress is not None and done % 500 == 0:
                progress(done, total)
            yield row

    options = writer_options(table, rows=watched())
    if xlsx:
        with files.atomic_open(path, "wb") as out:
            count = table_out.write_xlsx(out, title=TITLES[name], **options)
    else:
        with files.atomic_open(path, "w", encoding="utf-8-sig", newline="") as out:
            count = table_out.write_csv(out, **options)
    if progress is not None:
        progress(total, total)
    return table, count
