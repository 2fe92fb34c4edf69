"""`extradesk print`: the PDF of a commercial document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extradesk.cli.common import add_db, open_context


def register(sub) -> None:
    printing = sub.add_parser("print", help="écrire le PDF d'une pièce (devis, facture…)")
    add_db(printing)
    printing.add_argument("number", metavar="NUMERO", help="par exemple F-2026-00012")
    printing.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.pdf")
    printing.set_defaults(handler=run_print)

    verify = sub.add_parser("verify", help="vérifier que les pièces émises n'ont pas été "
                                           "modifiées (chaîne d'empreintes)")
    add_db(verify)
    verify.set_defaults(handler=run_verify)


def run_print(args: argparse.Namespace) -> int:
    from extradesk.core.errors import NotFoundError
    from extradesk.i18n import format as fmt
    from extradesk.i18n.messages import problem_text
    from extradesk.services import files
    from extradesk.services.documents import drafts as documents
    from extradesk.services.documents import issuing

    ctx = open_context(args)
    document_id = documents.find_by_number(ctx, args.number)
    if document_id is None:
        raise NotFoundError("document.number_unknown", value=args.number)
    gaps = issuing.print_gaps(ctx, document_id)
    if gaps:  # printed all the same (a script asked for it), but never silently
        print("extradesk : attention, l'identité de l'entreprise est incomplète sur cette "
              "pièce :", file=sys.stderr)
        for problem in gaps:
            print(f"  • {problem_text(problem)}", file=sys.stderr)
    data = documents.render_pdf(ctx, document_id)
    files.write_atomic(args.output, data)  # never a half-written PDF, nor a .partial left
    print(f"PDF écrit : {args.output} ({fmt.integer(len(data) // 1024)} Ko)")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from extradesk.i18n.messages import text
    from extradesk.services.documents import chain

    report = chain.verify(open_context(args, read_only=True))
    if report.ok:
        print(text("chain.ok", checked=report.checked))
        return 0
    print(text(report.reason, number=report.broken_number))
    return 3
