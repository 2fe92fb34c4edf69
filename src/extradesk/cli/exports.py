"""`extradesk export NAME`: revenue reports as CSV (standard output or a file) or xlsx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extradesk.cli.common import add_db, day, open_context, user_named

NAMES = ("ca-journal", "ca-origine", "clients-gagnes-perdus", "reste-a-facturer")


def register(sub) -> None:
    export = sub.add_parser("export", help="exporter un état (CA par journal, par origine…)")
    add_db(export)
    export.add_argument("name", choices=NAMES, metavar="EXPORT", help=" | ".join(NAMES))
    export.add_argument("--from", dest="start", required=True, metavar="JJ/MM/AAAA")
    export.add_argument("--to", dest="end", required=True, metavar="JJ/MM/AAAA")
    export.add_argument("-o", "--output", type=Path, metavar="FICHIER")
    export.add_argument("--format", choices=("csv", "xlsx"), default=None)
    export.add_argument("--journal", metavar="CODE")
    export.add_argument("--user", metavar="NOM")
    export.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk.core.errors import Problem, ValidationError
    from extradesk.i18n.exports import TITLES
    from extradesk.i18n.format import count as plural
    from extradesk.i18n.messages import text
    from extradesk.reports import table_out
    from extradesk.services.exports import catalog, saving
    from extradesk.services.exports.model import ExportQuery

    start, end = day(args.start, None), day(args.end, None)
    fmt = args.format or ("xlsx" if args.output and args.output.suffix == ".xlsx" else "csv")
    if fmt == "xlsx" and args.output is None:
        raise ValidationError([Problem(None, "export.xlsx_needs_file")])
    ctx = open_context(args, read_only=True)
    query = ExportQuery(
        start, end,
        journal_id=catalog.journal_by_code(ctx, args.journal) if args.journal else None,
        author_id=user_named(ctx, args.user) if args.user else None)
    if args.output is None:
        table = catalog.run_export(ctx, args.name, query=query)
        sys.stdout.reconfigure(newline="")
        table_out.write_csv(sys.stdout, **saving.writer_options(table))
    else:
        table, count = saving.save_export(ctx, args.name, query=query, path=args.output,
                                          xlsx=fmt == "xlsx")
        print(f"{TITLES[args.name]} : {plural(count, 'ligne écrite', 'lignes écrites')} dans "
              f"{args.output}", file=sys.stderr)
    for note in table.notes:
        print(text(note), file=sys.stderr)
    return 0
