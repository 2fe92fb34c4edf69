"""Pure rules for document lines: kinds, sane bounds, deposits and line ordering with options."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from extradesk.core.errors import Problem
from extradesk.core.money import ZERO, to_cents
from extradesk.core.tax import VAT_RATES, is_allowed_rate
from extradesk.core.totals import HUNDRED, VatRow

TEXT_PREFIX = "txt_"  # an "article" code starting with this makes a title or paragraph line

# Bounds a tradesman never reaches in good faith; beyond them it is a typo (1000 × too much).
MAX_QUANTITY = Decimal("100000")
MAX_UNIT_PRICE = Decimal("1000000")  # HT, per unit
MAX_LINE_NET = Decimal("10000000")  # HT, per line
QUANTITY_PLACES = 3
PRICE_PLACES = 4
DISCOUNT_PLACES = 2
MAX_CODE = 40
MAX_LABEL = 300
MAX_DESCRIPTION = 5000
MAX_UNIT = 12
MAX_LINES = 2000  # per document


class LineKind(StrEnum):
    ARTICLE = "article"
    TEXT = "texte"


def is_text_code(code: str | None) -> bool:
    return bool(code) and code.lower().startswith(TEXT_PREFIX)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


@dataclass(frozen=True)
class LineValues:
    """A line as the services hold it once the typed text is parsed (None: left empty)."""

    kind: LineKind
    code: str | None
    label: str | None
    description: str | None
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    discount: Decimal
    vat_rate: Decimal | None


def check_line(line: LineValues) -> list[Problem]:
    """Every problem of one line; text lines carry words only."""
    problems: list[Problem] = []
    if line.code and len(line.code) > MAX_CODE:
        problems.append(Problem("code", "field.too_long", {"limit": MAX_CODE,
                                                          "length": len(line.code)}))
    if line.code and any(c.isspace() for c in line.code):
        problems.append(Problem("code", "line.code_invalid", {"value": line.code}))
    if line.label and len(line.label) > MAX_LABEL:
        problems.append(Problem("label", "field.too_long", {"limit": MAX_LABEL,
                                                           "length": len(line.label)}))
    if line.description and len(line.description) > MAX_DESCRIPTION:
        problems.append(Problem("description", "field.too_long",
                                {"limit": MAX_DESCRIPTION, "length": len(line.description)}))
    if line.kind == LineKind.TEXT:
        if not (line.label or line.description):
            problems.append(Problem("label", "line.text_required"))
        return problems
    if not line.label:
        problems.append(Problem("label", "line.label_required"))
    if line.unit and len(line.unit) > MAX_UNIT:
        problems.append(Problem("unit", "field.too_long", {"limit": MAX_UNIT,
                                                          "length": len(line.unit)}))
    problems += _check_amount("quantity", line.quantity, MAX_QUANTITY, QUANTITY_PLACES)
    problems += _check_amount("unit_price", line.unit_price, MAX_UNIT_PRICE, PRICE_PLACES)
    problems += _check_amount("discount", line.discount, HUNDRED, DISCOUNT_PLACES)
    if line.vat_rate is None:
        problems.append(Problem("vat_rate", "line.vat_required"))
    elif not is_allowed_rate(line.vat_rate):
        problems.append(Problem("vat_rate", "line.vat_unknown", {
            "value": french(line.vat_rate),
            "choices": ", ".join(f"{french(r)} %" for r in VAT_RATES)}))
    if not problems and line.quantity is not None and line.unit_price is not None:
        net = to_cents(line.quantity * line.unit_price * (1 - line.discount / HUNDRED))
        if net > MAX_LINE_NET:
            problems.append(Problem("quantity", "line.total_too_big",
                                    {"max": french(MAX_LINE_NET)}))
    return problems


def french(value: Decimal) -> str:
    """Decimal('-1234.5') -> '-1234,5': a typed value echoed back in a message."""
    return format(value, "f").replace(".", ",")


def _check_amount(field: str, value: Decimal | None, maximum: Decimal, places: int
                  ) -> list[Problem]:
    if value is None:
        return [Problem(field, "line.number_required")]
    if not value.is_finite():
        return [Problem(field, "number.invalid", {"value": str(value)})]
    if value < 0:
        return [Problem(field, "line.negative", {"value": french(value)})]
    if value > maximum:
        return [Problem(field, "line.too_big", {"value": french(value), "max": french(maximum)})]
    if _places(value) > places:
        return [Problem(field, "line.too_many_places", {"value": french(value),
                                                        "places": places})]
    return []


def deposit_amounts(vat_rows: Sequence[VatRow], percent: Decimal) -> list[tuple[Decimal, Decimal]]:
    """(rate, HT amount) of a deposit of `percent` % on an order, one per VAT rate.

    A deposit invoice carries VAT at the rates of the work it pays for, in proportion.
    """
    return [(row.rate, to_cents(row.base * percent / HUNDRED)) for row in vat_rows
            if row.base != ZERO]


@dataclass(frozen=True)
class Slot:
    """Where one line sits: its id and the option group it belongs to (None: ordinary)."""

    line_id: int
    option_id: int | None


def normalise_order(slots: Sequence[Slot]) -> list[Slot]:
    """Keep every option group contiguous, placed where its first line appears.

    Lines keep their relative order; a group's lines are gathered after its first line.
    """
    groups: dict[int, list[Slot]] = {}
    for slot in slots:
        if slot.option_id is not None:
            groups.setdefault(slot.option_id, []).append(slot)
    result: list[Slot] = []
    placed: set[int] = set()
    for slot in slots:
        if slot.option_id is None:
            result.append(slot)
        elif slot.option_id not in placed:
            placed.add(slot.option_id)
            result.extend(groups[slot.option_id])
    return result


KEEP = object()  # move() without changing which option each line belongs to


def move(slots: Sequence[Slot], moving: Sequence[int], *, before: int | None,
         option_id: int | None | object = KEEP) -> list[Slot]:
    """Drag and drop `moving` lines (kept in their current order) before line `before`
    (None: to the end), into `option_id` (None: out of any option; KEEP: each stays in its
    own). Lines joining an option that keeps other lines go inside that option's block (at
    `before` when it is there, else at the block's end); option groups stay in one piece and
    the lines that did not move keep their order."""
    wanted = set(moving)
    taken = [s if option_id is KEEP else Slot(s.line_id, option_id)  # type: ignore[arg-type]
             for s in slots if s.line_id in wanted]
    result = [s for s in slots if s.line_id not in wanted]
    anchored = {s.option_id for s in result if s.option_id is not None}
    free = []
    for slot in taken:
        if slot.option_id is None or slot.option_id not in anchored:
            free.append(slot)
            continue
        members = [i for i, s in enumerate(result) if s.option_id == slot.option_id]
        inside = [i for i in members if result[i].line_id == before]
        result.insert(inside[0] if inside else members[-1] + 1, slot)
    index = next((i for i, s in enumerate(result) if s.line_id == before), len(result))
    result[index:index] = free
    return normalise_order(result)
