"""French names of days and months for the agenda views (no Qt, no locale: always French)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")  # the zone the views draw in (appointments keep their own)
DAYS_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def day_header(day: date) -> str:
    """« lun. 30/11 »: the column title of the week view."""
    return f"{DAYS_SHORT[day.weekday()]} {day:%d/%m}"


def long_day(day: date) -> str:
    """« lundi 30 novembre 2026 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS[day.weekday()]} {first} {MONTHS[day.month - 1]} {day.year}"


def month_title(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_title(mode: str, day: date) -> str:
    """The toolbar's date label for a day, a week (Monday to Sunday) or a month."""
    if mode == "day":
        return long_day(day)
    if mode == "month":
        return month_title(day).capitalize()
    first = week_start(day)
    last = first + timedelta(days=6)
    head = f"{first.day}" if first.month == last.month else \
        f"{first.day} {MONTHS[first.month - 1]}"
    if first.year != last.year:
        head += f" {first.year}"
    return f"Semaine du {head} au {last.day} {MONTHS[last.month - 1]} {last.year}"


def hm(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def span(start: datetime, end: datetime, all_day: bool) -> str:
    """« 09:00–11:00 », or « journée entière »."""
    if all_day:
        return "journée entière"
    return f"{hm(start)}–{hm(end)}"


def local(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


def at(day: date, minutes: int) -> datetime:
    """Wall-clock time `minutes` after local midnight of `day`, in Paris (DST-safe)."""
    naive = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)
    return naive.replace(tzinfo=PARIS)
