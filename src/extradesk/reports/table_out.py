"""An export's table as CSV French Excel opens at once (UTF-8 with BOM, `;`, decimal comma,
JJ/MM/AAAA, formulas neutralised) or as xlsx with typed numbers and dates (XlsxWriter,
constant memory: rows go to disk as they come)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

from extradesk.reports.csv_out import DELIMITER, safe_cell

_RISKY = frozenset("=+-@\t\r")

MONEY, COUNT, DATE, PERCENT, MONTH = "money", "count", "date", "percent", "month"


def _csv_cell(kind: str, value: Any) -> Any:
    if value is None:
        return ""
    if kind in (MONEY, PERCENT) and isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")  # no thousands separator: Excel reads a number
    if kind == DATE and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if kind == MONTH and isinstance(value, str) and len(value) == 7:
        return f"{value[5:]}/{value[:4]}"
    return value


def _day_text(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"  # 3x strftime's speed


def write_csv(handle: IO[str], *, header: Sequence[str], kinds: Sequence[str],
              rows: Iterable[Sequence], total: Sequence | None = None,
              label: Callable[[int, Any], Any] = lambda _i, v: v,
              labelled: Collection[int] | None = None) -> int:
    """Stream the rows to `handle` (opened with newline="" and the BOM encoding); returns
    how many were written (the total row not counted). `label(column, value)` turns codes
    into words (a kind, an outcome), in the `labelled` columns only when given.

    A million rows of seventeen cells are spent mostly here: the columns are sorted by what
    they need once, and each row is fixed in place by index (no call per cell; csv writes
    None as an empty cell itself)."""
    writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    named = [i for i in range(len(kinds)) if labelled is None or i in labelled]
    money = [i for i, k in enumerate(kinds) if k in (MONEY, PERCENT)]
    days = [i for i, k in enumerate(kinds) if k == DATE]
    months = [i for i, k in enumerate(kinds) if k == MONTH]
    texts = [i for i, k in enumerate(kinds) if k not in (MONEY, PERCENT, DATE, MONTH)]
    seen: dict[date, str] = {}
    count = 0
    for row in rows:
        cells = list(row)
        if len(cells) != len(kinds):
            raise ValueError(f"row of {len(cells)} cells, {len(kinds)} columns")
        for i in named:
            if cells[i] is not None:
                cells[i] = label(i, cells[i])
        for i in money:
            value = cells[i]
            if value.__class__ is Decimal:
                cells[i] = f"{value:f}".replace(".", ",")
        for i in days:
            value = cells[i]
            if value is not None:
                text = seen.get(value)
                if text is None:
                    text = seen[value] = _day_text(value)
                cells[i] = text
        for i in months:
            cells[i] = _csv_cell(MONTH, cells[i])
        for i in texts:
            value = cells[i]
            if value.__class__ is str:
                if value[:1] in _RISKY:
                    cells[i] = safe_cell(value)
            elif value is not None:
                cells[i] = safe_cell(_csv_cell(kinds[i], value))
        writer.writerow(cells)
        count += 1
    if total is not None:
        writer.writerow([safe_cell(_csv_cell(k, v)) for k, v in zip(kinds, total, strict=True)])
    return count


def write_xlsx(target, *, title: str, header: Sequence[str], kinds: Sequence[str],
               rows: Iterable[Sequence], total: Sequence | None = None,
               label: Callable[[int, Any], Any] = lambda _i, v: v,
               labelled: Collection[int] | None = None) -> int:
    """The same table as an .xlsx workbook written to `target` (a path or a binary file)."""
    import xlsxwriter  # only when an xlsx is asked for

    book = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    formats = {MONEY: book.add_format({"num_format": "#,##0.00"}),
               PERCENT: book.add_format({"num_format": "0.0"}),
               DATE: book.add_format({"num_format": "dd/mm/yyyy"}),
               COUNT: book.add_format({"num_format": "0"}),
               MONTH: book.add_format({"num_format": "mm/yyyy"})}
    for col, name in enumerate(header):
        sheet.write_string(0, col, name, bold)
        sheet.set_column(col, col, max(12, min(40, len(name) + 2)))
    count = 0

    def put(row_index: int, row: Sequence, style=None) -> None:
        for col, (kind, value) in enumerate(zip(kinds, row, strict=True)):
            if value is None:
                continue
            if isinstance(value, Decimal):  # a cell holds a double: exact to the cent here
                sheet.write_number(row_index, col, float(value), style or formats.get(kind))
            elif isinstance(value, date):
                sheet.write_datetime(row_index, col, value, formats[DATE])
            elif isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(row_index, col, value, style or formats.get(kind))
            elif kind == MONTH and isinstance(value, str) and len(value) == 7:
                sheet.write_datetime(row_index, col, date(int(value[:4]), int(value[5:]), 1),
                                     formats[MONTH])
            else:
                sheet.write_string(row_index, col, str(value), style)

    for row in rows:
        count += 1
        put(count, [label(i, v) if labelled is None or i in labelled else v
                    for i, v in enumerate(row)])
    if total is not None:
        put(count + 1, total, None)
    book.close()
    return count
