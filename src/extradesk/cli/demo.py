"""`extradesk demo`: French demonstration data."""

from __future__ import annotations

import argparse
import sys

from extradesk.cli.common import add_db, open_context


def register(sub) -> None:
    demo = sub.add_parser("demo", help="créer des données de démonstration")
    add_db(demo)
    demo.add_argument("--clients", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--no-documents", action="store_true",
                      help="clients et ouvrages seulement, sans pièces commerciales")
    demo.add_argument("--force", action="store_true",
                      help="ajouter les données même si la base contient déjà des clients")
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk.i18n.format import integer
    from extradesk.services.demo import dataset as demo_set

    ctx = open_context(args)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done * 100 // max(total, 1):3d} %", end="", file=sys.stderr, flush=True)

    report, _changes = demo_set.generate(ctx, clients=args.clients, seed=args.seed,
                                         documents=not args.no_documents, progress=progress,
                                         force=args.force)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    print(f"{integer(report.clients)} clients, {integer(report.ouvrages)} ouvrages et "
          f"{integer(report.documents)} pièces commerciales créés en {seconds} s.")
    if report.articles:
        print(f"Base articles : {integer(report.articles)} articles avec familles, comptes "
              "et notices.")
    return 0
