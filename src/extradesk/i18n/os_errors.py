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


# What psycopg says when the PostgreSQL server went away (stopped, restarted, network cut,
# session killed by pg_terminate_backend).
_SERVER_LOST = ("server closed the connection", "terminating connection",
                "connection refused", "could not connect", "connection is closed",
                "connection failed", "the connection is lost", "consuming input failed",
                "connection to server")


def describe_unexpected(error: BaseException) -> str | None:
    """French for errors that are not ours but that a user can understand and act on (a
    full disk, a damaged or read-only database, a date out of range), else None."""
    if isinstance(error, OSError):
        where = Path(error.filename) if getattr(error, "filename", None) else Path.cwd()
        return describe_os_error(error, where)
    text = str(getattr(error, "orig", None) or error).lower()  # SQLAlchemy wraps sqlite3
    if "issued document is frozen" in text:  # the triggers of migration 0008
        return ("une pièce émise ne peut pas être modifiée ni supprimée ; une correction se "
                "fait par un avoir")
    if "malformed" in text or "not a database" in text:
        return ("la base de données est endommagée : restaurez la dernière sauvegarde "
                "(extradesk restore) ou réparez-la (extradesk repair)")
    if "disk i/o error" in text or "database or disk is full" in text:
        return "le disque est plein ou illisible (erreur d'entrée-sortie)"
    if "readonly database" in text or "read-only" in text:
        return "la base de données est en lecture seule sur ce poste"
    if "unable to open database" in text:
        return "la base de données ne peut pas être ouverte (dossier absent ou sans droits)"
    if "database is locked" in text:
        return "la base de données est occupée par un autre programme ; réessayez"
    if any(sign in text for sign in _SERVER_LOST):
        return ("le serveur de la base partagée ne répond plus : cette action n'a pas été "
                "faite. Vérifiez le réseau ou le serveur, puis recommencez ; extradesk se "
                "reconnecte de lui-même")
    if isinstance(error, OverflowError):
        return "une date ou un nombre est hors des limites acceptées"
    if isinstance(error, UnicodeError):
        return "des caractères illisibles (encodage) ont été donnés"
    if isinstance(error, MemoryError):
        return "la mémoire du poste ne suffit pas pour cette opération"
    return None
