"""`extradesk agenda account|list|export|import` and `extradesk sync agenda`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extradesk.cli.common import add_db, add_json, day, open_context, print_json, user_named


def register(sub) -> None:
    agenda = sub.add_parser("agenda", help="agenda : compte CalDAV, liste des rendez-vous")
    what = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    account = what.add_parser("account", help="relier l'agenda d'un utilisateur à un serveur")
    add_db(account)
    account.add_argument("--user", required=True, metavar="NOM")
    account.add_argument("--url", required=True, metavar="URL",
                         help="adresse du serveur, ou icloud / fastmail")
    account.add_argument("--login", metavar="IDENTIFIANT",
                         help="par défaut, celui de l'adresse (https://identifiant@…)")
    account.add_argument("--calendar", metavar="NOM", help="agenda du serveur (par défaut : "
                         "« extradesk », créé s'il manque)")
    account.set_defaults(handler=run_account)
    listing = what.add_parser("list", help="lister les rendez-vous")
    add_db(listing)
    listing.add_argument("--user", metavar="NOM")
    listing.add_argument("--from", dest="start", metavar="JJ/MM/AAAA")
    listing.add_argument("--to", dest="end", metavar="JJ/MM/AAAA")
    add_json(listing)
    listing.set_defaults(handler=run_list)
    export = what.add_parser("export", help="écrire l'agenda d'un utilisateur dans un .ics")
    add_db(export)
    export.add_argument("--user", required=True, metavar="NOM")
    export.add_argument("--from", dest="start", metavar="JJ/MM/AAAA")
    export.add_argument("--to", dest="end", metavar="JJ/MM/AAAA", help="inclus")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.ics")
    export.set_defaults(handler=run_export)
    ics_import = what.add_parser("import", help="importer un .ics dans l'agenda d'un "
                                 "utilisateur (doublons reconnus par UID)")
    add_db(ics_import)
    ics_import.add_argument("--user", required=True, metavar="NOM")
    ics_import.add_argument("file", type=Path, metavar="FICHIER.ics")
    ics_import.set_defaults(handler=run_import)

    sync = sub.add_parser("sync", help="synchroniser (agenda)")
    target = sync.add_subparsers(dest="sync_command", metavar="QUOI", required=True)
    sync_agenda = target.add_parser("agenda", help="synchroniser les agendas avec les téléphones")
    add_db(sync_agenda)
    sync_agenda.add_argument("--user", metavar="NOM")
    sync_agenda.add_argument("--force", action="store_true",
                             help="comparaison complète, renvoie les rendez-vous à venir")
    sync_agenda.set_defaults(handler=run_sync)


def _paris_midnight(day_):
    from datetime import datetime

    from extradesk.core.clock import PARIS

    return datetime.combine(day_, datetime.min.time(), PARIS)


def run_list(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from extradesk.i18n.format import moment
    from extradesk.services import users
    from extradesk.services.agenda import appointments as agenda

    ctx = open_context(args)
    ctx.user_id = None  # the command line acts as the system: every agenda is readable
    first = day(args.start, ctx.clock.today())
    last = day(args.end, first + timedelta(days=6))
    who = [user_named(ctx, args.user)] if args.user else [u.id for u in users.list_users(ctx)]
    names = {u.id: u.name for u in users.list_users(ctx, include_inactive=True)}
    entries = agenda.list_appointments(ctx, who, start=_paris_midnight(first),
                                       end=_paris_midnight(last + timedelta(days=1)))
    if args.json:
        print_json([{"id": e.appointment_id, "user": names.get(e.user_id), "title": e.title,
                     "start": e.start.isoformat(), "end": e.end.isoformat(),
                     "all_day": e.all_day, "status": e.status, "location": e.location,
                     "client": e.client_name or None,
                     "phone": e.client_phones[0] if e.client_phones else None}
                    for e in entries])
        return 0
    if not entries:
        print("Aucun rendez-vous.")
    for e in entries:
        who = ", ".join(p for p in (e.client_name, *e.client_phones[:1]) if p)
        print(f"{moment(e.start)} → {moment(e.end)[-5:]}  {names.get(e.user_id, '')}  "
              f"{e.title}" + (f"  —  {who}" if who else "")
              + (f"  —  {e.location}" if e.location else ""))
    return 0


def run_account(args: argparse.Namespace) -> int:
    import getpass

    from extradesk.services.agenda import accounts as agenda_accounts

    ctx = open_context(args)
    user_id = user_named(ctx, args.user)
    provider = args.url if args.url in ("icloud", "fastmail") else "other"
    url = agenda_accounts.preset_url(provider) or args.url
    url, url_login, password = agenda_accounts.split_credentials(url)  # never kept in the URL
    agenda_accounts.check_keyring()  # before asking for a password it could not keep
    if password:
        pass  # given in the URL: it goes to the keyring, not into the database
    elif sys.stdin.isatty():
        password = getpass.getpass("Mot de passe : ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    account, _ = agenda_accounts.save_account(
        ctx, user_id, url=url, login=args.login or url_login, password=password,
        provider=provider, calendar=args.calendar)
    print(f"Compte enregistré : agenda « {account.calendar_name} » sur {account.url} "
          "(mot de passe dans le trousseau).")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from extradesk.services.agenda import ics

    ctx = open_context(args)
    ctx.user_id = None  # the command line acts as the system, as `agenda list` does
    user_id = user_named(ctx, args.user)
    report, _ = ics.import_file(ctx, user_id, path=args.file)
    print(f"Import de « {args.file.name} » : {report.summary()}")
    for line in report.messages:
        print(f"  {line}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from extradesk.i18n.format import integer
    from extradesk.services.agenda import ics

    ctx = open_context(args)
    ctx.user_id = None  # the command line acts as the system, as `agenda list` does
    user_id = user_named(ctx, args.user)
    first, last = day(args.start, None), day(args.end, None)
    count = ics.export_file(
        ctx, user_id, path=args.output,
        start=_paris_midnight(first) if first else None,
        end=_paris_midnight(last + timedelta(days=1)) if last else None)
    print(f"{integer(count)} rendez-vous écrits dans {args.output}.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from extradesk.services.agenda import sync as agenda_sync

    ctx = open_context(args)
    user_id = user_named(ctx, args.user) if args.user else None
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
