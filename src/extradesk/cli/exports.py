"""`extradesk export NAME`: revenue reports as CSV (standard output or a file) or xlsx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extradesk.cli.common import add_db, day, open_context, user_named

NAMES = ("ca-journal", "ca-origine", "commercial", "clients-gagnes-perdus", "ca-famille",
         "ca-compte", "reste-a-facturer", "encaissements", "fec")


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
    export.add_argument("--type", dest="kinds", action="append", default=[], metavar="TYPE",
                        help="commercial : devis, commande, facture, acompte, avoir "
                             "(répétable)")
    export.add_argument("--etat", dest="statuses", action="append", default=[],
                        metavar="ETAT", help="commercial : brouillon, emise, payee… (répétable)")
    export.set_defaults(handler=run)
    accounts = sub.add_parser("comptes-fec", help="voir ou régler les comptes du FEC "
                                                  "(racines 411 / 44571, banque, caisse)")
    add_db(accounts)
    accounts.add_argument("--racine-clients", dest="client_root", metavar="411")
    accounts.add_argument("--racine-tva", dest="vat_root", metavar="44571")
    accounts.add_argument("--banque", dest="bank_account", metavar="512000")
    accounts.add_argument("--journal", dest="journal_accounts", action="append", default=[],
                          metavar="CODE=COMPTE", help="par exemple CA=530000 (répétable)")
    accounts.set_defaults(handler=run_accounts)


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
        author_id=user_named(ctx, args.user) if args.user else None,
        kinds=tuple(args.kinds), statuses=tuple(args.statuses))
    query.check()
    if args.name == "fec" and args.output is not None and args.output.is_dir():
        from extradesk.services.exports import fec

        args.output = args.output / fec.file_name(ctx, query)  # {SIREN}FEC{AAAAMMJJ}.txt
    if args.output is None:
        table = catalog.run_export(ctx, args.name, query=query)
        sys.stdout.reconfigure(newline="")
        options = saving.writer_options(table)
        if args.name == "fec":
            from extradesk.reports import fec_out

            fec_out.write_fec(sys.stdout, header=options["header"], rows=options["rows"],
                              kinds=options["kinds"])
        else:
            table_out.write_csv(sys.stdout, **options)
    else:
        table, count = saving.save_export(ctx, args.name, query=query, path=args.output,
                                          xlsx=fmt == "xlsx")
        print(f"{TITLES[args.name]} : {plural(count, 'ligne écrite', 'lignes écrites')} dans "
              f"{args.output}", file=sys.stderr)
    for note in table.notes:
        print(text(note), file=sys.stderr)
    return 0


def run_accounts(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from extradesk.core.errors import Problem, ValidationError
    from extradesk.services.exports import accounts

    ctx = open_context(args)
    changes = {k: getattr(args, k) for k in ("client_root", "vat_root", "bank_account")
               if getattr(args, k) is not None}
    if args.journal_accounts:
        journals = dict(accounts.get_accounting(ctx).journal_accounts)
        for pair in args.journal_accounts:
            code, _, account = pair.partition("=")
            if not code or not account:
                raise ValidationError([Problem("journal_accounts", "export.account_invalid",
                                               {"value": pair, "max": 12})])
            journals[code.strip().upper()] = account.strip()
        changes["journal_accounts"] = journals
    if changes:
        accounts.set_accounting(ctx, **changes)
    settings = accounts.get_accounting(ctx)
    for key, value in asdict(settings).items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
        print(f"{key} : {value}")
    return 0
