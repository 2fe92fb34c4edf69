"""Reading a supplier's price file: detect its format, then stream its rows one at a time.

No database here. The file is never held whole in memory: sniff() reads a sample,
records() reads blocks of whole lines (text_blocks: bounded line length, each block decoded
at once, line by line only when a block does not decode, so that a wrong encoding is
still reported with its line number) and checks `cancelled` as it goes.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from extradesk.core.catalogue_text import (
    FIELDS,
    PRICE_FIELDS,
    fold_label,
    guess_mapping,
    normalise_ref,
    parse_number,
    unit_price,
)
from extradesk.core.errors import ExtradeskError, Problem, ValidationError
from extradesk.core.text import clean
from extradesk.services.catalogues import text_blocks
from extradesk.services.catalogues.text_blocks import UTF16

SAMPLE_BYTES = 1 << 20  # enough to see accents and quotes, small enough to be instant
MAX_LINE_BYTES = text_blocks.MAX_LINE_BYTES
SAMPLE_ROWS = 50
DELIMITERS = (";", "\t", ",")
ENCODING_NAMES = {"utf-8-sig": "UTF-8 (avec BOM)", "utf-8": "UTF-8",
                  "cp1252": "Windows-1252", "latin-1": "ISO-8859-1", "utf-16": "UTF-16"}
DELIMITER_NAMES = {";": "point-virgule (;)", ",": "virgule (,)", "\t": "tabulation"}
DECIMAL_NAMES = {",": "virgule (12,50)", ".": "point (12.50)"}
MAX_REF = 60
MAX_TEXT = 300
CHECK_EVERY = 2000  # rows between two looks at `cancelled` and two progress reports
# 0x80-0x9F: printable in Windows-1252 (€ ’ œ …), control characters in ISO-8859-1.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


class Cancelled(ExtradeskError):
    """The user stopped a long read or import; nothing was kept."""

    def __init__(self) -> None:
        super().__init__("catalogue.cancelled")


@dataclass(frozen=True)
class FileFormat:
    encoding: str  # a Python codec name, a key of ENCODING_NAMES
    delimiter: str
    decimal: str  # "," or "."
    has_header: bool = True


@dataclass(frozen=True)
class Sniffed:
    format: FileFormat
    headers: list[str]  # column titles, or "Colonne 1"… without a header row
    sample: list[list[str]]  # first rows after the header, raw cells
    size: int  # bytes


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    line: int  # 1-based line of the file where the row starts
    ref: str
    ref_norm: str
    label: str
    label_folded: str
    family: str | None
    sub_family: str | None
    unit: str | None
    purchase_price: Decimal | None
    public_price: Decimal | None
    vat_rate: Decimal | None
    ean: str | None

    @classmethod
    def from_record(cls, r: tuple) -> CatalogueRow:
        return cls(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _decimal(r[8], 4),
                   _decimal(r[9], 4), _decimal(r[10], 2), r[11])


def _decimal(scaled: int | None, places: int) -> Decimal | None:
    return None if scaled is None else Decimal(scaled).scaleb(-places)


def _refuse(message_id: str, **params) -> ValidationError:
    return ValidationError([Problem(None, message_id, params)])


def has_utf16_bom(sample: bytes) -> bool:
    return sample[:2] in (b"\xff\xfe", b"\xfe\xff")


def detect_encoding(sample: bytes) -> str:
    if has_utf16_bom(sample):
        return UTF16
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A sample cut inside a multi-byte character is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    # ISO-8859-1 text never uses 0x80-0x9F (control characters there) and reads the same
    # in Windows-1252, its superset and what French spreadsheets write: that is the answer
    # unless a byte undefined in Windows-1252 shows up.
    high = {b for b in sample if 0x80 <= b <= 0x9F}
    return "latin-1" if high & _CP1252_UNDEFINED else "cp1252"


def _lines(data: str) -> list[str]:
    return [line for line in data.splitlines() if line.strip()][:SAMPLE_ROWS]


def detect_delimiter(lines: list[str]) -> str:
    """The delimiter giving the same number (> 1) of fields on most lines, the most fields."""
    best, best_score = ";", (-1.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = (counts.count(common) / len(counts), common)
        if score > best_score:
            best, best_score = delimiter, score
    if best_score[1] == 0:
        raise _refuse("catalogue.no_columns")
    return best


def detect_decimal(rows: list[list[str]], delimiter: str) -> str:
    votes = {",": 0, ".": 0}
    for row in rows:
        for cell in row:
            cell = cell.strip()
            if not cell or not any(c.isdigit() for c in cell):
                continue
            comma, point = cell.rfind(","), cell.rfind(".")
            try:
                parse_number(cell, ",")
            except ValueError:
                continue
            if comma > point and len(cell) - comma - 1 != 3:
                votes[","] += 1
            elif point > comma and len(cell) - point - 1 != 3:
                votes["."] += 1
    if votes["."] > votes[","]:
        return "."
    return "," if votes[","] or delimiter != "," else "."


def _looks_numeric(cell: str) -> bool:
    try:
        return parse_number(cell, ",") is not None
    except ValueError:
        return False


def detect_header(rows: list[list[str]]) -> bool:
    """A first row with no number where later rows have numbers, or with known titles."""
    if not rows:
        return False
    first = rows[0]
    if guess_mapping(first):
        return True
    later_numbers = any(_looks_numeric(c) for row in rows[1:] for c in row)
    return later_numbers and not any(_looks_numeric(c) for c in first)


def sniff(path: str | Path, *, encoding: str | None = None,
          delimiter: str | None = None, has_header: bool | None = None) -> Sniffed:
    """Detect the format (each part may be imposed by the user) and read a sample."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            raw = f.read(SAMPLE_BYTES)
    except OSError as exc:
        raise _refuse("catalogue.unreadable", path=str(path), detail=exc.strerror or exc) from exc
    if not raw.strip():
        raise _refuse("catalogue.empty", path=path.name)
    if has_utf16_bom(raw):
        encoding = UTF16  # a BOM says it for sure, whatever was remembered or imposed
    elif b"\x00" in raw:
        raise _refuse("catalogue.not_text", path=path.name)
    encoding = encoding or detect_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    if "\x00" in text:
        raise _refuse("catalogue.not_text", path=path.name)
    if len(raw) == SAMPLE_BYTES:  # drop the line cut by the sample's end
        text = text[: text.rfind("\n") + 1] or text
    lines = _lines(text)
    delimiter = delimiter or detect_delimiter(lines)
    rows = [r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
    if has_header is None:
        has_header = detect_header(rows)
    width = max((len(r) for r in rows), default=0)
    if has_header and rows:
        headers = [h.strip() for h in rows[0]] + [""] * (width - len(rows[0]))
        headers = [h or f"Colonne {i + 1}" for i, h in enumerate(headers)]
        body = rows[1:]
    else:
        headers, body = [f"Colonne {i + 1}" for i in range(width)], rows
    fmt = FileFormat(encoding, delimiter, detect_decimal(body, delimiter), has_header)
    return Sniffed(fmt, headers, body[:SAMPLE_ROWS], size)


# A record: what one good line becomes, in the order catalogue_store writes it; prices are
# integers already scaled (1/10000 for prices, 1/100 for the VAT rate, DESIGN.md §3).
Record = tuple  # (line, ref, ref_norm, label, label_folded, family, sub_family, unit,
#                  purchase_price, public_price, vat_rate, ean)


def records(
    path: str | Path,
    fmt: FileFormat,
    mapping: dict[str, int],
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    part: Part | None = None,
) -> Iterator[Record | Problem]:
    """Every data row of the file as a Record tuple, or a Problem naming its line.

    Blank lines are skipped silently. Raises Cancelled as soon as `cancelled()` is true.
    progress(bytes read, bytes to read) is called every CHECK_EVERY rows. `part`: only the
    rows that start on its lines (catalogue_read reads a big file in parts).
    """
    if "ref" not in mapping:
        raise _refuse("catalogue.ref_unmapped")
    path = Path(path)
    part = part or Part()
    size = os.path.getsize(path)
    total = (part.end if part.end is not None else size) - part.start
    shift = part.first_line - 1  # numbers below count from the part's first line
    stop = None if part.stop_line is None else part.stop_line - shift
    needed = max(mapping.values()) + 1
    idx = {field: mapping.get(field) for field in FIELDS}
    bad: list[int] = []
    with path.open("rb") as f:
        f.seek(part.start)
        if fmt.encoding == UTF16:
            if part.start:  # catalogue_read never cuts a UTF-16 file
                raise ValueError("a UTF-16 file is read from its start")
            blocks = text_blocks.utf16_blocks(f, bad)
        else:
            blocks = text_blocks.blocks(f, fmt.encoding, bad, at_start=part.start == 0,
                                        shift=shift)
        lines = itertools.chain.from_iterable(blocks)
        reader = csv.reader(lines, delimiter=fmt.delimiter)
        make = _record_maker(idx, fmt.decimal)
        header_pending = fmt.has_header and part.start == 0
        count = 0
        while True:
            start = reader.line_num + 1
            if stop is not None and start >= stop:
                part.boundary = start + shift  # where the next row starts
                break
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Problem(None, "catalogue.line_broken", {"line": start + shift,
                                                             "detail": str(exc)})
                continue
            count += 1
            if count % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(min(f.tell() - part.start, total), total)
            if not "".join(cells).strip():
                continue
            if header_pending:
                header_pending = False
                continue
            if bad and _spans_bad(bad, start, reader.line_num):
                yield Problem(None, "catalogue.line_encoding",
                              {"line": start + shift,
                               "encoding": ENCODING_NAMES.get(fmt.encoding, fmt.encoding)})
                continue
            if len(cells) < needed:
                yield Problem(None, "catalogue.line_short",
                              {"line": start + shift, "found": len(cells), "expected": needed})
                continue
            yield make(start + shift, cells)
    if progress is not None:
        progress(total, total)


@dataclass
class Part:
    """A piece of a file read on its own: the rows that start on lines first_line up to
    stop_line (excluded), reading from byte `start` (the start of line first_line).

    After reading, `boundary` is the line the first row past the part starts on, or None
    at the end of the file: the part was cut between two rows only if it equals stop_line
    (a quoted field may hold line breaks). `end`: the byte the part ends at, for progress.
    """

    start: int = 0
    first_line: int = 1
    stop_line: int | None = None
    end: int | None = None
    boundary: int | None = None


def _spans_bad(bad: list[int], first: int, last: int) -> bool:
    """Whether a row on lines first..last holds a line that did not decode (`bad` is
    sorted: blocks are decoded in order, possibly ahead of the row being read)."""
    at = bisect.bisect_left(bad, first)
    return at < len(bad) and bad[at] <= last


def rows(
    path: str | Path,
    fmt: FileFormat,
    mapping: dict[str, int],
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[CatalogueRow | Problem]:
    """records() as CatalogueRow values with Decimal prices (preview, tests, one-offs)."""
    for item in records(path, fmt, mapping, cancelled=cancelled, progress=progress):
        yield item if isinstance(item, Problem) else CatalogueRow.from_record(item)


def _scaled(text: str, decimal: str, places: int) -> int:
    """A non-empty number as written -> integer in 1/10**places; ValueError if not one.

    Plain numbers ('12', '1234,5' with the file's decimal mark, no more decimals than
    kept) skip parse_number and Decimal; everything else goes the careful way."""
    head, mark, tail = text.partition(decimal)
    digits = head + tail
    if head and (tail or not mark) and len(tail) <= places and digits.isdigit() \
            and digits.isascii():
        return int(digits) * 10 ** (places - len(tail))
    number = parse_number(text, decimal)
    if number is None:
        raise ValueError(text)
    if places == 2:  # the VAT rate: kept to the hundredth
        return int(number.quantize(Decimal("0.01")).scaleb(2))
    return int(unit_price(number).scaleb(places))


def _tidy(cells: list[str]) -> bool:
    """Whether every cell is already what " ".join(cell.split()) makes of it, checked on
    the joined row in a few C-speed calls: a printable string holds no whitespace but
    the ASCII space, so none at either end of a cell and no two in a row is enough
    (a "|" inside a cell can only send a tidy row the slow way)."""
    joined = "|".join(cells)
    return (joined.isprintable() and "  " not in joined and " |" not in joined
            and "| " not in joined and joined[:1] != " " and joined[-1:] != " ")


def _record_maker(idx: dict[str, int | None], decimal: str
                  ) -> Callable[[int, list[str]], Record | Problem]:
    """The per-line conversion, with the column indexes bound once (a million calls).

    Written for speed, since it runs once per line: whitespace is collapsed only in rows
    that need it (_tidy), an unmapped field reads the "" appended to the row, and plain
    numbers are read inline.
    """
    def at(field: str) -> int:
        index = idx[field]
        return -1 if index is None else index

    i_ref, i_label, i_family, i_sub, i_unit, i_ean = (
        at(f) for f in ("ref", "label", "family", "sub_family", "unit", "ean"))
    # (field, column, places kept, factor by count of decimals written)
    numbers = [(field, at(field), places, [10 ** (places - n) for n in range(places + 1)])
               for field in (*PRICE_FIELDS, "vat_rate")
               for places in (2 if field == "vat_rate" else 4,)]
    scaled, tidy = _scaled, _tidy

    def make(line: int, cells: list[str]) -> Record | Problem:
        if not tidy(cells):  # NUL and control characters go here too (not printable)
            cells = [" ".join(clean(v).split()) for v in cells]
        cells.append("")  # what unmapped fields read (records() checked the row's width)
        ref = cells[i_ref]
        if not ref:
            return Problem("ref", "catalogue.ref_missing", {"line": line})
        if len(ref) > MAX_REF:
            return Problem("ref", "catalogue.ref_too_long", {"line": line, "limit": MAX_REF})
        values: list[int | None] = []
        for field, index, places, factors in numbers:
            value = cells[index]
            if not value:
                values.append(None)
                continue
            # _scaled's plain case, inline: most cells are digits and one decimal mark.
            head, mark, tail = value.partition(decimal)
            digits = head + tail
            if (head and (tail or not mark) and len(tail) <= places and digits.isdigit()
                    and digits.isascii()):
                number = int(digits) * factors[len(tail)]
            else:
                try:
                    number = scaled(value, decimal, places)
                except ValueError:
                    return Problem(field, f"catalogue.not_a_number.{field}",
                                   {"line": line, "value": value})
                if number < 0:
                    return Problem(field, f"catalogue.negative.{field}",
                                   {"line": line, "value": value})
            if places == 2:
                if 0 < number < 100:  # 0,2 written for 20 %
                    number *= 100
                if number > 10_000:
                    return Problem(field, "catalogue.vat_invalid",
                                   {"line": line, "value": value})
            values.append(number)
        label = cells[i_label][:MAX_TEXT]
        return (line, ref, normalise_ref(ref), label, fold_label(label),
                cells[i_family][:100] or None, cells[i_sub][:100] or None,
                cells[i_unit][:20] or None, values[0], values[1], values[2],
                cells[i_ean][:20] or None)

    return make


def preview(path: str | Path, fmt: FileFormat, mapping: dict[str, int],
            limit: int = 20) -> list[CatalogueRow | Problem]:
    """The first `limit` rows with the mapping applied, errors included (reads only those)."""
    out: list[CatalogueRow | Problem] = []
    for item in rows(path, fmt, mapping):
        out.append(item)
        if len(out) >= limit:
            break
    return out
