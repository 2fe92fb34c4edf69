"""`extradesk mail account|test|send`: the SMTP account, its test, mailing a document."""

from __future__ import annotations

import getpass
import sys

from extradesk.cli.common import add_db, open_context, user_named


def register(sub) -> None:
    mail = sub.add_parser("mail", help="e-mail : compte d'envoi (SMTP), essai, envoi d'une pièce")
    what = mail.add_subparsers(dest="mail_command", metavar="ACTION", required=True,
                               parser_class=type(mail))
    mail.set_defaults(handler=cmd_mail)
    account = what.add_parser("account", help="configurer le compte d'envoi (mot de passe lu "
                              "sur l'entrée standard ; vide = sans authentification)")
    add_db(account)
    owner = account.add_mutually_exclusive_group(required=True)
    owner.add_argument("--user", metavar="NOM", help="compte propre à cet utilisateur")
    owner.add_argument("--company", action="store_true",
                       help="compte de l'entreprise, partagé par les utilisateurs")
    account.add_argument("--host", required=True, metavar="SERVEUR")
    account.add_argument("--port", required=True, type=int, metavar="N")
    account.add_argument("--security", required=True, choices=("starttls", "ssl", "none"))
    account.add_argument("--login", required=True, metavar="IDENTIFIANT")
    account.add_argument("--from", dest="sender", required=True, metavar="ADRESSE")
    account.add_argument("--name", metavar="NOM", help="nom affiché de l'expéditeur")
    test = what.add_parser("test", help="envoyer un message d'essai à l'utilisateur")
    add_db(test)
    test.add_argument("--user", required=True, metavar="NOM")
    send = what.add_parser("send", help="mettre une pièce dans la boîte d'envoi et l'envoyer")
    add_db(send)
    send.add_argument("number", metavar="NUMERO", help="par exemple D-2026-00012")
    send.add_argument("--user", metavar="NOM", help="expéditeur (par défaut : le dernier "
                      "utilisateur de ce poste)")
    send.add_argument("--to", action="append", metavar="ADRESSE",
                      help="destinataire (répétable ; par défaut : les e-mails du client)")
    send.add_argument("--notices", action="store_true",
                      help="joindre les notices techniques des articles")


def cmd_mail(args) -> int:
    return {"account": _account, "test": _test, "send": _send}[args.mail_command](args)


def _account(args) -> int:
    from extradesk.services.mail import accounts

    ctx = open_context(args)
    user_id = None if args.company else user_named(ctx, args.user)
    if sys.stdin.isatty():
        password = getpass.getpass("Mot de passe (vide : sans authentification) : ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    data = accounts.AccountInput(host=args.host, port=args.port, security=args.security,
                                 sender_address=args.sender, sender_name=args.name,
                                 login=args.login if password else None)
    account, _ = accounts.save_account(ctx, user_id, data=data, password=password or None)
    auth = "mot de passe dans le trousseau" if account.login else "sans authentification"
    print(f"Compte d'envoi enregistré : {account.sender_address} par {account.host}:"
          f"{account.port} ({account.security}, {auth}).")
    return 0


def _test(args) -> int:
    from extradesk.i18n.messages import text
    from extradesk.services.mail import accounts

    ctx = open_context(args)
    user_id = user_named(ctx, args.user)
    to = accounts.send_test(ctx, user_id)
    print(text("mail.test_sent", address=to, host=accounts.get_account(ctx, user_id).host))
    return 0


def _send(args) -> int:
    from extradesk.core.errors import NotFoundError
    from extradesk.services.documents import drafts as documents
    from extradesk.services.mail import compose
    from extradesk.services.outbox import items, sender

    ctx = open_context(args)
    if args.user:
        ctx.user_id = user_named(ctx, args.user)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("document.number_unknown", value=args.number)
    item_id, _ = compose.queue_document_mail(ctx, document_id, to=args.to,
                                             notices_too=args.notices)
    sender.send_due(ctx, item_ids=[item_id])  # at once; it stays queued if that fails
    row = items.get_item(ctx, item_id)
    print(f"Message n° {item_id} : {state_line(row)}")
    return 1 if row.state == "failed" else 0


def state_line(row) -> str:
    """'envoyé', 'en attente : <raison>', 'échec : <raison>' (also used by outbox list)."""
    from extradesk.i18n.messages import text

    label = text(f"outbox.state.{row.state}")
    return f"{label} : {text(row.error, **row.error_params)}" if row.error else label
