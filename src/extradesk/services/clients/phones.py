"""Phone numbers to E.164 with phonenumbers, France as the default region."""

from __future__ import annotations

import phonenumbers

from extradesk.core.errors import Problem

DEFAULT_REGION = "FR"


def normalise(field: str, raw: str | None) -> tuple[str | None, list[Problem]]:
    """'06 12 34 56 78' -> '+33612345678'; an unparsable or impossible number is a problem."""
    if raw is None or not raw.strip():
        return None, []
    text = raw.strip()
    if len(text) > 40:
        return None, [Problem(field, "field.too_long", {"limit": 40, "length": len(text)})]
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None, [Problem(field, "phone.invalid", {"value": text})]
    if not phonenumbers.is_valid_number(number):
        return None, [Problem(field, "phone.invalid", {"value": text})]
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), []


def search_forms(e164: str | None) -> str:
    """Digit strings a user may type to find this number: '0612345678 33612345678'."""
    if not e164:
        return ""
    international = e164.lstrip("+")
    if e164.startswith("+33"):
        return f"0{e164[3:]} {international}"
    return international
