"""`extradesk lists` and `extradesk merge`: the reference lists and their duplicates."""

from __future__ import annotations

import argparse

from extradesk.cli.common import add_db, open_context

MERGEABLE = ("civility", "status", "origin", "ouvrage_type", "supplier", "journal", "depot")


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
    from extradesk.i18n.format import count
    from extradesk.services import references

    ctx = open_context(args)
    duplicates = list(dict.fromkeys(args.duplicates))  # `merge status 1 2 2` merges one
    items = {i.id: i for i in references.list_items(ctx, args.list, with_usage=True)}
    moved = sum(items[d].usage for d in duplicates if d in items)
    references.merge_items(ctx, args.list, keep_id=args.keep, duplicate_ids=duplicates)
    print(f"{count(len(duplicates), 'élément fusionné', 'éléments fusionnés')} dans "
          f"« {items[args.keep].label} » ; {count(moved, 'fiche rattachée', 'fiches rattachées')}.")
    return 0
