"""`extradesk articles import|export`: the article base as CSV."""

from __future__ import annotations

import argparse
import sys

from extradesk.cli.common import add_db, open_context


def register(sub) -> None:
    arts = sub.add_parser("articles", help="importer ou exporter la base articles (CSV)")
    arts_sub = arts.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, text, handler in (
            ("import", "créer ou mettre à jour les articles d'un fichier CSV", run_import),
            ("export", "écrire tous les articles dans un fichier CSV (Excel)", run_export)):
        one = arts_sub.add_parser(action, help=text)
        add_db(one)
        one.add_argument("file", metavar="FICHIER")
        one.set_defaults(handler=handler)


def run_export(args: argparse.Namespace) -> int:
    from extradesk.i18n.format import integer
    from extradesk.services.articles import csv_io as articles_csv

    ctx = open_context(args)
    count = articles_csv.export_articles(ctx, args.file)
    print(f"{integer(count)} articles écrits dans {args.file}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from extradesk.i18n.format import integer
    from extradesk.services.articles import csv_io as articles_csv

    ctx = open_context(args)
    report = articles_csv.import_articles(ctx, args.file)
    if report.problems:
        for line in report.problems:
            print(line, file=sys.stderr)
        print("Aucun article importé : corrigez ces lignes puis relancez l'import.",
              file=sys.stderr)
        return 1
    print(f"{integer(report.created)} articles créés, {integer(report.updated)} mis à jour.")
    return 0
