"""The one source of "now" and "today"; tests inject a fixed clock instead of patching time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class Clock(Protocol):
    def now(self) -> datetime: ...  # UTC-aware

    def today(self) -> date: ...  # civil date in Europe/Paris


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(PARIS).date()


class FixedClock:
    """A clock that says what it is told; `advance` moves it for scenario tests."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return self._at.astimezone(PARIS).date()

    def advance(self, delta) -> None:
        self._at = self._at + delta
