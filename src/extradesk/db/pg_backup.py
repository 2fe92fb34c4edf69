"""Backups of a PostgreSQL database with the server's own tools: pg_dump in its custom format
(compressed, restorable table by table), pg_restore into an empty database.

The tools come with the PostgreSQL client package; Debian keeps them out of the PATH in
/usr/lib/postgresql/<version>/bin, so that folder is searched too. A dump is written under a
temporary name, listed back with `pg_restore --list` (a truncated file fails there), then
renamed: a failed backup never leaves a file that looks like one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

from extradesk.core.errors import StorageError

PARTIAL = ".partial"
# Newest first: pg_dump must not be older than the server it reads.
_FOLDERS = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (18, 17, 16, 15, 14, 13)]
TIMEOUT_SECONDS = 3600


def find_tool(name: str) -> Path | None:
    """pg_dump or pg_restore: EXTRADESK_PG_BIN, then Debian's folders, then the PATH."""
    forced = os.environ.get("EXTRADESK_PG_BIN")
    folders = ([Path(forced)] if forced else []) + _FOLDERS
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    found = shutil.which(name)
    return Path(found) if found else None


def _tool(name: str) -> Path:
    found = find_tool(name)
    if found is None:
        raise StorageError("backup.pg_tool_missing", tool=name)
    return found


def _connection(url: URL) -> tuple[list[str], dict[str, str]]:
    """Command-line options and environment (the password never on the command line)."""
    args = []
    host = url.host or url.query.get("host")  # ?host=/folder: a unix socket folder
    port = url.port or url.query.get("port")
    if host:
        args += ["-h", str(host)]
    if port:
        args += ["-p", str(port)]
    if url.username:
        args += ["-U", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StorageError("backup.pg_failed", tool=Path(command[0]).name,
                           detail=str(exc)) from exc
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise StorageError("backup.pg_failed", tool=Path(command[0]).name,
                           detail=lines[-1] if lines else f"code {done.returncode}")


def dump(url: URL, target: Path) -> Path:
    """Write the whole database `url` to `target` (pg_dump custom format), checked."""
    dump_tool, list_tool = _tool("pg_dump"), _tool("pg_restore")
    args, env = _connection(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL)
    try:
        _run([str(dump_tool), "--format=custom", "--no-owner", *args, "-f", str(partial),
              url.database or "postgres"], env)
        _run([str(list_tool), "--list", str(partial)], env)  # readable to its end
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(engine: Engine, backup: Path) -> None:
    """Load `backup` into the database of `engine`, which must be empty: restoring over live
    data would mix two states of the books."""
    if not backup.is_file():
        raise StorageError("restore.pg_no_file", path=str(backup))
    tables = inspect(engine).get_table_names()
    if tables:
        raise StorageError("restore.pg_not_empty", database=engine.url.database or "",
                           count=len(tables))
    tool = _tool("pg_restore")
    args, env = _connection(engine.url)
    _run([str(tool), "--no-owner", "--exit-on-error", "--single-transaction", *args,
          "-d", engine.url.database or "postgres", str(backup)], env)
