"""`extradesk facturx check|xml|attestation`: check an electronic invoice, print an issued
one's XML, record a client's reduced-VAT attestation on a quote or an invoice."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extradesk.cli.common import add_db, open_context


def register(sub) -> None:
    facturx = sub.add_parser("facturx", help="factures électroniques Factur-X : vérifier un "
                                             "fichier, afficher le XML d'une facture émise")
    what = facturx.add_subparsers(dest="facturx_command", metavar="ACTION", required=True,
                                  parser_class=type(facturx))
    check = what.add_parser("check", help="vérifier un PDF Factur-X ou un XML CII (XSD et "
                                          "règles EN 16931 vérifiables hors ligne)")
    check.add_argument("file", type=Path, metavar="FICHIER")
    check.set_defaults(handler=run_check)
    xml = what.add_parser("xml", help="afficher le XML Factur-X d'une pièce émise")
    add_db(xml)
    xml.add_argument("number", metavar="NUMERO", help="par exemple F-2026-00012")
    xml.set_defaults(handler=run_xml)
    attest = what.add_parser("attestation", help="enregistrer l'attestation TVA réduite "
                                                 "(10 %% / 5,5 %%) du client sur un devis, une "
                                                 "commande ou une facture")
    add_db(attest)
    attest.add_argument("number", metavar="NUMERO", help="par exemple D-2026-00012")
    attest.add_argument("--date", metavar="JJ/MM/AAAA", help="date de signature ; par "
                                                            "défaut : aujourd'hui")
    attest.add_argument("--fichier", type=Path, metavar="FICHIER",
                        help="l'attestation scannée (PDF, image)")
    attest.set_defaults(handler=run_attestation)


def run_check(args: argparse.Namespace) -> int:
    """0: conforming; 3: problems found (listed in French); 2: the file cannot be read."""
    from extradesk.core.errors import StorageError
    from extradesk.i18n.messages import problem_text, text
    from extradesk.services.documents import einvoice

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise StorageError("facturx.file_unreadable", path=str(args.file),
                           detail=error.strerror or str(error)) from error
    _xml, problems = einvoice.check(data)
    if not problems:
        print(text("facturx.ok", path=str(args.file)))
        return 0
    print(text("facturx.failed", path=str(args.file), count=len(problems)))
    for problem in problems:
        print(f"  • {problem.field} — {problem_text(problem)}")
    return 3


def run_xml(args: argparse.Namespace) -> int:
    from extradesk.core.errors import NotFoundError
    from extradesk.services.documents import drafts as documents
    from extradesk.services.documents import einvoice

    ctx = open_context(args, read_only=True)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("document.number_unknown", value=args.number)
    sys.stdout.buffer.write(einvoice.stored_xml(ctx, document_id))
    sys.stdout.flush()
    return 0


def run_attestation(args: argparse.Namespace) -> int:
    from extradesk.cli.common import day
    from extradesk.core.errors import NotFoundError
    from extradesk.i18n import format as fmt
    from extradesk.i18n.messages import text
    from extradesk.services.documents import attestation
    from extradesk.services.documents import drafts as documents

    ctx = open_context(args)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("document.number_unknown", value=args.number)
    on = day(args.date, ctx.clock.today())
    attestation.record(ctx, document_id, day=on, source=args.fichier)
    print(text("attestation.recorded", day=fmt.day(on), name=args.number.upper()))
    return 0
