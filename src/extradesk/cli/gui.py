"""`extradesk` and `extradesk gui`: the desktop application."""

from __future__ import annotations

import argparse

from extradesk.cli.common import add_db


def register(sub) -> None:
    gui = sub.add_parser("gui", help="ouvrir l'application (par défaut)")
    add_db(gui)
    # The desktop entry runs `extradesk gui %f`: a file opened with extradesk is its database.
    gui.add_argument("fichier", nargs="?", metavar="FICHIER", default=None,
                     help="base à ouvrir (comme --db)")
    gui.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk import app  # Qt is loaded only here: batch commands never pay for it

    db = getattr(args, "db", None) or getattr(args, "fichier", None)
    return app.main(db=db)
