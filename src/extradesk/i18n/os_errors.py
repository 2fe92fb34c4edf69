"""English OS and SQLite error text turned into what a user can act on, in French."""

from __future__ import annotations

import os
from pathlib import Path


def describe_os_error(exc: BaseException, where: Path) -> str:
    """Why writing or reading `where` failed, in French: full disk, no right, no folder…

    SQLite says "disk I/O error" when a write hits a full disk; with no free byte left on
    the volume, that is what it means."""
    text = str(exc).lower()
    errno = getattr(exc, "errno", None)
    if errno == 28 or "disk is full" in text or "no space" in text or (
            "disk i/o error" in text and free_bytes(where) == 0):
        return "le disque est plein"
    if errno == 21 or "is a directory" in text:
        return f"« {where} » est un dossier"
    if errno == 36 or "name too long" in text:
        return "le nom du fichier est trop long"
    if errno in (13, 1, 30) or "permission denied" in text or "readonly" in text \
            or "read-only" in text:
        return f"pas le droit d'écrire dans « {where.parent} »"
    if errno in (2, 20) or "no such file" in text or "unable to open" in text \
            or "not a directory" in text:
        return f"le dossier « {where.parent} » n'existe pas ou n'est pas accessible"
    strerror = getattr(exc, "strerror", None)
    return strerror or str(exc)


def free_bytes(where: Path) -> int | None:
    """Free bytes on the volume holding `where` (its nearest existing folder), if known."""
    for folder in (where, *where.parents):
        try:
            stat = os.statvfs(folder)
        except (OSError, AttributeError):
            continue
        return stat.f_bavail * stat.f_frsize
    return None
