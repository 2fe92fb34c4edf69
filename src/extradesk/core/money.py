"""Exact money: Decimal built from str or int, one rounding rule (half up, to the cent)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0")
_FRENCH_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def to_cents(value: Decimal) -> Decimal:
    """The only rounding of amounts in extradesk: half up to the cent (1,005 -> 1,01)."""
    if isinstance(value, float):
        raise TypeError("money never comes from float")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round_to(value: Decimal, places: int) -> Decimal:
    """Half-up rounding to `places` decimals (unit prices: 4, quantities: 3)."""
    if isinstance(value, float):
        raise TypeError("money never comes from float")
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_decimal(text: str | int | Decimal | None) -> Decimal | None:
    """'1 234,5' / '1234.50' / '-3' -> Decimal; '' -> None; raises ValueError when not a number.

    French users type a comma; spaces (incl. no-break ones) group thousands.
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return Decimal(text)
    if not isinstance(text, str):
        raise TypeError(f"cannot read a number from {type(text).__name__}")
    cleaned = _SPACES.sub("", text.strip()).replace("€", "")
    if not cleaned:
        return None
    if not _FRENCH_NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(text) from exc
