"""Units of work: one transaction each, committed on success and rolled back on any error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, OperationalError

from extradesk.core.errors import StorageError
from extradesk.db.engine import Database

if TYPE_CHECKING:
    from sqlmodel import Session


@contextmanager
def unit_of_work(db: Database, *, write: bool = False) -> Iterator[Session]:
    """A Session in its own transaction; `write=True` takes the write lock up front.

    SQLModel (with pydantic and the ORM) is imported on the first unit of work, not with
    this module: the start-up path reads through Core and never opens one."""
    from sqlmodel import Session

    engine = db.write_engine if write else db.engine
    session = Session(engine, expire_on_commit=False)
    try:
        with session.begin():
            yield session
    except OperationalError as exc:
        if _is_lock_wait(exc):
            raise StorageError("db.locked") from exc
        raise StorageError("storage.failed", detail=str(exc.orig)) from exc
    except DBAPIError as exc:
        raise StorageError("storage.failed", detail=str(exc.orig)) from exc
    finally:
        session.close()


def _is_lock_wait(exc: DBAPIError) -> bool:
    """SQLite's busy/locked, or PostgreSQL's lock_timeout (SQLSTATE 55P03)."""
    if getattr(exc.orig, "sqlstate", None) == "55P03":
        return True
    return "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower()
