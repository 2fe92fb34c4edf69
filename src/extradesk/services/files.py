"""Files written for the user (PDF, CSV, ICS, exports): atomically, and only where asked.

The bytes go to a temporary file in the target's folder, are flushed to the disk, then
renamed over the target: a full disk, a crash or a missing right leaves the previous file
intact and no temporary file behind. A symbolic link given as the target is followed (the
file it points to is replaced, the link stays)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from extradesk.core.errors import StorageError
from extradesk.i18n.os_errors import describe_os_error

TEMP_PREFIX, TEMP_SUFFIX = ".extradesk-", ".partial"


def _target(path: str | Path) -> Path:
    path = Path(path)
    try:
        if path.is_symlink():
            path = path.resolve()
        is_dir = path.is_dir()
    except OSError as exc:  # a name too long, a loop of links
        raise StorageError("file.write_failed", path=str(path),
                           detail=describe_os_error(exc, path)) from exc
    if is_dir:
        raise StorageError("file.write_failed", path=str(path),
                           detail=describe_os_error(IsADirectoryError(21, "is a directory"),
                                                    path))
    return path


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "wb", *, encoding: str | None = None,
                newline: str | None = None) -> Iterator[IO]:
    """`with atomic_open(p, "w", encoding=…) as out:` — the file appears whole or not at all.

    Raises StorageError `file.write_failed` with a French reason."""
    target = _target(path)
    temp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
        temp = Path(name)
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():  # keep the permissions the user gave the file
            with contextlib.suppress(OSError):
                os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise StorageError("file.write_failed", path=str(target),
                           detail=describe_os_error(exc, target)) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` atomically; returns the path written (a link's target)."""
    target = _target(path)
    with atomic_open(target, "wb") as out:
        out.write(data)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
