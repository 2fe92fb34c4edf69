"""`extradesk sms gateway|test|send` and `extradesk reminders`: the SMS gateway, its test, a
one-off message, and the appointment reminders for a daily scheduled task."""

from __future__ import annotations

import getpass
import sys

from extradesk.cli.common import add_db, open_context

KINDS = ("ovh", "brevo", "smsmode", "twilio", "android")
_ORDER = {
    "ovh": "application key, application secret, consumer key",
    "brevo": "clé d'API",
    "smsmode": "clé d'API",
    "twilio": "account SID, auth token",
    "android": "identifiant, mot de passe",
}


def register(sub) -> None:
    sms = sub.add_parser("sms", help="SMS : passerelle, essai, envoi d'un message")
    what = sms.add_subparsers(dest="sms_command", metavar="ACTION", required=True,
                              parser_class=type(sms))
    sms.set_defaults(handler=cmd_sms)
    gateway = what.add_parser("gateway", help="configurer la passerelle SMS (clés lues sur "
                              "l'entrée standard, une par ligne)")
    add_db(gateway)
    gateway.add_argument("--kind", required=True, choices=KINDS)
    gateway.add_argument("--url", metavar="URL", help="adresse de la passerelle (Android : "
                         "http://TELEPHONE:8080 ou le service cloud)")
    gateway.add_argument("--sender", metavar="NOM", help="nom d'expéditeur (si le fournisseur "
                         "le permet)")
    gateway.add_argument("--account", metavar="ID", help="OVHcloud : nom du service SMS")
    gateway.add_argument("--stop-number", metavar="NUMERO", help="numéro de la mention « STOP "
                         "au … » des campagnes")
    test = what.add_parser("test", help="envoyer un SMS d'essai (à votre portable)")
    add_db(test)
    test.add_argument("--to", required=True, metavar="NUMERO")
    send = what.add_parser("send", help="mettre un SMS dans la boîte d'envoi et l'envoyer")
    add_db(send)
    send.add_argument("--to", required=True, metavar="NUMERO")
    send.add_argument("--text", required=True, metavar="TEXTE")
    reminders = sub.add_parser("reminders", help="rappels de rendez-vous par SMS : mettre dans "
                               "la boîte d'envoi ceux qui sont dus (tâche planifiée)")
    add_db(reminders)
    reminders.add_argument("--dry-run", action="store_true",
                           help="afficher les rappels dus sans rien mettre en file")
    reminders.set_defaults(handler=cmd_reminders)


def cmd_sms(args) -> int:
    return {"gateway": _gateway, "test": _test, "send": _send}[args.sms_command](args)


def _read_secrets(kind: str) -> list[str]:
    count = len(_ORDER[kind].split(","))
    if sys.stdin.isatty():
        names = _ORDER[kind].split(", ")
        return [getpass.getpass(f"{name} : ") for name in names]
    return [sys.stdin.readline().rstrip("\r\n") for _ in range(count)]


def _gateway(args) -> int:
    from extradesk.i18n.sms import PROVIDERS
    from extradesk.services.sms import gateway

    ctx = open_context(args)
    data = gateway.GatewayInput(kind=args.kind, url=args.url, sender=args.sender,
                                account=args.account, stop_number=args.stop_number)
    gateway.save_gateway(ctx, data=data, secrets=_read_secrets(args.kind))
    saved = gateway.get_gateway(ctx)
    sender = f", expéditeur « {saved.sender} »" if saved.sender else ""
    print(f"Passerelle SMS enregistrée : {PROVIDERS[saved.kind]} ({saved.url}{sender}), clés "
          "dans le trousseau.")
    return 0


def _test(args) -> int:
    from extradesk.i18n import format as fmt
    from extradesk.i18n.messages import text
    from extradesk.services.sms import gateway

    ctx = open_context(args)
    number, reference = gateway.send_test(ctx, to=args.to)
    print(text("sms.test_sent", provider=gateway.get_gateway(ctx).kind,
               number=fmt.phone(number), reference=reference or "—"))
    return 0


def _send(args) -> int:
    from extradesk.cli.mail import state_line
    from extradesk.services.outbox import items, sender
    from extradesk.services.sms import gateway

    ctx = open_context(args)
    item_id, _ = gateway.queue_sms(ctx, to=args.to, text=args.text)
    sender.send_due(ctx, item_ids=[item_id])  # at once; it stays queued if that fails
    row = items.get_item(ctx, item_id)
    print(f"SMS n° {item_id} : {state_line(row)}")
    return 1 if row.state == "failed" else 0


def cmd_reminders(args) -> int:
    from extradesk.i18n import format as fmt
    from extradesk.services.sms import reminders

    ctx = open_context(args)
    queued, _ = reminders.queue_due(ctx, dry_run=args.dry_run)
    verb = "à mettre en file" if args.dry_run else "mis en file"
    print(f"{fmt.count(len(queued), 'rappel', 'rappels')} {verb}.")
    for r in queued:
        print(f"  rendez-vous n° {r.appointment_id} → {fmt.phone(r.to)} : {r.text}")
    return 0
