"""What every sub-command shares: the --db/--json options, opening the database, dates,
users named on the command line and JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


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


def open_context(args: argparse.Namespace):
    """The services' Context on --db, migrated if needed, acting as the last user."""
    from extradesk.services import users
    from extradesk.services.context import open_context as open_db

    ctx, report = open_db(db_target(args))
    if report.backup is not None:
        print(f"Base mise à jour vers le schéma {report.after} "
              f"(copie de sécurité : {report.backup}).", file=sys.stderr)
    ctx.user_id = users.last_user_id(ctx)
    return ctx


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    print()


def day(text: str | None, default):
    """A JJ/MM/AAAA argument as a date, `default` when absent; a French error otherwise."""
    from extradesk.core.errors import Problem, ValidationError
    from extradesk.i18n.format import parse_day

    try:
        return parse_day(text or "") or default
    except ValueError:
        raise ValidationError([Problem(None, "date.unreadable", {"value": text})]) from None


def user_named(ctx, name: str) -> int:
    """The id of the user whose name or initials match `name`, accents and case ignored."""
    from extradesk.core.errors import NotFoundError
    from extradesk.core.search_text import fold
    from extradesk.services import users

    for user in users.list_users(ctx, include_inactive=True):
        if fold(name) in (fold(user.name), fold(user.initials)):
            return user.id
    raise NotFoundError("user.unknown_name", name=name)
