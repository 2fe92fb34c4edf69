"""Retenue de garantie (loi n° 71-584 du 16 juillet 1971): at most 5 % of the works' TTC,
kept by the client for a year after their acceptance, unless a bank guarantees it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extradesk.core.money import to_cents

MAX_PERCENT = Decimal(5)
PAYMENT, GUARANTEE = "paiement", "caution"  # how a retention is released
RELEASE_KINDS = (PAYMENT, GUARANTEE)


def amount(gross: Decimal, percent: Decimal | None) -> Decimal:
    """The TTC kept back, to the cent; nothing without a percentage."""
    if not percent:
        return Decimal("0.00")
    return to_cents(gross * percent / 100)


def release_date(works_accepted: date) -> date:
    """One year after the acceptance of the works (28 February for a 29 February)."""
    try:
        return works_accepted.replace(year=works_accepted.year + 1)
    except ValueError:
        return works_accepted.replace(year=works_accepted.year + 1, day=28)
