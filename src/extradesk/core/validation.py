"""Pure input checks shared by services; each returns the list of all problems found."""

from __future__ import annotations

import re

from extradesk.core.errors import Problem

MAX_SHORT = 200  # names, cities, e-mails
MAX_LINE = 300  # address lines
MAX_NOTES = 20_000

# Deliberately simple: one @, no spaces, a dot in the domain. Real validation is delivery.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_POSTAL_FR = re.compile(r"^\d{5}$")


def check_length(field: str, value: str | None, limit: int) -> list[Problem]:
    if value and len(value) > limit:
        return [Problem(field, "field.too_long", {"limit": limit, "length": len(value)})]
    return []


def check_email(field: str, value: str | None) -> list[Problem]:
    if not value:
        return []
    if len(value) > MAX_SHORT:
        return check_length(field, value, MAX_SHORT)
    if not _EMAIL.match(value):
        return [Problem(field, "email.invalid", {"value": value})]
    return []


def check_postal_code(field: str, value: str | None, country: str | None) -> list[Problem]:
    if not value or (country and country.upper() not in ("FR", "FRANCE")):
        return check_length(field, value, 20)
    if not _POSTAL_FR.match(value):
        return [Problem(field, "postal_code.invalid", {"value": value})]
    return []


def check_required(field: str, value: str | None, message_id: str) -> list[Problem]:
    return [] if value and value.strip() else [Problem(field, message_id)]


def clean(value: str | None) -> str | None:
    """Trim, collapse inner spaces of single-line input; empty becomes None."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
