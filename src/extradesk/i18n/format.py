"""French formatting of numbers, money, dates and phone numbers (no Qt)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from extradesk.core.clock import PARIS

NBSP = "\u202f"  # narrow no-break space: the French thousands separator


def integer(value: int) -> str:
    """12345 -> '12 345'."""
    return f"{value:,}".replace(",", NBSP)


def count(value: int, singular: str, plural: str) -> str:
    """3, 'ligne', 'lignes' -> '3 lignes'; French puts 0 and 1 in the singular."""
    return f"{integer(value)} {singular if abs(value) < 2 else plural}"


def decimal(value: Decimal, places: int = 2) -> str:
    """Decimal('1234.5') -> '1 234,50' (the value is already rounded by core.money)."""
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{places}f}"
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", NBSP)
    return f"{sign}{whole},{frac}" if places else f"{sign}{whole}"


def money(value: Decimal) -> str:
    return f"{decimal(value)}\u00a0€"


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def moment(value: datetime | None) -> str:
    """An instant shown in Paris time: '28/11/2026 14:05'."""
    if value is None:
        return ""
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def parse_day(text: str) -> date | None:
    """'28/11/2026' or '2026-11-28' -> date; '' -> None; raises ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def phone(e164: str | None) -> str:
    """'+33612345678' -> '06 12 34 56 78'; foreign numbers in international format."""
    if not e164:
        return ""
    import phonenumbers  # ~10 ms; only needed once a phone is shown

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
