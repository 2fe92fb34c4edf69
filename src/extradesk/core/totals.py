"""Document totals, exactly as DESIGN.md says: per line, then VAT per rate rounded once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from extradesk.core.money import ZERO, to_cents

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PricedLine:
    """What totals need of a line. Text lines never get here; option lines say so."""

    quantity: Decimal
    unit_price: Decimal  # HT
    vat_rate: Decimal  # percent: 20, 10, 5.5...
    discount: Decimal = ZERO  # percent
    in_option: bool = False
    option_key: object = None  # which option group, for option subtotals


def line_net(line: PricedLine) -> Decimal:
    """round(qty × unit price × (1 − discount)) to the cent."""
    return to_cents(line.quantity * line.unit_price * (1 - line.discount / HUNDRED))


@dataclass(frozen=True)
class VatRow:
    rate: Decimal
    base: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal
    gross: Decimal
    vat_rows: tuple[VatRow, ...]
    deposits: Decimal = ZERO  # TTC already invoiced as deposits, deducted from what is due
    options: dict = field(default_factory=dict)  # option_key -> net subtotal (not in net)

    @property
    def due(self) -> Decimal:
        return self.gross - self.deposits


def rate_key(rate: Decimal) -> Decimal:
    """One spelling per rate (20, 5.5, 0), whatever the input said (20.00, 2E+1, 5.50)."""
    rate = rate.normalize()
    return rate.quantize(Decimal(1)) if rate.as_tuple().exponent > 0 else rate


def compute(lines: Iterable[PricedLine], *, deposits: Decimal = ZERO) -> Totals:
    bases: dict[Decimal, Decimal] = {}
    options: dict = {}
    for line in lines:
        amount = line_net(line)
        if line.in_option:
            options[line.option_key] = options.get(line.option_key, ZERO) + amount
            continue
        key = rate_key(line.vat_rate)
        bases[key] = bases.get(key, ZERO) + amount
    rows = tuple(
        VatRow(rate=rate, base=base, amount=to_cents(base * rate / HUNDRED))
        for rate, base in sorted(bases.items(), key=lambda item: -item[0])
    )
    net = sum((r.base for r in rows), ZERO)
    vat = sum((r.amount for r in rows), ZERO)
    return Totals(net=net, vat=vat, gross=net + vat, vat_rows=rows, deposits=deposits,
                  options=options)
