"""The shared database's server as the "Base de données partagée…" dialog sets it: host, port,
database, user in a config file, the password in the keyring; test the connection, create
the base (CREATE DATABASE when missing, then the migrations), and the URL the next start opens.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from extradesk import paths
from extradesk.core.errors import Problem, StorageError, raise_if
from extradesk.db.migrate import MigrationReport

KEYRING_SERVICE = "extradesk-postgresql"
SETTINGS_FILE = "shared_database.json"
CONNECT_TIMEOUT = 5  # seconds


@dataclass(frozen=True)
class ServerSettings:
    host: str = ""
    port: int = 5432
    database: str = "extradesk"
    user: str = "extradesk"


def check(settings: ServerSettings) -> None:
    problems = [Problem(name, "dbserver.required", {}) for name in ("host", "database", "user")
                if not str(getattr(settings, name)).strip()]
    if not 1 <= int(settings.port) <= 65535:
        problems.append(Problem("port", "dbserver.port_invalid", {"value": settings.port}))
    raise_if(problems)


def url(settings: ServerSettings, password: str | None, *, database: str | None = None) -> str:
    from sqlalchemy.engine import URL

    return URL.create("postgresql+psycopg", username=settings.user.strip(),
                      password=password or None, host=settings.host.strip(),
                      port=int(settings.port),
                      database=database or settings.database.strip()
                      ).render_as_string(hide_password=False)


def _connect(settings: ServerSettings, password: str | None, database: str | None = None):
    import psycopg

    return psycopg.connect(host=settings.host.strip(), port=int(settings.port),
                           user=settings.user.strip(), password=password or None,
                           dbname=database or settings.database.strip(),
                           connect_timeout=CONNECT_TIMEOUT, autocommit=True)


def test_connection(settings: ServerSettings, *, password: str | None) -> str:
    """The server's version ("PostgreSQL 15.18") when the base answers; StorageError else."""
    import psycopg

    check(settings)
    try:
        with _connect(settings, password) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as exc:
        if _missing_database(exc):
            raise StorageError("dbserver.no_database", database=settings.database) from exc
        raise StorageError("dbserver.unreachable", detail=str(exc).strip()) from exc
    return f"PostgreSQL {version.split()[0]}"


def create_database(settings: ServerSettings, *, password: str | None) -> MigrationReport:
    """Create the base on the server when it does not exist, then its schema (migrations)."""
    import psycopg
    from psycopg import sql

    from extradesk.services import shared_db

    check(settings)
    try:
        try:
            _connect(settings, password).close()
        except psycopg.Error as exc:
            if not _missing_database(exc):
                raise
            with _connect(settings, password, database="postgres") as conn:
                conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(
                    sql.Identifier(settings.database.strip())))
    except psycopg.Error as exc:
        raise StorageError("dbserver.unreachable", detail=str(exc).strip()) from exc
    return shared_db.init_database(url(settings, password))


def save(settings: ServerSettings, *, password: str | None) -> None:
    """Remember the server for the next start: the settings in the config folder, the
    password in the keyring (never in a file)."""
    import keyring

    check(settings)
    if password:
        keyring.set_password(KEYRING_SERVICE, _key(settings), password)
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_FILE).write_text(json.dumps(asdict(settings), indent=1),
                                        encoding="utf-8")


def forget() -> None:
    """Back to the local SQLite base at the next start."""
    (paths.config_dir() / SETTINGS_FILE).unlink(missing_ok=True)


def load() -> ServerSettings | None:
    path = paths.config_dir() / SETTINGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerSettings(**{k: data[k] for k in ("host", "port", "database", "user")})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def saved_password(settings: ServerSettings) -> str | None:
    import keyring

    return keyring.get_password(KEYRING_SERVICE, _key(settings))


def saved_url() -> str | None:
    """The URL the application opens at start when a shared base was chosen, else None."""
    settings = load()
    if settings is None:
        return None
    return url(settings, saved_password(settings))


def _missing_database(exc: BaseException) -> bool:
    # At connection time psycopg raises a bare OperationalError: SQLSTATE 3D000 is only in
    # the server's text ("database … does not exist").
    return getattr(exc, "sqlstate", None) == "3D000" or (
        "database" in str(exc) and "does not exist" in str(exc))


def _key(settings: ServerSettings) -> str:
    return f"{settings.user}@{settings.host}:{settings.port}/{settings.database}"

