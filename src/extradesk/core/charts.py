"""Chart arithmetic shared by the screen (QPainter) and the mail (PNG): a round axis scale."""

from __future__ import annotations

from decimal import Decimal


def nice_scale(largest: Decimal, *, ticks: int = 4) -> tuple[Decimal, Decimal]:
    """(step, top) of an axis from 0 that holds `largest` in `ticks` round steps
    (1, 2, 2.5 or 5 times a power of ten): 83 456 -> (25 000, 100 000)."""
    if largest <= 0:
        return Decimal(1), Decimal(ticks)
    raw = Decimal(largest) / ticks
    power = Decimal(1).scaleb(raw.adjusted())  # the power of ten at or below raw
    step = next(power * f for f in (1, 2, Decimal("2.5"), 5, 10) if power * f >= raw)
    return step.normalize(), (step * ticks).normalize()
