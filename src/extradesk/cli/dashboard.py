"""`extradesk dashboard`: the dashboard's figures (text or JSON) and its mail."""

from __future__ import annotations

import argparse
import sys

from extradesk.cli.common import add_db, add_json, day, open_context, print_json, user_named


def register(sub) -> None:
    board = sub.add_parser("dashboard", help="tableau de bord (chiffres, envoi par e-mail)")
    add_db(board)
    add_json(board)
    board.add_argument("--user", metavar="NOM",
                       help="les chiffres d'un utilisateur (par défaut : toute l'entreprise)")
    board.add_argument("--day", metavar="JJ/MM/AAAA",
                       help="les chiffres tels qu'ils étaient ce jour-là (par défaut : "
                            "aujourd'hui)")
    board.add_argument("--mail", action="store_true",
                       help="mettre le tableau de bord de --user dans la boîte d'envoi")
    board.add_argument("--due", action="store_true",
                       help="mettre dans la boîte d'envoi les tableaux de bord dont l'heure "
                            "est venue (tâche planifiée)")
    board.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extradesk.core.errors import Problem, ValidationError
    from extradesk.i18n.messages import text

    if args.mail and not args.user:
        raise ValidationError([Problem(None, "dashboard.mail_needs_user")])
    if args.mail or args.due:
        from extradesk.services.dashboard import mail

        ctx = open_context(args)
        if args.due:
            queued, _changes = mail.queue_due(ctx)
            for item_id in queued:
                print(text("dashboard.queued_due", id=item_id), file=sys.stderr)
            if not queued:
                print(text("dashboard.nothing_due"), file=sys.stderr)
            return 0
        user_id = user_named(ctx, args.user)
        item_id, _changes = mail.queue_mail(ctx, user_id)
        from extradesk.services import users

        print(text("dashboard.queued", to=users.get_user(ctx, user_id).email, id=item_id),
              file=sys.stderr)
        return 0
    from extradesk.services.dashboard import texts, tiles

    ctx = open_context(args, read_only=True)
    as_of = day(args.day, None)
    if as_of is not None:  # noon in Paris that day: "today" is that day
        from datetime import datetime, time

        from extradesk.core.clock import PARIS, FixedClock

        ctx.clock = FixedClock(datetime.combine(as_of, time(12), tzinfo=PARIS))
    user_id = user_named(ctx, args.user) if args.user else None
    values = tiles.everything(ctx, user_id=user_id)
    if args.json:
        print_json({"user": args.user, "today": ctx.clock.today().isoformat(),
                    **{name: tiles.plain(value) for name, value in values.items()}})
        return 0
    for name in tiles.TILES:
        tile = texts.tile_text(name, values[name])
        print(f"{tile.title} : {tile.headline}")
        for line in tile.lines:
            print(f"  {line}")
    return 0
