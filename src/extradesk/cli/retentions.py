"""`extradesk retenues list|release`: the retenues de garantie held, and their release."""

from __future__ import annotations

import argparse

from extradesk.cli.common import add_db, add_json, open_context


def register(sub) -> None:
    retentions = sub.add_parser("retenues", help="retenues de garantie : en cours, libérer")
    what = retentions.add_subparsers(dest="retention_command", metavar="ACTION",
                                     required=True, parser_class=type(retentions))
    listing = what.add_parser("list", help="les retenues pas encore libérées (les plus "
                                           "anciennes d'abord)")
    add_db(listing)
    add_json(listing)
    listing.set_defaults(handler=run_list)
    release = what.add_parser("release", help="libérer la retenue d'une facture (paiement "
                                              "reçu ou caution bancaire)")
    add_db(release)
    release.add_argument("number", metavar="NUMERO", help="par exemple F-2026-00012")
    release.add_argument("--by", required=True, choices=("paiement", "caution"))
    release.add_argument("--date", metavar="JJ/MM/AAAA", help="par défaut : aujourd'hui")
    release.add_argument("--reference", metavar="TEXTE", help="n° de la caution, du chèque…")
    release.set_defaults(handler=run_release)


def run_list(args: argparse.Namespace) -> int:
    from extradesk.cli.common import print_json
    from extradesk.i18n import format as fmt
    from extradesk.i18n.messages import text
    from extradesk.services.documents import retention

    rows = retention.open_retentions(open_context(args, read_only=True))
    if args.json:
        print_json([{"number": r.number, "client": r.client_name, "percent": str(r.percent),
                     "amount": str(r.amount), "release_date": r.release_date.isoformat(),
                     "due": r.due} for r in rows])
        return 0
    if not rows:
        print(text("retention.none"))
    for r in rows:
        flag = " ← libérable" if r.due else ""
        percent = fmt.decimal(r.percent, 2 if r.percent % 1 else 0)
        print(f"{r.number}  {r.client_name:<30.30}  {percent} %  "
              f"{fmt.money(r.amount):>12}  {fmt.day(r.release_date)}{flag}")
    return 0


def run_release(args: argparse.Namespace) -> int:
    from extradesk.cli.common import day
    from extradesk.core.errors import NotFoundError
    from extradesk.i18n import format as fmt
    from extradesk.i18n.messages import text
    from extradesk.services.documents import drafts as documents
    from extradesk.services.documents import retention

    ctx = open_context(args)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("document.number_unknown", value=args.number)
    on = day(args.date, ctx.clock.today())
    retention.release_retention(ctx, document_id, kind=args.by, on=on,
                                reference=args.reference)
    print(text("retention.released", name=args.number.upper(),
               how=text(f"retention.release.{args.by}"), day=fmt.day(on)))
    return 0
