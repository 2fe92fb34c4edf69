"""`extradesk search`: the search box on the command line."""

from __future__ import annotations

import argparse

from extradesk.cli.common import add_db, add_json, open_context, print_json


def register(sub) -> None:
    search = sub.add_parser("search", help="rechercher des clients (et bientôt pièces, articles)")
    add_db(search)
    search.add_argument("text", metavar="TEXTE")
    add_json(search)
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--mode", choices=("contains", "starts_with"),
                        help="contient / commence par (par défaut : la préférence)")
    search.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk.services import search

    ctx = open_context(args, read_only=True)
    result = search.search(ctx, args.text, mode=args.mode, limit=args.limit)
    if args.json:
        print_json([h.as_json() for h in result.hits])
        return 0
    if not result.hits:
        print("Aucun résultat.")
        return 0
    for hit in result.hits:
        print(f"{hit.id:>8}  {hit.label}" + (f"  —  {hit.detail}" if hit.detail else ""))
    if result.truncated:
        print(f"(les {len(result.hits)} premiers résultats ; précisez la recherche)")
    return 0
