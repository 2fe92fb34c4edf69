"""The FEC file as article A47 A-1 of the LPF describes it: one header row of the 18 field
names, tab-separated, amounts with a decimal comma and no thousands separator, dates
AAAAMMJJ; no field may hold a tab or a line break (they would shift the columns)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO

ENCODING = "iso8859_15"  # Latin-9 (the € and œ), one of the encodings the DGFiP reads


def _field(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_fec(handle: IO[str], *, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Stream the rows to `handle` (text, opened with ENCODING and errors="replace");
    returns how many were written."""
    handle.write("\t".join(header) + "\r\n")
    count = 0
    for row in rows:
        handle.write("\t".join(_field(v) for v in row) + "\r\n")
        count += 1
    return count
