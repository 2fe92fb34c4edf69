"""`extradesk payment add|list|cancel|close|archive|verify`, `extradesk unpaid` and
`extradesk reminders-unpaid`: payments, overdue invoices and reminders from a script or a
scheduled task."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extradesk.cli.common import add_db, add_json, day, open_context, print_json

MODES = ("cheque", "virement", "carte", "especes", "prelevement", "autre")


def register(sub) -> None:
    payment = sub.add_parser("payment", help="règlements : saisir, lister, annuler, clôturer, "
                                             "archiver")
    what = payment.add_subparsers(dest="payment_command", metavar="ACTION", required=True,
                                  parser_class=type(payment))
    payment.set_defaults(handler=cmd_payment)
    add = what.add_parser("add", help="saisir un règlement sur une facture")
    add_db(add)
    add.add_argument("number", metavar="NUMERO", help="la facture, par exemple F-2026-00012")
    add.add_argument("--amount", required=True, metavar="MONTANT", help="par exemple 1 234,56")
    add.add_argument("--date", required=True, metavar="JJ/MM/AAAA")
    add.add_argument("--mode", required=True, choices=MODES)
    add.add_argument("--journal", metavar="CODE", help="journal de caisse ou de banque (CA, BQ)")
    add.add_argument("--reference", metavar="TEXTE")
    add.add_argument("--bank", metavar="BANQUE", help="banque du chèque")
    add.add_argument("--cheque-number", metavar="NUMERO")
    add.add_argument("--drawer", metavar="TIREUR", help="signataire du chèque s'il n'est pas "
                                                       "le client")
    listing = what.add_parser("list", help="lister les règlements d'une période")
    add_db(listing)
    listing.add_argument("--from", dest="first", metavar="JJ/MM/AAAA")
    listing.add_argument("--to", dest="last", metavar="JJ/MM/AAAA")
    add_json(listing)
    cancel = what.add_parser("cancel", help="annuler un règlement (écriture d'annulation)")
    add_db(cancel)
    cancel.add_argument("id", type=int, metavar="ID")
    close = what.add_parser("close", help="clôturer une journée, un mois ou une année")
    add_db(close)
    period = close.add_mutually_exclusive_group(required=True)
    period.add_argument("--day", metavar="JJ/MM/AAAA")
    period.add_argument("--month", metavar="MM/AAAA")
    period.add_argument("--year", type=int, metavar="AAAA")
    archive = what.add_parser("archive", help="archiver les règlements et clôtures d'une année")
    add_db(archive)
    archive.add_argument("--year", type=int, required=True, metavar="AAAA")
    archive.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.csv")
    verify = what.add_parser("verify", help="vérifier la chaîne d'empreintes des règlements")
    add_db(verify)

    unpaid = sub.add_parser("unpaid", help="factures en retard : reste à payer, jours de retard")
    add_db(unpaid)
    add_json(unpaid)
    unpaid.set_defaults(handler=run_unpaid)
    reminders = sub.add_parser("reminders-unpaid", help="relances dues aujourd'hui (tâche "
                                                        "planifiée)")
    add_db(reminders)
    reminders.add_argument("--dry-run", action="store_true", help="lister sans rien envoyer")
    reminders.add_argument("--send", action="store_true",
                           help="mettre les relances dans la boîte d'envoi (ou à imprimer)")
    reminders.set_defaults(handler=run_reminders)


def cmd_payment(args: argparse.Namespace) -> int:
    return {"add": _add, "list": _list, "cancel": _cancel, "close": _close,
            "archive": _archive, "verify": _verify}[args.payment_command](args)


def _money(value) -> str:
    from extradesk.i18n import format as fmt

    return fmt.money(value)


def _count(n: int, singular: str, plural: str) -> str:
    from extradesk.i18n import format as fmt

    return fmt.count(n, singular, plural)


def _add(args) -> int:
    from extradesk.core.errors import NotFoundError
    from extradesk.services.documents import drafts as documents
    from extradesk.services.payments import entries, figures

    ctx = open_context(args)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("payment.number_unknown", number=args.number)
    journal_id = entries.journal_by_code(ctx, args.journal) if args.journal else None
    payment_id, _ = entries.pay_invoice(ctx, document_id, data=entries.PaymentInput(
        day=day(args.date, None), amount=args.amount, mode=args.mode, journal_id=journal_id,
        reference=args.reference, cheque_bank=args.bank, cheque_number=args.cheque_number,
        drawer=args.drawer))
    f = figures.invoice_figures(ctx, document_id)
    print(f"Règlement n° {payment_id} enregistré sur {args.number} : reste à payer "
          f"{_money(f.remaining)}.")
    return 0


def _list(args) -> int:
    from extradesk.i18n.messages import text
    from extradesk.services.payments import figures

    ctx = open_context(args)
    rows = figures.payments(ctx, first=day(args.first, None), last=day(args.last, None))
    if args.json:
        print_json([{"id": r.id, "date": r.day.isoformat(), "client_id": r.client_id,
                     "client": r.client_name, "amount": format(r.amount, "f"), "mode": r.mode,
                     "journal": r.journal, "reference": r.reference,
                     "cheque_number": r.cheque_number, "cancels": r.cancels_id,
                     "cancelled": r.cancelled, "deposit_slip": r.deposit_slip_id,
                     "invoices": r.documents} for r in rows])
        return 0
    if not rows:
        print("Aucun règlement sur cette période.")
    for r in rows:
        flag = " (annulé)" if r.cancelled else (f" (annule le n° {r.cancels_id})"
                                                  if r.cancels_id else "")
        print(f"{r.id:>6}  {r.day:%d/%m/%Y}  {_money(r.amount):>14}  "
              f"{text('payment.mode.' + r.mode):<15} {r.journal:<3} {r.client_name}"
              f"{'  ' + r.documents if r.documents else ''}{flag}")
    return 0


def _cancel(args) -> int:
    from extradesk.services.payments import entries

    cancelling, _ = entries.cancel_payment(open_context(args), args.id)
    print(f"Règlement n° {args.id} annulé par l'écriture n° {cancelling}.")
    return 0


def _close(args) -> int:
    from datetime import date

    from extradesk.core.errors import Problem, ValidationError
    from extradesk.services.payments import closings

    ctx = open_context(args)
    if args.day:
        period, when = "jour", day(args.day, None)
    elif args.month:
        try:
            month, year = (int(p) for p in args.month.split("/"))
            when = date(year, month, 1)
        except ValueError:
            raise ValidationError([Problem(None, "date.unreadable",
                                           {"value": args.month})]) from None
        period = "mois"
    else:
        period, when = "annee", date(args.year, 1, 1)
    closing, _ = closings.close_period(ctx, period, day=when)
    print(f"Clôture du {closing.first_day:%d/%m/%Y} au {closing.last_day:%d/%m/%Y} : "
          f"{_count(closing.count, 'règlement', 'règlements')}, {_money(closing.total)}.")
    for mode, amount in sorted(closing.by_mode.items()):
        print(f"  {mode:<12} {_money(amount):>14}")
    return 0


def _archive(args) -> int:
    from extradesk.services.payments import closings

    count, closed = closings.archive(open_context(args), year=args.year, path=args.output)
    print(f"Archive {args.year} écrite : {args.output} "
          f"({_count(count, 'règlement', 'règlements')}, "
          f"{_count(closed, 'clôture', 'clôtures')}).")
    return 0


def _verify(args) -> int:
    from extradesk.i18n.messages import text
    from extradesk.services.payments import closings

    report = closings.verify(open_context(args))
    if report.ok:
        print(text("chain.payments_ok", count=report.checked))
        return 0
    print(text("chain.payments_broken", seq=report.broken_seq,
               reason=text(f"chain.payments_reason.{report.reason}")))
    return 3


def run_unpaid(args: argparse.Namespace) -> int:
    from extradesk.services.payments import figures

    ctx = open_context(args)
    rows = figures.overdue(ctx)
    if args.json:
        print_json([{"number": r.number, "client_id": r.client_id, "client": r.client_name,
                     "due_date": r.due_date.isoformat(), "days_late": r.days_late,
                     "net_to_pay": format(r.net_to_pay, "f"), "paid": format(r.paid, "f"),
                     "remaining": format(r.remaining, "f"), "reminder_level": r.reminder_level}
                    for r in rows])
        return 0
    if not rows:
        print("Aucune facture en retard.")
        return 0
    for r in rows:
        print(f"{r.number:<14} {r.client_name:<40.40} échue le {r.due_date:%d/%m/%Y} "
              f"({r.days_late} j)  reste {_money(r.remaining):>14}"
              + (f"  relance {r.reminder_level}" if r.reminder_level else ""))
    print(f"Total en retard : {_money(figures.overdue_total(rows))}")
    return 0


def run_reminders(args: argparse.Namespace) -> int:
    from extradesk.i18n.payments import CHANNEL_LABELS, LEVEL_TITLES
    from extradesk.services.payments import reminders

    ctx = open_context(args)
    if args.send and not args.dry_run:
        sent, _ = reminders.send_due_reminders(ctx)
        for s in sent:
            print(f"{s.number:<14} {s.client_name:<40.40} {LEVEL_TITLES[s.level]} — "
                  f"{CHANNEL_LABELS[s.channel]}")
        print(f"{_count(len(sent), 'relance enregistrée', 'relances enregistrées')}.",
              file=sys.stderr)
        return 0
    due = reminders.due_reminders(ctx)
    for d in due:
        o = d.invoice
        print(f"{o.number:<14} {o.client_name:<40.40} {o.days_late} j de retard, reste "
              f"{_money(o.remaining)} : {LEVEL_TITLES[d.level]}"
              + ("" if o.email else " (pas d'e-mail : à imprimer)"))
    print(f"{_count(len(due), 'relance due', 'relances dues')}." + ("" if args.send else
                                              " Ajoutez --send pour les envoyer."),
          file=sys.stderr)
    return 0
