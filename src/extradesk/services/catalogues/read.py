"""Reading a price file into scratch databases, several parts at once when it is big.

Reading is the costliest step of an import (CSV, numbers, folding: ~12 µs a line in
Python) and one process uses one core. The rows go to scratch SQLite files (no journal,
no sync, no index: plain appends) in a folder of their own, never into the database: a
2 GB file read for minutes takes no lock, and a cancel or a crash leaves nothing there.
catalogue_store.publish() then copies them in, part after part, in one transaction.

A big file is cut at line starts into byte ranges, one child process per range (a new
Python, not a fork: the parent may be a Qt application with threads, which fork would copy
half-locked). Each child writes its own scratch file, so nothing but a few counters and
problems crosses between processes. A cut is right only between two rows: a quoted field
may hold line breaks. Child k says on which line the first row after its range starts; if
that is not where part k+1 began, part k+1 began inside a row and the file is read again
whole in this process. So is it when a child dies without a word (killed, no memory).
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extradesk.core.errors import ExtradeskError, Problem, StorageError, ValidationError
from extradesk.services.catalogues import parse

log = logging.getLogger(__name__)

CHUNK = 20_000  # rows per executemany into a scratch file
SHOWN_PROBLEMS = 50  # problems kept per part, with their line numbers; the rest are counted
PARALLEL_MIN_BYTES = 16 << 20  # under this, starting processes costs more than it saves
MAX_PARTS = 4
WAIT_SECONDS = 0.1  # between two looks at `cancelled` while the children read
# Columns in the order of a record (catalogue_parse.records), so that records go to
# executemany as they are: reshaping a million tuples costs more than storing `line`.
COLUMNS = ("line", "ref", "ref_norm", "label", "label_folded", "family", "sub_family", "unit",
           "purchase_price", "public_price", "vat_rate", "ean")
TABLE = "lines"


@dataclass
class PartResult:
    lines: int = 0  # rows written to the scratch file
    bad: int = 0  # rows refused
    problems: list[Problem] = field(default_factory=list)  # the first SHOWN_PROBLEMS
    boundary: int | None = None  # see catalogue_parse.Part


@dataclass
class ReadResult:
    lines: int
    bad: int
    problems: list[Problem]  # the first SHOWN_PROBLEMS in file order
    files: list[Path]  # scratch databases holding the rows, in file order


def default_parts() -> int:
    return max(1, min(MAX_PARTS, os.cpu_count() or 1))


def read(
    path: str | Path,
    fmt: parse.FileFormat,
    mapping: dict[str, int],
    folder: Path,
    *,
    strict: bool,
    parts: int | None = None,
    min_bytes: int | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReadResult:
    """Read the file's rows into scratch databases in `folder` (which the caller removes).

    strict: after a first bad row, rows are only checked, no more written (the file will
    be refused; reading on lists every bad line). Raises what catalogue_parse.records
    raises (ValidationError, Cancelled) whichever process met it.
    """
    path = Path(path)
    parts = default_parts() if parts is None else parts
    size = os.path.getsize(path)
    limit = PARALLEL_MIN_BYTES if min_bytes is None else min_bytes
    # UTF-16 is read in one process: its two-byte line ends cannot be cut as bytes.
    cuts = _cuts(path, size, parts) \
        if parts > 1 and size >= limit and fmt.encoding != parse.UTF16 else []
    if len(cuts) > 1:
        results = _in_children(path, fmt, mapping, folder, cuts, size, strict, cancelled,
                               progress)
        if results is not None:
            return _merged(results, [_scratch(folder, k) for k in range(len(cuts))])
    target = folder / "whole.sqlite3"  # the parts' files, if any, go with the folder
    result = read_part(path, fmt, mapping, parse.Part(), target, strict=strict,
                       cancelled=cancelled, progress=progress)
    return _merged([result], [target])


def _scratch(folder: Path, k: int) -> Path:
    return folder / f"part-{k}.sqlite3"


def _merged(results: list[PartResult], files: list[Path]) -> ReadResult:
    problems = [p for r in results for p in r.problems][:SHOWN_PROBLEMS]
    return ReadResult(sum(r.lines for r in results), sum(r.bad for r in results), problems,
                      files)


def read_part(path: str | Path, fmt: parse.FileFormat, mapping: dict[str, int],
              part: parse.Part, target: Path, *, strict: bool,
              cancelled: Callable[[], bool] | None = None,
              progress: Callable[[int, int], None] | None = None) -> PartResult:
    """One part of the file into a new scratch database `target`."""
    result = PartResult()
    try:
        scratch = sqlite3.connect(target, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError("storage.failed", detail=str(exc)) from exc
    try:
        # A scratch file: no journal, no sync; a crash loses it, and nothing needs it then.
        scratch.execute("PRAGMA journal_mode=OFF")
        scratch.execute("PRAGMA synchronous=OFF")
        scratch.execute(f"CREATE TABLE {TABLE} ({', '.join(COLUMNS)})")
        insert = f"INSERT INTO {TABLE} VALUES ({','.join('?' * len(COLUMNS))})"
        chunk: list[tuple] = []
        for item in parse.records(path, fmt, mapping, cancelled=cancelled,
                                  progress=progress, part=part):
            if isinstance(item, Problem):
                result.bad += 1
                if len(result.problems) < SHOWN_PROBLEMS:
                    result.problems.append(item)
                continue
            if strict and result.bad:
                continue  # refused anyway
            chunk.append(item)
            if len(chunk) >= CHUNK:
                _write(scratch, insert, chunk)
                result.lines += len(chunk)
                chunk = []
        if chunk and not (strict and result.bad):
            _write(scratch, insert, chunk)
            result.lines += len(chunk)
    except sqlite3.Error as exc:
        raise StorageError("storage.failed", detail=str(exc)) from exc
    finally:
        scratch.close()
    result.boundary = part.boundary
    return result


def _write(scratch: sqlite3.Connection, insert: str, chunk: list[tuple]) -> None:
    scratch.execute("BEGIN")
    scratch.executemany(insert, chunk)
    scratch.execute("COMMIT")


def _cuts(path: Path, size: int, parts: int) -> list[parse.Part]:
    """The file cut into up to `parts` ranges of about the same size, at line starts."""
    starts = [0]
    with path.open("rb") as f:
        for k in range(1, parts):
            f.seek(max(size * k // parts, starts[-1]))
            while (piece := f.readline(parse.MAX_LINE_BYTES)) and piece[-1:] != b"\n":
                pass  # on to the start of the next line, in bounded reads
            if f.tell() >= size:
                break
            if f.tell() > starts[-1]:
                starts.append(f.tell())
        # Line numbers of the starts: one pass counting line ends (C speed, ~0.1 s/100 MB).
        f.seek(0)
        first_lines, newlines, done = [1], 0, 0
        for start in starts[1:]:
            while done < start:
                block = f.read(min(1 << 20, start - done))
                newlines += block.count(b"\n")
                done += len(block)
            first_lines.append(newlines + 1)
    ends = [*starts[1:], size]
    stops = [*first_lines[1:], None]
    return [parse.Part(start=s, first_line=line, stop_line=stop, end=end)
            for s, line, stop, end in zip(starts, first_lines, stops, ends, strict=True)]


CHILD_FLAG = "--catalogue-reader"  # argv of a child; installer/launch.py knows it too


def child_command() -> list[str]:
    """How to start a child: this module as a script, or the bundled app with the flag."""
    if getattr(sys, "frozen", False):  # PyInstaller: sys.executable is extradesk itself
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", __name__, CHILD_FLAG]


def _in_children(path, fmt, mapping, folder, cuts, size, strict, cancelled,
                 progress) -> list[PartResult] | None:
    """Every part read by a child; None when the file must be read again here (a cut
    fell inside a row, or a child died).

    Plain subprocesses rather than multiprocessing: a child starts as a bare Python with
    this module only (multiprocessing's spawn would import the parent's __main__ again,
    Qt included), and the frozen app starts itself with CHILD_FLAG. One thread per child
    reads its messages, so the loop here can also watch `cancelled`, on every platform.
    """
    inbox: queue.Queue = queue.Queue()
    children: list[subprocess.Popen] = []
    try:
        for k, part in enumerate(cuts):
            # stderr to a file, not a pipe: a chatty child must never block on a full pipe.
            with _errors_file(folder, k).open("wb") as errors:
                child = subprocess.Popen(
                    child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=errors, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
            children.append(child)
            try:
                pickle.dump((str(path), fmt, mapping, part, str(_scratch(folder, k)), strict),
                            child.stdin)
                child.stdin.close()
            except OSError:  # gone already (a broken pipe): _listen reports how it ended
                pass
            threading.Thread(target=_listen, args=(k, child, inbox, _errors_file(folder, k)),
                             daemon=True,
                             name=f"catalogue-reader-{k}").start()
        done = [0] * len(cuts)
        results: list[PartResult | None] = [None] * len(cuts)
        waiting = len(cuts)
        while waiting:
            if cancelled is not None and cancelled():
                raise parse.Cancelled()
            try:
                k, message = inbox.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                continue
            if message[0] == "progress":
                done[k] = message[1]
                if progress is not None:
                    progress(sum(done), size)
                continue
            waiting -= 1
            if message[0] in ("died", "crashed"):  # killed, no memory, a bug: see here
                log.warning("catalogue reader %d failed (%s); reading the file again in "
                            "one process", k, message[1])
                return None
            if message[0] != "end":
                _raise(message)
            results[k] = result = message[1]
            if k + 1 < len(cuts) and result.boundary != cuts[k].stop_line:
                log.info("catalogue file cut inside a row at line %s; reading it again in "
                         "one process", cuts[k].stop_line)
                return None
        return [r for r in results if r is not None]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:  # pragma: no cover - a kill not yet done
                log.warning("catalogue reader %d did not stop", child.pid)


def _errors_file(folder: Path, k: int) -> Path:
    return folder / f"part-{k}.stderr"


def _listen(k: int, child: subprocess.Popen, inbox: queue.Queue, errors: Path) -> None:
    """Pass a child's messages on until it ends; a child that ends without "end" died."""
    ended = False
    try:
        while not ended:
            message = pickle.load(child.stdout)
            ended = message[0] != "progress"
            inbox.put((k, message))
    except Exception:  # noqa: BLE001 - EOF, a broken pipe, garbage: the child is gone
        code = child.wait()
        try:
            detail = errors.read_text("utf-8", "replace").strip()[-2000:]
        except OSError:
            detail = ""
        inbox.put((k, ("died", f"exit code {code}; {detail}")))
    finally:
        child.stdout.close()


def _raise(message: tuple) -> None:
    kind = message[0]
    if kind == "refused":
        raise ValidationError(message[1])
    if kind == "cancelled":
        raise parse.Cancelled()
    raise ExtradeskError(message[1], **message[2])  # "failed"


def child_main() -> None:
    """A child: read one part (arguments pickled on stdin) into its scratch file; write
    ("progress", bytes read) now and then, then ("end", PartResult), or one message
    saying why it could not, pickled on stdout."""
    # The pipes by their descriptors: a windowed app (pythonw, a bundle without console)
    # may have no sys.stdin / sys.stdout objects at all.
    out = open(1, "wb", closefd=False)  # noqa: SIM115 - the process's own descriptor

    def say(message: tuple) -> None:
        pickle.dump(message, out)
        out.flush()

    with open(0, "rb", closefd=False) as arguments:
        path, fmt, mapping, part, target, strict = pickle.load(arguments)
    try:
        result = read_part(path, fmt, mapping, part, Path(target), strict=strict,
                           progress=lambda done, _total: say(("progress", done)))
        say(("end", result))
    except ValidationError as exc:
        say(("refused", exc.problems))
    except parse.Cancelled:
        say(("cancelled",))
    except ExtradeskError as exc:
        say(("failed", exc.message_id, exc.params))
    except Exception as exc:  # noqa: BLE001 - said to the parent, which logs it
        say(("crashed", repr(exc)))


if __name__ == "__main__" and sys.argv[1:] == [CHILD_FLAG]:
    # Run as a script, this module is __main__: its classes must travel under their real
    # module's name, so the real module does the work.
    from extradesk.services.catalogues.read import child_main as run

    run()
