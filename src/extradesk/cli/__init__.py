"""The `extradesk` command: the GUI by default, and every batch job; one module per capability
registers its sub-commands, this one owns the parser, French errors and exit codes."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys

from extradesk import __version__
from extradesk.cli import (
    agenda,
    articles,
    audit,
    backup,
    catalogues,
    demo,
    documents,
    exports,
    facturx,
    gui,
    mail,
    outbox,
    payments,
    preferences,
    references,
    retentions,
    search,
    sms,
)
from extradesk.cli.common import add_db, close_opened, log_file_hint, log_to_file

log = logging.getLogger("extradesk")

# Each module registers its sub-commands, in the order `extradesk --help` lists them. A module
# imports its services inside its handlers: `extradesk search` never loads the agenda code.
CAPABILITIES = (gui, demo, search, articles, references, documents, facturx, retentions, backup,
                agenda, catalogues, mail, outbox, exports, payments, sms, preferences, audit)


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


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="extradesk",
        description="extradesk — gestion des clients, devis et factures pour les artisans.",
    )
    parser.add_argument("--version", action="version", version=f"extradesk {__version__}")
    add_db(parser, top=True)
    parser.set_defaults(handler=gui.run)  # no sub-command: the desktop application
    # Nested sub-parsers inherit the class of their parent, so every level answers in French.
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE",
                                parser_class=FrenchArgumentParser)
    for capability in CAPABILITIES:
        capability.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from extradesk.core.errors import ExtradeskError

    if args.handler is not gui.run:
        log_to_file()

    try:
        return args.handler(args)
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
        log.exception("unexpected error in %s", getattr(args, "command", None))
        from extradesk.i18n.messages import text
        from extradesk.i18n.os_errors import describe_unexpected

        said = describe_unexpected(error)  # a full disk, a damaged base… in French
        if said is None:
            said = text("unexpected", detail=f"{type(error).__name__} (détail dans le "
                                             f"journal {log_file_hint()})")
        print(f"extradesk : {said}", file=sys.stderr)
        return 1
    finally:
        close_opened()
