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


def _converters(kinds: Sequence[str], label: Callable[[int, Any], Any],
                labelled: Collection[int] | None) -> list[Callable[[Any], Any]]:
    """One function per column, chosen once: a million rows of seventeen cells are spent
    mostly here, so no cell asks again what its column is."""
    out = []
    for index, kind in enumerate(kinds):
        named = labelled is None or index in labelled

        def convert(value, kind=kind, index=index, named=named):
            if value is None:
                return ""
            if named:
                value = label(index, value)
            if value.__class__ is str and kind != MONTH:
                return safe_cell(value) if value[:1] in _RISKY else value
            if kind in (MONEY, PERCENT) and isinstance(value, Decimal):
                return f"{value:f}".replace(".", ",")
            if kind == DATE and isinstance(value, date):
                return _day_text(value)
            return _csv_cell(kind, value)

        out.append(convert)
    return out


def write_csv(handle: IO[str], *, header: Sequence[str], kinds: Sequence[str],
              rows: Iterable[Sequence], total: Sequence | None = None,
              label: Callable[[int, Any], Any] = lambda _i, v: v,
              labelled: Collection[int] | None = None) -> int:
    """Stream the rows to `handle` (opened with newline="" and the BOM encoding); returns
    how many were written (the total row not counted). `label(column, value)` turns codes
    into words (a kind, an outcome), in the `labelled` columns only when given."""
    writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    converters = _converters(kinds, label, labelled)
    count = 0
    for row in rows:
        writer.writerow([convert(v) for convert, v in zip(converters, row, strict=True)])
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
