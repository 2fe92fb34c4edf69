"""`extradesk outbox list|send|retry|cancel`: the outbox from a script or a scheduled task."""

from __future__ import annotations

import json
import sys

from extradesk.cli.common import add_db, open_context
from extradesk.i18n.format import count


def register(sub) -> None:
    outbox = sub.add_parser("outbox", help="boîte d'envoi : lister, envoyer, réessayer, annuler")
    what = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True,
                                 parser_class=type(outbox))
    outbox.set_defaults(handler=cmd_outbox)
    listing = what.add_parser("list", help="lister les messages (les plus récents d'abord)")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    send = what.add_parser("send", help="envoyer les messages en attente (tâche planifiée)")
    add_db(send)
    for action, text in (("retry", "renvoyer maintenant un message en attente ou en échec"),
                         ("cancel", "annuler un message qui n'est pas encore parti")):
        one = what.add_parser(action, help=text)
        add_db(one)
        one.add_argument("id", type=int, metavar="ID")


def cmd_outbox(args) -> int:
    return {"list": _list, "send": _send, "retry": _act, "cancel": _act}[
        args.outbox_command](args)


def _list(args) -> int:
    from extradesk.cli.mail import state_line
    from extradesk.i18n.messages import text
    from extradesk.services.outbox import items

    ctx = open_context(args)
    rows = items.list_items(ctx)
    if args.json:
        json.dump([{"id": r.id, "kind": r.kind, "to": r.to, "subject": r.subject,
                    "state": r.state, "attempts": r.attempts,
                    "error": text(r.error, **r.error_params) if r.error else None}
                   for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not rows:
        print("La boîte d'envoi est vide.")
    for r in rows:
        print(f"{r.id:>6}  {r.kind:<8} {r.to}  « {r.subject or ''} »  — {state_line(r)}"
              f" ({count(r.attempts, 'essai', 'essais')})")
    return 0


def _send(args) -> int:
    from extradesk.i18n.messages import error_text
    from extradesk.services.outbox import sender

    ctx = open_context(args)
    report, _ = sender.send_due(ctx)
    print(f"{count(report.sent, 'envoyé', 'envoyés')}, {report.deferred} en attente d'un "
          f"nouvel essai, {report.failed} en échec.")
    for item_id, error in report.errors:
        print(f"  n° {item_id} : {error_text(error)}", file=sys.stderr)
    return 1 if report.failed else 0


def _act(args) -> int:
    from extradesk.services.outbox import items

    ctx = open_context(args)
    if args.outbox_command == "cancel":
        items.cancel(ctx, args.id)
        print(f"Message n° {args.id} annulé.")
        return 0
    items.retry(ctx, args.id)
    print(f"Message n° {args.id} remis en attente : il part au prochain envoi.")
    return 0
