"""CSV as French Excel opens it (UTF-8 with BOM, `;`, CRLF), with no live formula inside.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a TAB or a CR as a formula
(`=HYPERLINK(…)`, `+cmd|…`, DDE): text that came from a client, a supplier's catalogue or a
calendar is written with a leading `'` (OWASP's advice), which Excel and LibreOffice show
as plain text. Numbers such as `-12,50` stay numbers."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

ENCODING = "utf-8-sig"
DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number as we write them (French or not): sign, digits, spaces, one decimal mark.
_NUMBER = re.compile(r"[+-]?[\d\u00a0\u202f ]*\d([.,]\d+)?([\u00a0\u202f ]?[%€])?")


def safe_cell(value: Any) -> Any:
    """`value`, or its text prefixed with `'` when a spreadsheet would evaluate it."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


class SafeWriter:
    """csv.writer whose every text cell goes through `safe_cell`."""

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
