"""`extradesk backup`, `restore`, `repair` and `check`: verified copies of the database, and
the ways out when it is damaged."""

from __future__ import annotations

import argparse
from pathlib import Path

from extradesk.cli.common import add_db, db_target, open_context


def register(sub) -> None:
    backup = sub.add_parser("backup", help="écrire une copie cohérente et vérifiée de la base")
    add_db(backup)
    backup.add_argument("-o", "--output", type=Path, metavar="FICHIER")
    backup.add_argument("--auto", action="store_true",
                        help="copie automatique (une par jour, puis rotation 7/4/12)")
    backup.set_defaults(handler=run)

    check = sub.add_parser("check", help="contrôler l'intégrité de la base")
    add_db(check)
    check.set_defaults(handler=run_check)

    restore = sub.add_parser("restore", help="remettre en service une sauvegarde")
    add_db(restore)
    restore.add_argument("file", type=Path, metavar="SAUVEGARDE")
    restore.set_defaults(handler=run_restore)

    repair = sub.add_parser("repair", help="récupérer ce qui est lisible d'une base endommagée")
    add_db(repair)
    repair.set_defaults(handler=run_repair)


def run(args: argparse.Namespace) -> int:
    from extradesk.services import backup

    ctx = open_context(args)
    if args.auto:
        target = backup.auto_backup(ctx)
        if target is None:
            print("La copie automatique du jour existe déjà.")
            return 0
    else:
        target = backup.make_backup(ctx, target=args.output)
    print(f"Sauvegarde écrite et vérifiée : {target}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from extradesk.services import backup

    found = backup.check_path(_live(args))  # not opened: it may be too damaged to open
    if found.ok:
        print("La base est intègre.")
        return 0
    print("La base est endommagée :")
    for problem in found.problems:
        print(f"  {problem}")
    if found.latest_good is not None:
        print(f"Dernière sauvegarde valide : {found.latest_good}\n"
              f"  extradesk restore \"{found.latest_good}\"")
    print("Ou récupérez ce qui est lisible : extradesk repair")
    return 3


def _live(args: argparse.Namespace) -> Path:
    from extradesk.core.errors import StorageError

    target = db_target(args)
    if "://" in str(target):
        raise StorageError("backup.sqlite_only")
    return Path(target)


def run_restore(args: argparse.Namespace) -> int:
    from extradesk.services import backup

    target = db_target(args)
    if "://" in str(target):  # a PostgreSQL server: into an empty database only
        backup.restore_server(str(target), backup=args.file)
        print(f"Sauvegarde « {args.file} » restaurée dans la base vide {target}.")
        return 0
    aside = backup.restore(_live(args), backup=args.file)
    print(f"Sauvegarde « {args.file} » remise en service. L'ancienne base est gardée : {aside}")
    return 0


def run_repair(args: argparse.Namespace) -> int:
    from extradesk.i18n.format import count
    from extradesk.services import backup

    live = _live(args)
    result = backup.repair(live)
    rows = sum(result.rows.values())
    print(f"Base réparée : {count(rows, 'ligne récupérée', 'lignes récupérées')} dans "
          f"{count(len(result.rows), 'table', 'tables')}. La base endommagée est gardée dans "
          f"« {live.parent / 'backups'} ».")
    for lost in result.lost[:20]:
        print(f"  perdu : {lost}")
    return 0
