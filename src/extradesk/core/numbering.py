"""Document numbers: one strict sequence per kind and year, e.g. F-2026-00001."""

from __future__ import annotations

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
