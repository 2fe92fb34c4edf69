"""`extradesk lists` and `extradesk merge`: the reference lists and their duplicates."""

from __future__ import annotations

import argparse

from extradesk.cli.common import add_db, open_context

MERGEABLE = ("civility", "status", "origin", "ouvrage_type", "supplier", "journal")


def register(sub) -> None:
    lists = sub.add_parser("lists", help="afficher une liste de référence et ses identifiants")
    add_db(lists)
    lists.add_argument("list", choices=MERGEABLE, metavar="LISTE",
                       help=" | ".join(MERGEABLE))
    lists.set_defaults(handler=run_lists)

    merge = sub.add_parser("merge", help="fusionner des doublons d'une liste de référence")
    add_db(merge)
    merge.add_argument("list", choices=MERGEABLE, metavar="LISTE", help=" | ".join(MERGEABLE))
    merge.add_argument("keep", type=int, metavar="ID_A_GARDER")
    merge.add_argument("duplicates", type=int, nargs="+", metavar="ID_DOUBLON")
    merge.set_defaults(handler=run_merge)


def run_lists(args: argparse.Namespace) -> int:
    from extradesk.services import references

    ctx = open_context(args)
    print(references.LIST_TITLES[args.list])
    for item in references.list_items(ctx, args.list, with_usage=True):
        state = "" if item.active else "  (inactif)"
        print(f"{item.id:>6}  {item.label}  — utilisé {item.usage} fois{state}")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from extradesk.services import references

    ctx = open_context(args)
    items = {i.id: i for i in references.list_items(ctx, args.list, with_usage=True)}
    moved = sum(items[d].usage for d in args.duplicates if d in items)
    references.merge_items(ctx, args.list, keep_id=args.keep, duplicate_ids=args.duplicates)
    print(f"{len(args.duplicates)} élément(s) fusionné(s) dans « {items[args.keep].label} » ; "
          f"{moved} fiche(s) rattachée(s).")
    return 0
