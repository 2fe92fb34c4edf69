"""The `extradesk` command: the GUI by default, and every batch job (demo, search, merge, backup)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from extradesk import __version__

log = logging.getLogger("extradesk")

MERGEABLE = ("civility", "status", "origin", "ouvrage_type", "supplier", "journal")


_ARGPARSE_FR = [
    (re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"),
     r"argument \1 : « \2 » n'est pas un choix possible (\3)"),
    (re.compile(r"argument (\S+): invalid int value: '([^']*)'"),
     r"argument \1 : « \2 » n'est pas un nombre entier"),
    (re.compile(r"the following arguments are required: (.*)"),
     r"arguments obligatoires manquants : \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"arguments non reconnus : \1"),
    (re.compile(r"argument (\S+): expected one argument"), r"argument \1 : une valeur est attendue"),
]


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse ships no French: translate the errors a user actually meets."""

    def error(self, message: str):
        for pattern, replacement in _ARGPARSE_FR:
            message = pattern.sub(replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : {message}\n")


def _add_db(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--db", metavar="CHEMIN_OU_URL",
        # Sub-commands must not reset a --db given before the command name.
        default=None if top else argparse.SUPPRESS,
        help="fichier SQLite ou URL SQLAlchemy (par défaut : le dossier de données)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="extradesk",
        description="extradesk — gestion des clients, devis et factures pour les artisans.",
    )
    parser.add_argument("--version", action="version", version=f"extradesk {__version__}")
    _add_db(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE",
                                parser_class=FrenchArgumentParser)

    gui = sub.add_parser("gui", help="ouvrir l'application (par défaut)")
    _add_db(gui)

    demo = sub.add_parser("demo", help="créer des données de démonstration")
    _add_db(demo)
    demo.add_argument("--clients", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--no-documents", action="store_true",
                      help="clients et ouvrages seulement, sans pièces commerciales")

    search = sub.add_parser("search", help="rechercher des clients (et bientôt pièces, articles)")
    _add_db(search)
    search.add_argument("text", metavar="TEXTE")
    search.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--mode", choices=("contains", "starts_with"),
                        help="contient / commence par (par défaut : la préférence)")

    arts = sub.add_parser("articles", help="importer ou exporter la base articles (CSV)")
    arts_sub = arts.add_subparsers(dest="action", metavar="ACTION", required=True,
                                   parser_class=FrenchArgumentParser)
    for action, text in (("import", "créer ou mettre à jour les articles d'un fichier CSV"),
                         ("export", "écrire tous les articles dans un fichier CSV (Excel)")):
        one = arts_sub.add_parser(action, help=text)
        _add_db(one)
        one.add_argument("file", metavar="FICHIER")

    lists = sub.add_parser("lists", help="afficher une liste de référence et ses identifiants")
    _add_db(lists)
    lists.add_argument("list", choices=MERGEABLE, metavar="LISTE",
                       help=" | ".join(MERGEABLE))

    merge = sub.add_parser("merge", help="fusionner des doublons d'une liste de référence")
    _add_db(merge)
    merge.add_argument("list", choices=MERGEABLE, metavar="LISTE", help=" | ".join(MERGEABLE))
    merge.add_argument("keep", type=int, metavar="ID_A_GARDER")
    merge.add_argument("duplicates", type=int, nargs="+", metavar="ID_DOUBLON")

    printing = sub.add_parser("print", help="écrire le PDF d'une pièce (devis, facture…)")
    _add_db(printing)
    printing.add_argument("number", metavar="NUMERO", help="par exemple F-2026-00012")
    printing.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.pdf")

    backup = sub.add_parser("backup", help="écrire une copie cohérente de la base")
    _add_db(backup)
    backup.add_argument("-o", "--output", type=Path, metavar="FICHIER")
    _add_agenda(sub)
    _add_catalogue(sub)
    from extradesk.cli import mail, outbox  # modules that register their own sub-commands

    for module in (mail, outbox):
        module.register(sub)
    return parser


def _add_agenda(sub) -> None:
    agenda = sub.add_parser("agenda", help="agenda : compte CalDAV, liste des rendez-vous")
    what = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True,
                                 parser_class=FrenchArgumentParser)
    account = what.add_parser("account", help="relier l'agenda d'un utilisateur à un serveur")
    _add_db(account)
    account.add_argument("--user", required=True, metavar="NOM")
    account.add_argument("--url", required=True, metavar="URL",
                         help="adresse du serveur, ou icloud / fastmail")
    account.add_argument("--login", required=True, metavar="IDENTIFIANT")
    account.add_argument("--calendar", metavar="NOM", help="agenda du serveur (par défaut : "
                         "« extradesk », créé s'il manque)")
    listing = what.add_parser("list", help="lister les rendez-vous")
    _add_db(listing)
    listing.add_argument("--user", metavar="NOM")
    listing.add_argument("--from", dest="start", metavar="JJ/MM/AAAA")
    listing.add_argument("--to", dest="end", metavar="JJ/MM/AAAA")
    listing.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    export = what.add_parser("export", help="écrire l'agenda d'un utilisateur dans un .ics")
    _add_db(export)
    export.add_argument("--user", required=True, metavar="NOM")
    export.add_argument("--from", dest="start", metavar="JJ/MM/AAAA")
    export.add_argument("--to", dest="end", metavar="JJ/MM/AAAA", help="inclus")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.ics")
    ics_import = what.add_parser("import", help="importer un .ics dans l'agenda d'un "
                                 "utilisateur (doublons reconnus par UID)")
    _add_db(ics_import)
    ics_import.add_argument("--user", required=True, metavar="NOM")
    ics_import.add_argument("file", type=Path, metavar="FICHIER.ics")
    sync = sub.add_parser("sync", help="synchroniser (agenda)")
    target = sync.add_subparsers(dest="sync_command", metavar="QUOI", required=True,
                                 parser_class=FrenchArgumentParser)
    sync_agenda = target.add_parser("agenda", help="synchroniser les agendas avec les téléphones")
    _add_db(sync_agenda)
    sync_agenda.add_argument("--user", metavar="NOM")
    sync_agenda.add_argument("--force", action="store_true",
                             help="comparaison complète, renvoie les rendez-vous à venir")


def _add_catalogue(sub) -> None:
    catalogue = sub.add_parser("catalogue", help="catalogues fournisseurs : importer, chercher")
    what = catalogue.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True,
                                    parser_class=FrenchArgumentParser)
    load = what.add_parser("import", help="importer le fichier de prix d'un fournisseur")
    _add_db(load)
    load.add_argument("--supplier", required=True, metavar="NOM",
                      help="fournisseur (créé s'il n'existe pas)")
    load.add_argument("file", type=Path, metavar="FICHIER")
    load.add_argument("--mapping", type=Path, metavar="FICHIER.json",
                      help='colonnes : {"ref": "Référence", "purchase_price": 6, …}')
    load.add_argument("--skip-bad", action="store_true",
                      help="importer les lignes valides et ignorer celles en erreur")
    find = what.add_parser("find", help="chercher une référence dans tous les catalogues")
    _add_db(find)
    find.add_argument("ref", metavar="REFERENCE")
    find.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")


def _db_target(args) -> str | Path:
    if args.db:
        return args.db
    from extradesk import paths

    return paths.default_db_path()


def _open(args):
    from extradesk.services import users
    from extradesk.services.context import open_context

    ctx, report = open_context(_db_target(args))
    if report.backup is not None:
        print(f"Base mise à jour vers le schéma {report.after} "
              f"(copie de sécurité : {report.backup}).", file=sys.stderr)
    ctx.user_id = users.last_user_id(ctx)
    return ctx


def cmd_demo(args) -> int:
    from extradesk.i18n.format import integer
    from extradesk.services.demo import dataset as demo_set

    ctx = _open(args)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done * 100 // max(total, 1):3d} %", end="", file=sys.stderr, flush=True)

    report, _changes = demo_set.generate(ctx, clients=args.clients, seed=args.seed,
                                         documents=not args.no_documents, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    print(f"{integer(report.clients)} clients, {integer(report.ouvrages)} ouvrages et "
          f"{integer(report.documents)} pièces commerciales créés en {seconds} s.")
    if report.articles:
        print(f"Base articles : {integer(report.articles)} articles avec familles, comptes "
              "et notices.")
    return 0


def cmd_articles(args) -> int:
    from extradesk.i18n.format import integer
    from extradesk.services.articles import csv_io as articles_csv

    ctx = _open(args)
    if args.action == "export":
        count = articles_csv.export_articles(ctx, args.file)
        print(f"{integer(count)} articles écrits dans {args.file}.")
        return 0
    report = articles_csv.import_articles(ctx, args.file)
    if report.problems:
        for line in report.problems:
            print(line, file=sys.stderr)
        print("Aucun article importé : corrigez ces lignes puis relancez l'import.",
              file=sys.stderr)
        return 1
    print(f"{integer(report.created)} articles créés, {integer(report.updated)} mis à jour.")
    return 0


def cmd_search(args) -> int:
    from extradesk.services import search

    ctx = _open(args)
    result = search.search(ctx, args.text, mode=args.mode, limit=args.limit)
    if args.json:
        json.dump([h.as_json() for h in result.hits], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not result.hits:
        print("Aucun résultat.")
        return 0
    for hit in result.hits:
        print(f"{hit.id:>8}  {hit.label}" + (f"  —  {hit.detail}" if hit.detail else ""))
    if result.truncated:
        print(f"(les {len(result.hits)} premiers résultats ; précisez la recherche)")
    return 0


def cmd_lists(args) -> int:
    from extradesk.services import references

    ctx = _open(args)
    print(references.LIST_TITLES[args.list])
    for item in references.list_items(ctx, args.list, with_usage=True):
        state = "" if item.active else "  (inactif)"
        print(f"{item.id:>6}  {item.label}  — utilisé {item.usage} fois{state}")
    return 0


def cmd_merge(args) -> int:
    from extradesk.services import references

    ctx = _open(args)
    items = {i.id: i for i in references.list_items(ctx, args.list, with_usage=True)}
    moved = sum(items[d].usage for d in args.duplicates if d in items)
    references.merge_items(ctx, args.list, keep_id=args.keep, duplicate_ids=args.duplicates)
    print(f"{len(args.duplicates)} élément(s) fusionné(s) dans « {items[args.keep].label} » ; "
          f"{moved} fiche(s) rattachée(s).")
    return 0


def cmd_print(args) -> int:
    from extradesk.core.errors import NotFoundError
    from extradesk.services.documents import drafts as documents

    ctx = _open(args)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("document.number_unknown", value=args.number)
    data = documents.render_pdf(ctx, document_id)
    partial = args.output.with_name(args.output.name + ".partial")
    partial.write_bytes(data)
    partial.replace(args.output)  # never a half-written PDF under the real name
    print(f"PDF écrit : {args.output} ({len(data) // 1024} Ko)")
    return 0


def cmd_backup(args) -> int:
    from extradesk.services import backup

    ctx = _open(args)
    target = backup.make_backup(ctx, target=args.output)
    print(f"Sauvegarde écrite : {target}")
    return 0


def _user_named(ctx, name: str) -> int:
    from extradesk.core.errors import NotFoundError
    from extradesk.core.search_text import fold
    from extradesk.services import users

    for user in users.list_users(ctx, include_inactive=True):
        if fold(name) in (fold(user.name), fold(user.initials)):
            return user.id
    raise NotFoundError("user.unknown_name", name=name)


def _day(text: str | None, default):
    from extradesk.core.errors import Problem, ValidationError
    from extradesk.i18n.format import parse_day

    try:
        return parse_day(text or "") or default
    except ValueError:
        raise ValidationError([Problem(None, "date.unreadable", {"value": text})]) from None


def cmd_agenda(args) -> int:
    if args.agenda_command == "account":
        return _agenda_account(args)
    if args.agenda_command in ("export", "import"):
        return _agenda_ics(args)
    from datetime import datetime, timedelta

    from extradesk.core.clock import PARIS
    from extradesk.i18n.format import moment
    from extradesk.services import users
    from extradesk.services.agenda import appointments as agenda

    ctx = _open(args)
    ctx.user_id = None  # the command line acts as the system: every agenda is readable
    first = _day(args.start, ctx.clock.today())
    last = _day(args.end, first + timedelta(days=6))
    who = [_user_named(ctx, args.user)] if args.user else [u.id for u in users.list_users(ctx)]
    names = {u.id: u.name for u in users.list_users(ctx, include_inactive=True)}
    entries = agenda.list_appointments(
        ctx, who, start=datetime.combine(first, datetime.min.time(), PARIS),
        end=datetime.combine(last + timedelta(days=1), datetime.min.time(), PARIS))
    if args.json:
        json.dump([{"id": e.appointment_id, "user": names.get(e.user_id), "title": e.title,
                    "start": e.start.isoformat(), "end": e.end.isoformat(),
                    "all_day": e.all_day, "status": e.status, "location": e.location}
                   for e in entries], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not entries:
        print("Aucun rendez-vous.")
    for e in entries:
        print(f"{moment(e.start)} → {moment(e.end)[-5:]}  {names.get(e.user_id, '')}  "
              f"{e.title}" + (f"  —  {e.location}" if e.location else ""))
    return 0


def _agenda_account(args) -> int:
    import getpass

    from extradesk.services.agenda import accounts as agenda_accounts

    ctx = _open(args)
    user_id = _user_named(ctx, args.user)
    provider = args.url if args.url in ("icloud", "fastmail") else "other"
    url = agenda_accounts.preset_url(provider) or args.url
    if sys.stdin.isatty():
        password = getpass.getpass("Mot de passe : ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    account, _ = agenda_accounts.save_account(
        ctx, user_id, url=url, login=args.login, password=password, provider=provider,
        calendar=args.calendar)
    print(f"Compte enregistré : agenda « {account.calendar_name} » sur {account.url} "
          "(mot de passe dans le trousseau).")
    return 0


def _agenda_ics(args) -> int:
    from datetime import datetime, timedelta

    from extradesk.core.clock import PARIS
    from extradesk.i18n.format import integer
    from extradesk.services.agenda import ics

    ctx = _open(args)
    ctx.user_id = None  # the command line acts as the system, as `agenda list` does
    user_id = _user_named(ctx, args.user)
    if args.agenda_command == "import":
        report, _ = ics.import_file(ctx, user_id, path=args.file)
        print(f"Import de « {args.file.name} » : {report.summary()}")
        for line in report.messages:
            print(f"  {line}")
        return 0
    first, last = _day(args.start, None), _day(args.end, None)
    count = ics.export_file(
        ctx, user_id, path=args.output,
        start=datetime.combine(first, datetime.min.time(), PARIS) if first else None,
        end=datetime.combine(last + timedelta(days=1), datetime.min.time(), PARIS)
        if last else None)
    print(f"{integer(count)} rendez-vous écrits dans {args.output}.")
    return 0


def cmd_sync(args) -> int:
    from extradesk.services.agenda import sync as agenda_sync

    ctx = _open(args)
    user_id = _user_named(ctx, args.user) if args.user else None
    reports = agenda_sync.sync_all(ctx, user_id=user_id, force=args.force)
    if not reports:
        print("Aucun compte d'agenda à synchroniser.")
    failed = False
    for report in reports:
        print(f"{report.user_name} : {report.summary()}")
        for line in report.messages:
            print(f"  {line}")
        failed = failed or report.stopped or report.errors > 0
    return 1 if failed else 0


def cmd_catalogue(args) -> int:
    from extradesk.i18n import format as fmt
    from extradesk.services.catalogues import lookup as catalogue

    ctx = _open(args)
    if args.catalogue_command == "find":
        found = catalogue.find(ctx, args.ref)
        if args.json:
            json.dump([{"id": m.id, "supplier": m.supplier, "ref": m.ref, "label": m.label,
                        "family": m.family, "sub_family": m.sub_family, "unit": m.unit,
                        "purchase_price": None if m.purchase_price is None
                        else str(m.purchase_price),
                        "public_price": None if m.public_price is None else str(m.public_price)}
                       for m in found], sys.stdout, ensure_ascii=False, indent=1)
            print()
        for m in [] if args.json else found:
            price = fmt.money(m.purchase_price) + " HT" if m.purchase_price is not None else "—"
            print(f"{m.supplier}  {m.ref}  {m.label}  — achat {price}")
        if not found and not args.json:
            print("Aucune ligne de catalogue pour cette référence.")
        return 0
    from extradesk.services.catalogues import importing as catalogue_import

    supplier_id = catalogue.supplier_by_name(ctx, args.supplier)
    staged, _ = catalogue_import.import_file(ctx, supplier_id, path=args.file,
                                             mapping_file=args.mapping, skip_bad=args.skip_bad)
    from extradesk.i18n.catalogue_messages import DIFF_KINDS, diff_summary
    from extradesk.i18n.messages import problem_text

    d = staged.diff
    skipped = f" ; {fmt.integer(staged.skipped)} ligne(s) en erreur ignorée(s)" \
        if staged.skipped else ""
    print(f"Catalogue « {args.supplier} » importé : {fmt.integer(staged.lines)} "
          f"ligne(s){skipped}.")
    print(diff_summary(added=d.added, removed=d.removed, price_up=d.price_up,
                       price_down=d.price_down, unchanged=d.unchanged))
    for e in d.examples:
        prices = " → ".join(fmt.money(p) for p in (e.old_price, e.new_price) if p is not None)
        print(f"  {DIFF_KINDS[e.kind]:<9} {e.ref}  {e.label}  {prices}")
    for problem in staged.problems:
        print(f"  {problem_text(problem)}")
    return 0


def cmd_gui(args) -> int:
    from extradesk import app  # Qt is loaded only here: batch commands never pay for it

    return app.main(db=args.db)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui, "gui": cmd_gui, "demo": cmd_demo, "search": cmd_search, "lists": cmd_lists,
    "merge": cmd_merge, "print": cmd_print, "backup": cmd_backup, "agenda": cmd_agenda,
    "articles": cmd_articles, "sync": cmd_sync, "catalogue": cmd_catalogue,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from extradesk.core.errors import ExtradeskError

    try:
        return (COMMANDS.get(args.command) or args.handler)(args)
    except ExtradeskError as error:
        from extradesk.i18n.messages import error_text

        print(f"extradesk : {error_text(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130
    except Exception as error:  # a batch job must say what happened, never dump a traceback
        if os.environ.get("EXTRADESK_DEBUG"):
            raise
        log.exception("unexpected error")
        from extradesk.i18n.messages import text

        print(f"extradesk : {text('unexpected', detail=error)}", file=sys.stderr)
        return 1
