"""Per-user preferences, declared once with their type, default and allowed values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from extradesk import models
from extradesk.core.changes import Changes
from extradesk.core.errors import NotFoundError, Problem, ValidationError
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import SEARCH_MODE_LABELS  # noqa: F401 (the dialog reads it here)
from extradesk.models import tables
from extradesk.services.context import Context

_P = tables.user_preferences.c  # reads; writes use the SQLModel table (see models/tables.py)


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    choices: tuple | None = None  # allowed values, when the option is a choice


SEARCH_MODE = Option("search.mode", "contains", ("contains", "starts_with"))

LINE_NUMBERS = Option("documents.line_numbers", False, (True, False))

# A prospect (or suspect) whose quote is accepted or who is invoiced becomes "Client".
PROMOTE_PROSPECTS = Option("clients.promote_on_sale", True, (True, False))

# The "Votre entreprise" first step was offered (once, on a new empty database).
COMPANY_OFFERED = Option("onboarding.company_offered", False, (True, False))

# Agenda planning: keep the day/user header row in view while scrolling the hours; write the
# user names across or up the lanes (upright saves width with many users); colour blocks
# by user or by appointment type.
AGENDA_FROZEN_HEADER = Option("agenda.frozen_header", True, (True, False))
AGENDA_VERTICAL_NAMES = Option("agenda.vertical_names", False, (True, False))
AGENDA_COLOR_BY = Option("agenda.color_by", "user", ("user", "type"))

# Mail (the seed's advice): ask for a read receipt; send the user a copy (Bcc) of each mail.
MAIL_READ_RECEIPT = Option("mail.read_receipt", False, (True, False))
MAIL_COPY_TO_ME = Option("mail.copy_to_me", False, (True, False))

# SMS (issue 15): the default delay of appointment reminders ("délai des alertes SMS"),
# whether a moved appointment also gets a short "déplacé" notice, the days after which a sent
# quote is to be followed up (and not again within as many days), the price of one SMS
# segment in euros (a decimal as text) for the cost estimates of campaigns.
SMS_REMINDER_DELAY = Option("sms.reminder_delay", "1d", ("none", "same_day", "1d", "2d", "1w"))
SMS_NOTIFY_MOVED = Option("sms.notify_moved", False, (True, False))
QUOTE_FOLLOWUP_DAYS = Option("quotes.followup_days", 10, tuple(range(1, 91)))
SMS_PRICE_PER_SEGMENT = Option("sms.price_per_segment", "0.045")

# Dashboard (issue 16): the tiles of the home page in their order (ids of
# services.dashboard.TILES; unknown ids are skipped when read), the dashboard mail's frequency
# and time of day (Europe/Paris, "HH:MM"), the period of the last dashboard mail queued
# (written by services.dashboard.mail so a period gets one mail), the home page's background
# image (a path, "" for none).
DASHBOARD_TILES = Option("dashboard.tiles", ["revenue", "quotes", "followups", "overdue",
                                             "cash", "appointments", "outbox"])
DASHBOARD_MAIL_FREQUENCY = Option("dashboard.mail_frequency", "none",
                                  ("none", "daily", "weekly", "monthly"))
DASHBOARD_MAIL_TIME = Option("dashboard.mail_time", "07:30")
DASHBOARD_MAIL_LAST = Option("dashboard.mail_last_period", "")
HOME_BACKGROUND = Option("appearance.home_background", "")

OPTIONS = {o.key: o for o in (SEARCH_MODE, LINE_NUMBERS, PROMOTE_PROSPECTS, COMPANY_OFFERED,
                              AGENDA_FROZEN_HEADER, AGENDA_VERTICAL_NAMES, AGENDA_COLOR_BY,
                              MAIL_READ_RECEIPT, MAIL_COPY_TO_ME, SMS_REMINDER_DELAY,
                              SMS_NOTIFY_MOVED, QUOTE_FOLLOWUP_DAYS, SMS_PRICE_PER_SEGMENT,
                              DASHBOARD_TILES, DASHBOARD_MAIL_FREQUENCY, DASHBOARD_MAIL_TIME,
                              DASHBOARD_MAIL_LAST, HOME_BACKGROUND)}


def _option(key: str) -> Option:
    if key not in OPTIONS:
        raise NotFoundError("preference.unknown", key=key)
    return OPTIONS[key]


def get(ctx: Context, key: str, *, user_id: int | None = None) -> Any:
    option = _option(key)
    user_id = user_id if user_id is not None else ctx.user_id
    if user_id is None:
        return option.default
    with ctx.db.engine.connect() as conn:
        raw = conn.execute(
            select(_P.value).where(_P.user_id == user_id, _P.key == key)).scalar()
    if raw is None:
        return option.default
    value = json.loads(raw)
    return value if option.choices is None or value in option.choices else option.default


def set_value(ctx: Context, key: str, *, value: Any, user_id: int | None = None) -> Changes:
    option = _option(key)
    if option.choices is not None and value not in option.choices:
        raise ValidationError([Problem(key, "preference.invalid", {"key": key, "value": value})])
    user_id = user_id if user_id is not None else ctx.user_id
    if user_id is None:
        raise NotFoundError("user.not_found", id=0)
    table = models.UserPreference.__table__
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        conn.execute(table.delete().where(table.c.user_id == user_id, table.c.key == key))
        conn.execute(table.insert().values(user_id=user_id, key=key, value=json.dumps(value)))
    return Changes(preferences=True)
