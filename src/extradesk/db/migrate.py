"""Bring a database to the schema this version knows: create, upgrade after a backup, or refuse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from extradesk.core.errors import StorageError
from extradesk.db.backup import backup_sqlite
from extradesk.db.engine import Database

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class MigrationReport:
    before: str | None  # None: a new, empty database
    after: str
    backup: Path | None  # where the pre-upgrade copy went, if any


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def prepare(db: Database, *, backups: Path | None = None) -> MigrationReport:
    """Refuse a newer schema, back up then upgrade an older one, create a new one."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    try:
        current = current_revision(db)
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except DBAPIError as exc:  # not a database at all, unreadable file, server down
        raise StorageError("db.unreachable", detail=str(exc.orig)) from exc
    if current is None:
        if tables:
            raise StorageError("db.not_extradesk", path=db.url)
    elif current == head:
        return MigrationReport(before=current, after=head, backup=None)
    else:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
            raise StorageError("db.newer_schema", found=current, known=head)
    backup = None
    if current is not None and db.sqlite_path is not None:
        folder = backups if backups is not None else db.sqlite_path.parent / "backups"
        backup = backup_sqlite(db, folder, reason=f"avant-maj-{current}")
    upgrade(db, head)
    return MigrationReport(before=current, after=head, backup=backup)


def upgrade(db: Database, revision: str = "head") -> None:
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
