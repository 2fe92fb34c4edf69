"""When a commercial SMS may leave: days, hours (Europe/Paris) and French public holidays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from extradesk.core.clock import PARIS


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month = (h + j - 7 * m + 114) // 31
    day = (h + j - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@lru_cache(maxsize=64)
def french_holidays(year: int) -> frozenset[date]:
    """The eleven national public holidays (Alsace-Moselle's two extra days are not)."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [sunday + timedelta(days=n) for n in (1, 39, 50)]  # Monday, Ascension, Whit
    return frozenset([date(year, m, d) for m, d in fixed] + moving)


@dataclass(frozen=True)
class Window:
    days: frozenset[int] = frozenset(range(6))  # Monday = 0 … Saturday = 5
    start: int = 8 * 60  # minutes after midnight, Paris time
    end: int = 20 * 60  # exclusive: 20:00 sharp is outside
    skip_holidays: bool = True

    def day_open(self, day: date) -> bool:
        if day.weekday() not in self.days:
            return False
        return not (self.skip_holidays and day in french_holidays(day.year))

    def allows(self, instant: datetime) -> bool:
        local = instant.astimezone(PARIS)
        minutes = local.hour * 60 + local.minute
        return self.day_open(local.date()) and self.start <= minutes < self.end

    def next_slot(self, instant: datetime) -> datetime:
        """`instant` itself when allowed, else the next opening (UTC)."""
        if self.allows(instant):
            return instant.astimezone(UTC)
        local = instant.astimezone(PARIS)
        day = local.date()
        if local.hour * 60 + local.minute >= self.start:
            day += timedelta(days=1)
        for _ in range(400):
            if self.day_open(day):
                opening = time(self.start // 60, self.start % 60)
                return datetime.combine(day, opening, tzinfo=PARIS).astimezone(UTC)
            day += timedelta(days=1)
        raise ValueError("a sending window with no open day")
