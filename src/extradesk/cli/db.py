"""`extradesk db init` and `extradesk db copy`: a shared database on a PostgreSQL server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    db = sub.add_parser("db", help="base partagée sur un serveur PostgreSQL (plusieurs postes)")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="créer la base sur le serveur (ou la mettre à jour)")
    init.add_argument("--db", required=True, metavar="URL",
                      help="postgresql://utilisateur@serveur:5432/base")
    init.set_defaults(handler=run_init)

    copy = actions.add_parser(
        "copy", help="copier une base SQLite (un seul poste) dans une base vide du serveur")
    copy.add_argument("--from", dest="source", required=True, type=Path, metavar="FICHIER",
                      help="le fichier .sqlite3 à copier (il n'est pas modifié)")
    copy.add_argument("--to", dest="target", required=True, metavar="URL",
                      help="postgresql://utilisateur@serveur:5432/base")
    copy.add_argument("--quiet", action="store_true", help="n'afficher que le total")
    copy.set_defaults(handler=run_copy)


def _url(text: str) -> str:
    # `postgresql://` is what people type; psycopg 3 is the driver we ship.
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def run_init(args: argparse.Namespace) -> int:
    from extradesk.i18n.messages import text
    from extradesk.services import shared_db

    url = _url(args.db)
    report = shared_db.init_database(url)
    shown = _hidden(url)
    if report.before is None:
        print(text("dbinit.created", revision=report.after, target=shown))
    elif report.before == report.after:
        print(text("dbinit.current", revision=report.after, target=shown))
    else:
        print(text("dbinit.upgraded", before=report.before, revision=report.after,
                   target=shown))
    return 0


def run_copy(args: argparse.Namespace) -> int:
    from extradesk.i18n.messages import text
    from extradesk.services import shared_db

    def progress(table: str, done: int) -> None:
        if not args.quiet and done % 50_000 == 0:
            print(f"  … {table} : {done}", file=sys.stderr)

    report = shared_db.copy_database(args.source, _url(args.target), progress=progress)
    if not args.quiet:
        for table, count in report.counts.items():
            if count:
                print(text("dbcopy.table", table=table, count=count))
    print(text("dbcopy.done", target=report.target, count=sum(report.counts.values())))
    return 0


def _hidden(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
