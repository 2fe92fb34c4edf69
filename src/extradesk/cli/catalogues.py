"""`extradesk catalogue import|find`: supplier price files."""

from __future__ import annotations

import argparse
from pathlib import Path

from extradesk.cli.common import add_db, add_json, open_context, print_json


def register(sub) -> None:
    catalogue = sub.add_parser("catalogue", help="catalogues fournisseurs : importer, chercher")
    what = catalogue.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    load = what.add_parser("import", help="importer le fichier de prix d'un fournisseur")
    add_db(load)
    load.add_argument("--supplier", required=True, metavar="NOM",
                      help="fournisseur (créé s'il n'existe pas)")
    load.add_argument("file", type=Path, metavar="FICHIER")
    load.add_argument("--mapping", type=Path, metavar="FICHIER.json",
                      help='colonnes : {"ref": "Référence", "purchase_price": 6, …}')
    load.add_argument("--skip-bad", action="store_true",
                      help="importer les lignes valides et ignorer celles en erreur")
    load.set_defaults(handler=run_import)
    find = what.add_parser("find", help="chercher une référence dans tous les catalogues")
    add_db(find)
    find.add_argument("ref", metavar="REFERENCE")
    add_json(find)
    find.set_defaults(handler=run_find)


def run_find(args: argparse.Namespace) -> int:
    from extradesk.i18n import format as fmt
    from extradesk.services.catalogues import lookup as catalogue

    ctx = open_context(args)
    found = catalogue.find(ctx, args.ref)
    if args.json:
        print_json([{"id": m.id, "supplier": m.supplier, "ref": m.ref, "label": m.label,
                     "family": m.family, "sub_family": m.sub_family, "unit": m.unit,
                     "purchase_price": None if m.purchase_price is None
                     else str(m.purchase_price),
                     "public_price": None if m.public_price is None else str(m.public_price)}
                    for m in found])
        return 0
    for m in found:
        price = fmt.money(m.purchase_price) + " HT" if m.purchase_price is not None else "—"
        print(f"{m.supplier}  {m.ref}  {m.label}  — achat {price}")
    if not found:
        print("Aucune ligne de catalogue pour cette référence.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from extradesk.i18n import format as fmt
    from extradesk.i18n.catalogue_messages import DIFF_KINDS, diff_summary
    from extradesk.i18n.messages import problem_text
    from extradesk.services.catalogues import importing as catalogue_import
    from extradesk.services.catalogues.parse import ENCODING_NAMES

    ctx = open_context(args)
    # The supplier is created by the import itself, only when it succeeds.
    staged, _ = catalogue_import.import_file(ctx, None, supplier=args.supplier, path=args.file,
                                             mapping_file=args.mapping, skip_bad=args.skip_bad)
    d = staged.diff
    skipped = (" ; " + fmt.count(staged.skipped, "ligne en erreur ignorée",
                                 "lignes en erreur ignorées")) if staged.skipped else ""
    encoding = ENCODING_NAMES.get(staged.encoding, staged.encoding)
    print(f"Catalogue « {args.supplier} » importé : "
          f"{fmt.count(staged.lines, 'ligne', 'lignes')}{skipped} (fichier en {encoding}).")
    print(diff_summary(added=d.added, removed=d.removed, price_up=d.price_up,
                       price_down=d.price_down, unchanged=d.unchanged))
    for e in d.examples:
        prices = " → ".join(fmt.money(p) for p in (e.old_price, e.new_price) if p is not None)
        print(f"  {DIFF_KINDS[e.kind]:<9} {e.ref}  {e.label}  {prices}")
    for problem in staged.problems:
        print(f"  {problem_text(problem)}")
    return 0
