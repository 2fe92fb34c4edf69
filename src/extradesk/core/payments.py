"""Payment rules without a database: modes, an invoice's payment state, amounts typed by a
user, reminder levels and the hash formula chaining payments and closings.

The chain formula is frozen once shipped: changing it would break every chain stored."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from enum import StrEnum

from extradesk.core.errors import Problem
from extradesk.core.money import ZERO, parse_decimal, to_cents

GENESIS = "0" * 64


class Mode(StrEnum):
    CHEQUE = "cheque"
    TRANSFER = "virement"
    CARD = "carte"
    CASH = "especes"
    DEBIT = "prelevement"
    OTHER = "autre"


class PayState(StrEnum):
    """What the Pièces list and the invoice show (invoices and deposit invoices only)."""

    DUE = "a_regler"
    PARTLY = "partiellement_reglee"
    PAID = "reglee"
    LATE = "en_retard"


class Period(StrEnum):
    DAY = "jour"
    MONTH = "mois"
    YEAR = "annee"


def pay_state(net_to_pay: Decimal, paid: Decimal, due: date | None, today: date) -> PayState:
    """Settled when nothing remains; late once the due date is past; else due or partly."""
    remaining = net_to_pay - paid
    if remaining <= ZERO:
        return PayState.PAID
    if due is not None and due < today:
        return PayState.LATE
    return PayState.PARTLY if paid > ZERO else PayState.DUE


def read_amount(field: str, raw: str | int | Decimal | None, *, negative: bool = False
                ) -> tuple[Decimal | None, list[Problem]]:
    """A payment amount typed the French way ('1 234,56'): two decimals at most, not zero,
    positive unless `negative` (a refund)."""
    try:
        value = parse_decimal(raw)
    except (ValueError, TypeError):
        return None, [Problem(field, "payment.amount_unreadable", {"value": str(raw)})]
    if value is None or not value.is_finite():
        return None, [Problem(field, "payment.amount_required")]
    if to_cents(value) != value:
        return None, [Problem(field, "payment.amount_decimals", {"value": str(raw)})]
    value = to_cents(value)
    if value == ZERO or (value < ZERO and not negative) or (value > ZERO and negative):
        return None, [Problem(field, "payment.amount_sign" if value != ZERO
                              else "payment.amount_zero", {"value": str(raw)})]
    if abs(value) >= Decimal("100000000"):
        return None, [Problem(field, "payment.amount_too_big")]
    return value, []


def period_bounds(period: Period, day: date) -> tuple[date, date]:
    """First and last day of the day, month or year holding `day`."""
    if period == Period.DAY:
        return day, day
    if period == Period.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    first = day.replace(day=1)
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


# Reminders: the first once the due date is past by FIRST_AFTER days, each next one when the
# previous is NEXT_AFTER days old; three levels (courteous, firm, formal notice).
LEVELS = (1, 2, 3)
FIRST_AFTER = 1
NEXT_AFTER = 15


def reminder_due(*, due: date | None, today: date, last_level: int, last_on: date | None
                 ) -> int | None:
    """The level to send today, or None (not late yet, too soon, or all three sent)."""
    if due is None or (today - due).days < FIRST_AFTER or last_level >= LEVELS[-1]:
        return None
    if last_level == 0:
        return 1
    if last_on is not None and (today - last_on).days < NEXT_AFTER:
        return None
    return last_level + 1


def _sha(fields: tuple[str, ...]) -> str:
    return hashlib.sha256("|".join(fields).encode("utf-8")).hexdigest()


def payment_hash(previous: str, *, payment_id: int, day: date, amount_cents: int, mode: str,
                 client_id: int, journal: str, cancels_id: int | None, reference: str,
                 cheque: str, allocations: str) -> str:
    """SHA-256 (hex) of one entered payment: fields joined by `|`, amounts in cents;
    `allocations` is 'document_id:cents,…' as entered with it."""
    return _sha((previous, "payment", str(payment_id), day.isoformat(), str(amount_cents),
                 mode, str(client_id), journal, str(cancels_id or ""), reference, cheque,
                 allocations))


def closing_hash(previous: str, *, closing_id: int, period: str, first: date, last: date,
                 total_cents: int, count: int, totals: str) -> str:
    """SHA-256 (hex) of one closing; `totals` is its JSON of totals by mode and journal."""
    return _sha((previous, "closing", str(closing_id), period, first.isoformat(),
                 last.isoformat(), str(total_cents), str(count), totals))
