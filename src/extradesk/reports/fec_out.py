"""The FEC file as article A47 A-1 of the LPF describes it: one header row of the 18 field
names, tab-separated, amounts with a decimal comma and no thousands separator, dates
AAAAMMJJ; no field may hold a tab or a line break (they would shift the columns)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

ENCODING = "iso8859_15"  # Latin-9 (the € and œ), one of the encodings the DGFiP reads
_BLANKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


def _text(value) -> str:
    if value.__class__ is not str:
        if value is None:
            return ""
        value = str(value)
    return value if value.isprintable() else value.translate(_BLANKS)


def _money(value) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",") if isinstance(value, Decimal) else _text(value)


def _dates() -> Callable[[Any], str]:
    seen: dict[date, str] = {}  # a few hundred days for hundreds of thousands of lines

    def convert(value) -> str:
        if value is None:
            return ""
        if not isinstance(value, date):
            return _text(value)
        found = seen.get(value)
        if found is None:
            found = seen[value] = f"{value.year:04d}{value.month:02d}{value.day:02d}"
        return found

    return convert


def write_fec(handle: IO[str], *, header: Sequence[str], rows: Iterable[Sequence],
              kinds: Sequence[str] | None = None) -> int:
    """Stream the rows to `handle` (text, opened with ENCODING and errors="replace");
    returns how many were written. `kinds` ("money", "date", else text) per column."""
    dates = _dates()
    convert = [_money if k == "money" else dates if k == "date" else _text
               for k in (kinds or ["text"] * len(header))]
    handle.write("\t".join(header) + "\r\n")
    count = 0
    for row in rows:
        handle.write("\t".join([c(v) for c, v in zip(convert, row, strict=True)]) + "\r\n")
        count += 1
    return count
