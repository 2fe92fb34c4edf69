"""What every export is made of: a period and filters in, a table of typed columns out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from extradesk.core.errors import Problem, ValidationError
from extradesk.core.money import round_to

# Column kinds, so writers format them (CSV: 1234,56 and JJ/MM/AAAA; xlsx: typed cells).
TEXT, MONEY, COUNT, DATE, PERCENT, MONTH = "text", "money", "count", "date", "percent", "month"


@dataclass(frozen=True)
class Column:
    key: str  # i18n: export.column.<key>
    kind: str = TEXT


@dataclass(frozen=True)
class ExportQuery:
    start: date
    end: date
    journal_id: int | None = None
    author_id: int | None = None
    origin_id: int | None = None
    kinds: tuple[str, ...] = ()  # commercial: only these document kinds (empty: all)
    statuses: tuple[str, ...] = ()  # commercial: only these statuses (empty: all)

    def check(self) -> None:
        if self.end < self.start:
            raise ValidationError([Problem(None, "export.period_reversed", {
                "start": self.start.strftime("%d/%m/%Y"), "end": self.end.strftime("%d/%m/%Y")})])


@dataclass
class Table:
    name: str  # the export's name, as the CLI says it (ca-journal…)
    columns: tuple[Column, ...]
    rows: Iterable[tuple]
    total: tuple | None = None  # the total row, when the export has one
    notes: list[str] = field(default_factory=list)  # message ids said beside the table
    size: int | None = None  # rows to come, when `rows` streams (progress, preview count)


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage with one decimal, None when there is no whole."""
    if not whole:
        return None
    return round_to(Decimal(part) * 100 / Decimal(whole), 1)
