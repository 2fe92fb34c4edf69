"""The user's SMS settings in one save: the default delay of appointment reminders (« délai
des alertes SMS »), the « déplacé » notice by default, the days before a quote is followed
up, the price of one SMS, and the company's sending window of commercial messages. Every
problem is reported at once; nothing is saved when one is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, raise_if
from extradesk.core.money import parse_decimal
from extradesk.core.sending_window import Window
from extradesk.services import preferences as prefs
from extradesk.services.context import Context
from extradesk.services.outbox import sms_channel
from extradesk.services.sms import gateway

MAX_PRICE = Decimal("10")


@dataclass(frozen=True)
class SmsSettingsForm:
    delay: str
    notify_moved: bool
    followup_days: int
    price: Decimal
    window: Window | None  # None: no gateway yet (the window lives with it)


def load(ctx: Context) -> SmsSettingsForm:
    with ctx.db.engine.connect() as conn:
        row = sms_channel.settings_row(conn)
    try:
        price = Decimal(str(prefs.get(ctx, prefs.SMS_PRICE_PER_SEGMENT.key)))
    except ArithmeticError:
        price = Decimal(prefs.SMS_PRICE_PER_SEGMENT.default)
    return SmsSettingsForm(prefs.get(ctx, prefs.SMS_REMINDER_DELAY.key),
                           bool(prefs.get(ctx, prefs.SMS_NOTIFY_MOVED.key)),
                           int(prefs.get(ctx, prefs.QUOTE_FOLLOWUP_DAYS.key)), price,
                           sms_channel.window_of(row) if row is not None else None)


def _price(text: str, problems: list[Problem]) -> Decimal | None:
    try:
        price = parse_decimal(text)
    except (ValueError, ArithmeticError):
        price = None
    if price is None or not Decimal(0) <= price <= MAX_PRICE:
        problems.append(Problem("price", "sms.price_invalid", {"value": text}))
        return None
    return price


def save(ctx: Context, *, delay: str, notify_moved: bool, followup_days: int, price: str,
         window: Window | None = None) -> Changes:
    problems: list[Problem] = []
    if delay not in prefs.SMS_REMINDER_DELAY.choices:
        problems.append(Problem("delay", "sms.delay_unknown", {"value": delay}))
    if followup_days not in prefs.QUOTE_FOLLOWUP_DAYS.choices:
        problems.append(Problem("followup_days", "sms.followup_days_invalid",
                                {"value": followup_days}))
    value = _price(price, problems)
    if window is not None and (not window.days or not 0 <= window.start < window.end
                               <= 24 * 60):
        problems.append(Problem("window", "sms.window_invalid"))
    raise_if(problems)
    changes = (prefs.set_value(ctx, prefs.SMS_REMINDER_DELAY.key, value=delay)
               | prefs.set_value(ctx, prefs.SMS_NOTIFY_MOVED.key, value=notify_moved)
               | prefs.set_value(ctx, prefs.QUOTE_FOLLOWUP_DAYS.key, value=followup_days)
               | prefs.set_value(ctx, prefs.SMS_PRICE_PER_SEGMENT.key, value=str(value)))
    if window is not None:
        changes = changes | gateway.set_window(
            ctx, days="".join(str(d) for d in sorted(window.days)), start=window.start,
            end=window.end, holidays=window.skip_holidays)
    return changes
