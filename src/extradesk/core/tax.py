"""French VAT rates a line may carry, and the per-rate breakdown of a document."""

from __future__ import annotations

from decimal import Decimal

# 20 normal, 10 intermediate (housing renovation), 5,5 reduced (energy renovation),
# 2,1 special, 0 for exempt or reverse-charged operations.
VAT_RATES: tuple[Decimal, ...] = (
    Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), Decimal("0"),
)
# Reduced housing rates need a certificate from the client (attestation simplifiée).
HOUSING_REDUCED_RATES = frozenset({Decimal("10"), Decimal("5.5")})


def is_allowed_rate(rate: Decimal) -> bool:
    return any(rate == allowed for allowed in VAT_RATES)
