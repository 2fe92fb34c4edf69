"""A price file's text as blocks of whole lines, decoded a block at a time (parse.records
reads them through the csv module); never the whole file in memory."""

from __future__ import annotations

import io
from collections.abc import Iterator

from extradesk.core.errors import Problem, ValidationError

MAX_LINE_BYTES = 1 << 20  # a "line" longer than this is not a catalogue line
UTF16 = "utf-16"  # with its BOM (either byte order): Excel's "Texte Unicode" and others
BLOCK_BYTES = 1 << 20  # read and decode this much at a time, never the whole file


def _too_long(line: int) -> ValidationError:
    return ValidationError([Problem(None, "catalogue.line_too_long",
                                    {"line": line, "limit": MAX_LINE_BYTES // 1024})])


def blocks(f, encoding: str, bad: list[int], *, at_start: bool = True, shift: int = 0
           ) -> Iterator[io.StringIO]:
    """The file's text one block of whole lines at a time, one decode per block (a decode
    per line costs more than the rest of the reading). A block that does not decode is
    decoded line by line: the line numbers that fail go to `bad` and those lines are read
    with replacement characters, so that line numbers stay right.

    Lines end at b"\n" only, as with readline(); each block is a StringIO that splits on
    "\n" only, keeping the ends the csv module needs inside quoted fields. Line numbers
    count from where `f` stands (`shift` lines into the file, for messages); `at_start`:
    it stands at the file's start (where a BOM may be).
    """
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    number = 0  # lines handed out so far
    rest = b""
    first = at_start
    while True:
        data = f.read(BLOCK_BYTES)
        if data:
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            data = data[:cut]
            if len(rest) >= MAX_LINE_BYTES:
                raise _too_long(shift + number + data.count(b"\n") + 1)
            if not data:
                continue
        else:
            data, rest = rest, b""
            if not data:
                return
        if first:
            first = False
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pieces = []
            for offset, raw in enumerate(data.split(b"\n")):
                try:
                    pieces.append(raw.decode(codec))
                except UnicodeDecodeError:
                    bad.append(number + offset + 1)
                    pieces.append(raw.decode(codec, errors="replace"))
            text = "\n".join(pieces)
        number += data.count(b"\n")
        yield io.StringIO(text, newline="\n")


def utf16_blocks(f, bad: list[int]) -> Iterator[io.StringIO]:
    """blocks() for UTF-16, whose line ends are two bytes (b"\n\x00" or b"\x00\n"): the file
    is decoded as a stream (the codec reads the BOM and the byte order), then cut at "\n".
    A line holding what does not decode (a lone surrogate) goes to `bad`, read with
    replacement characters. Read from the start only: never cut into parts."""
    stream = io.TextIOWrapper(f, encoding=UTF16, errors="replace", newline="")
    number = 0
    rest = ""
    while True:
        data = stream.read(BLOCK_BYTES // 2)
        if data:
            data = rest + data
            cut = data.rfind("\n") + 1
            rest = data[cut:]
            data = data[:cut]
            if len(rest) >= MAX_LINE_BYTES // 2:
                raise _too_long(number + data.count("\n") + 1)
            if not data:
                continue
        else:
            data, rest = rest, ""
            if not data:
                stream.detach()  # the caller closes the file
                return
        if "\ufffd" in data:
            bad.extend(number + offset + 1 for offset, line in enumerate(data.split("\n"))
                       if "\ufffd" in line)
        number += data.count("\n")
        yield io.StringIO(data, newline="\n")
