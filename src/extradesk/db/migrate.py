"""Bring a database to the schema this version knows: create, upgrade after a backup, or refuse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from extradesk.core.errors import StorageError
from extradesk.db.backup import backup_sqlite
from extradesk.db.engine import Database
from extradesk.db.head import HEAD

if TYPE_CHECKING:
    from alembic.config import Config


MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class MigrationReport:
    before: str | None  # None: a new, empty database
    after: str
    backup: Path | None  # where the pre-upgrade copy went, if any


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """Alembic's own idea of the head (slow: parses every migration script)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def prepare(db: Database, *, backups: Path | None = None) -> MigrationReport:
    """Refuse a newer schema, back up then upgrade an older one, create a new one."""
    try:
        current = current_revision(db)
        if current == HEAD:
            return MigrationReport(before=current, after=HEAD, backup=None)
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except DBAPIError as exc:  # not a database at all, unreadable file, server down
        if "malformed" in str(exc.orig):
            raise StorageError("db.damaged", detail=str(exc.orig)) from exc
        raise StorageError("db.unreachable", detail=str(exc.orig)) from exc
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
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
    from alembic import command

    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
