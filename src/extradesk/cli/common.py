"""What every sub-command shares: the --db/--json options, opening the database, dates,
users named on the command line and JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LOG_NAME = "extradesk-cli.log"
OPENED: list = []  # contexts opened by this command, closed by main() when it ends


def close_opened() -> None:
    """Close every database this command opened: the last connection to close folds the
    WAL back into the file, and nothing stays open for a restore run in the same process."""
    while OPENED:
        OPENED.pop().db.dispose()


def log_to_file() -> None:
    """Errors of batch commands go to a log in the data folder (support reads it; the user
    reads French). No handler at all would make logging print the traceback on stderr; a
    data folder that cannot be written gets a handler that drops the records instead."""
    import logging

    root = logging.getLogger("extradesk")
    target = log_file_hint()
    for handler in list(root.handlers):  # one per process; a test run changes folders
        if getattr(handler, "baseFilename", None) == target:
            return
        if getattr(handler, "extradesk_cli", False):
            root.removeHandler(handler)
            handler.close()
    try:
        from logging.handlers import RotatingFileHandler

        Path(target).parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    except OSError:
        handler = logging.NullHandler()
    handler.extradesk_cli = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False


def log_file_hint() -> str:
    from extradesk import paths

    return str(paths.data_dir() / "logs" / LOG_NAME)


def add_db(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--db", metavar="CHEMIN_OU_URL",
        # Sub-commands must not reset a --db given before the command name.
        default=None if top else argparse.SUPPRESS,
        help="fichier SQLite ou URL SQLAlchemy (par défaut : le dossier de données)",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")


def db_target(args: argparse.Namespace) -> str | Path:
    if args.db:
        return args.db
    from extradesk import paths

    return paths.default_db_path()


def open_context(args: argparse.Namespace, *, read_only: bool = False):
    """The services' Context on --db, migrated if needed, acting as the last user.
    `read_only` for commands that only read: the file is never written to (a backup opened
    with --db stays as it is; a data folder without the right to write still answers)."""
    from extradesk.services import users
    from extradesk.services.context import open_context as open_db

    ctx, report = open_db(db_target(args), read_only=read_only)
    OPENED.append(ctx)
    if report.backup is not None:
        print(f"Base mise à jour vers le schéma {report.after} "
              f"(copie de sécurité : {report.backup}).", file=sys.stderr)
    if read_only:  # reading needs no acting user, and none may be created
        ctx.user_id = next((u.id for u in users.list_users(ctx)), None)
    else:
        ctx.user_id = users.last_user_id(ctx)
    return ctx


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    print()


FIRST_YEAR, LAST_YEAR = 1900, 2200  # what an agenda or an invoice can sensibly be about


def day(text: str | None, default):
    """A JJ/MM/AAAA argument as a date, `default` when absent; a French error otherwise."""
    from extradesk.core.errors import Problem, ValidationError
    from extradesk.i18n.format import parse_day

    try:
        found = parse_day(text or "") or default
    except ValueError:
        raise ValidationError([Problem(None, "date.unreadable", {"value": text})]) from None
    if found is not None and not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise ValidationError([Problem(None, "date.out_of_range", {
            "value": text, "first": FIRST_YEAR, "last": LAST_YEAR})])
    return found


def user_named(ctx, name: str) -> int:
    """The id of the user whose name or initials match `name`, accents and case ignored."""
    from extradesk.core.errors import NotFoundError
    from extradesk.core.search_text import fold
    from extradesk.services import users

    for user in users.list_users(ctx, include_inactive=True):
        if fold(name) in (fold(user.name), fold(user.initials)):
            return user.id
    raise NotFoundError("user.unknown_name", name=name)
