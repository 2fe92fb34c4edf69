"""Scratch folders of catalogue reads: one per import, beside the database, removed after it;
the ones a killed import left behind are removed when the next import starts.

A folder in use holds OWNER, a file its import keeps open and locked (flock on POSIX,
msvcrt.locking on Windows) for as long as the folder lives. The system drops the lock with
the process, however it ends: a folder whose OWNER someone else can lock belongs to no
running import. No pid to trust (pids are reused) and no age to guess (a big import reads
for minutes, a killed one may be a minute old).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from extradesk.core.errors import StorageError

PREFIX = "catalogue-"
OWNER = "owner.lock"
# A folder without OWNER may be one another import is creating this very moment.
FRESH_SECONDS = 60

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: BinaryIO) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle: BinaryIO) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(handle: BinaryIO) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def in_use(folder: Path) -> bool:
    """Whether a running import owns `folder` (when in doubt: yes)."""
    try:
        handle = (folder / OWNER).open("r+b")
    except FileNotFoundError:
        return _fresh(folder)
    except OSError:
        return True
    with handle:
        if not _lock(handle):
            return True
        # Its owner locks OWNER, then writes its pid: an empty one may be a moment old.
        starting = not handle.read(1) and _fresh(folder)
        _unlock(handle)  # released before removing: Windows removes no open file
        return starting


def _fresh(folder: Path) -> bool:
    try:
        return time.time() - folder.stat().st_mtime < FRESH_SECONDS
    except OSError:
        return True


def remove_leftovers(base: Path) -> list[Path]:
    """Remove every scratch folder in `base` that no running import owns; returns them."""
    removed = []
    for folder in base.glob(PREFIX + "*"):
        if folder.is_dir() and not in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder)
    return removed


@contextmanager
def scratch_folder(base: Path) -> Iterator[Path]:
    """A new folder in `base`, owned (locked) while the block runs, then removed."""
    try:
        base.mkdir(parents=True, exist_ok=True)
        remove_leftovers(base)
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))
        owner = (folder / OWNER).open("w+b")
    except OSError as exc:
        raise StorageError("storage.failed", detail=f"{base} : {exc.strerror or exc}") from exc
    try:
        _lock(owner)
        owner.write(str(os.getpid()).encode("ascii"))  # for a person looking at the folder
        owner.flush()
        yield folder
    finally:
        with suppress(OSError):
            owner.close()
        shutil.rmtree(folder, ignore_errors=True)
