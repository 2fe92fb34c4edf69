"""`extradesk backup`: a consistent copy of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from extradesk.cli.common import add_db, open_context


def register(sub) -> None:
    backup = sub.add_parser("backup", help="écrire une copie cohérente de la base")
    add_db(backup)
    backup.add_argument("-o", "--output", type=Path, metavar="FICHIER")
    backup.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk.services import backup

    ctx = open_context(args)
    target = backup.make_backup(ctx, target=args.output)
    print(f"Sauvegarde écrite : {target}")
    return 0
