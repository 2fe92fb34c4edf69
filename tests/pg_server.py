"""A throw-away PostgreSQL 15 server for the tests: initdb + pg_ctl in a temporary folder,
listening on 127.0.0.1 and a free port, run as the `postgres` user when we are root (the
server refuses to run as root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15)]
OS_USER = "postgres"


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None (EXTRADESK_PG_BIN overrides)."""
    forced = os.environ.get("EXTRADESK_PG_BIN")
    folders = [Path(forced)] if forced else CANDIDATES
    on_path = shutil.which("initdb")
    if not forced and on_path:
        folders.append(Path(on_path).parent)
    for folder in folders:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def why_not() -> str | None:
    """None when a server can be started here, else the reason (a skip message)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    if find_bin() is None:
        return "PostgreSQL server binaries not found (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam(OS_USER)
        except KeyError:
            return "running as root and no 'postgres' user to run the server"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _as_server_user(*cmd: str) -> None:
    prefix = ["runuser", "-u", OS_USER, "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + list(cmd), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    folder: Path
    port: int
    bin: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, *, template: str | None = None, prefix: str = "t") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def restart(self) -> None:
        _as_server_user(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                        "-w", "restart")

    def stop(self) -> None:
        try:
            _as_server_user(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                            "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> PgServer:
    """A running server; durability is off (fsync), which is fine for data thrown away."""
    binary = find_bin()
    assert binary is not None, why_not()
    folder = Path(tempfile.mkdtemp(prefix="extradesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, OS_USER, OS_USER)
    port = _free_port()
    _as_server_user(str(binary / "initdb"), "-D", str(folder / "data"), "-A", "trust",
                    "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    _as_server_user(str(binary / "pg_ctl"), "-D", str(folder / "data"), "-l",
                    str(folder / "log"), "-w", "-o", options, "start")
    return PgServer(folder=folder, port=port, bin=binary)
