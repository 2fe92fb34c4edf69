"""Document numbers: one strict sequence per kind and year, e.g. F-2026-00001."""

from __future__ import annotations

import re
from datetime import date

from extradesk.core.errors import StateError
from extradesk.core.workflow import DocumentKind

PREFIXES = {
    DocumentKind.QUOTE: "D",
    DocumentKind.ORDER: "C",
    DocumentKind.INVOICE: "F",
    DocumentKind.DEPOSIT_INVOICE: "FA",
    DocumentKind.CREDIT_NOTE: "A",
}


def format_number(kind: DocumentKind, year: int, value: int) -> str:
    return f"{PREFIXES[kind]}-{year}-{value:05d}"


def check_chronology(issue_date: date, last_issued: date | None) -> None:
    """An invoice may not be dated before the last one issued of its sequence."""
    if last_issued is not None and issue_date < last_issued:
        raise StateError("document.date_before_last", date=issue_date.strftime("%d/%m/%Y"),
                         last=last_issued.strftime("%d/%m/%Y"))


_KINDS_BY_PREFIX = {prefix: kind for kind, prefix in PREFIXES.items()}
_NUMBER = re.compile(r"^\s*([A-Za-z]{1,3})\s*[-/ ]?\s*(\d{4})\s*[-/ ]?\s*(\d{1,9})\s*$")


def parse_number(text: str | None) -> tuple[DocumentKind, int, int] | None:
    """'f-2026-12', 'F2026-00012', 'F 2026 12' -> (INVOICE, 2026, 12); None when not a number."""
    match = _NUMBER.match(text or "")
    if not match:
        return None
    kind = _KINDS_BY_PREFIX.get(match.group(1).upper())
    if kind is None:
        return None
    return kind, int(match.group(2)), int(match.group(3))
