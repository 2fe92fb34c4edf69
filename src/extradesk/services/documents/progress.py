"""What a facture de situation stores of its progress (documents.progress, JSON), and the
part of the order's deposits it deducts. Pure: the snapshot reads it without importing the
conversions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from extradesk.core.money import to_cents
from extradesk.services.documents.dto import DepositRef

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Progress:
    """What a situation stores (documents.progress): step, cumulative % per order line."""

    step: int
    cumulative: dict[int, Decimal]  # order line id -> cumulative percent after this step
    previous: dict[int, Decimal]  # ... before it
    order_net: Decimal
    cumulative_net: Decimal  # HT billed by the situations up to this one
    previous_net: Decimal

    @property
    def complete(self) -> bool:
        return all(p == HUNDRED for p in self.cumulative.values())

    @property
    def overall(self) -> Decimal:
        """Cumulative progress of the whole order, in % of its HT (2 decimals)."""
        if not self.order_net:
            return HUNDRED
        return to_cents(self.cumulative_net * HUNDRED / self.order_net)

    def to_json(self) -> str:
        return json.dumps({
            "step": self.step, "cumulative": {str(k): str(v) for k, v in self.cumulative.items()},
            "previous": {str(k): str(v) for k, v in self.previous.items()},
            "order_net": str(self.order_net), "cumulative_net": str(self.cumulative_net),
            "previous_net": str(self.previous_net)})


def load(raw: str | None) -> Progress | None:
    if not raw:
        return None
    data = json.loads(raw)
    return Progress(
        step=data["step"], cumulative={int(k): Decimal(v) for k, v in data["cumulative"].items()},
        previous={int(k): Decimal(v) for k, v in data["previous"].items()},
        order_net=Decimal(data["order_net"]), cumulative_net=Decimal(data["cumulative_net"]),
        previous_net=Decimal(data["previous_net"]))


def worth(net: Decimal, percent: Decimal) -> Decimal:
    return to_cents(net * percent / HUNDRED)


def prorated_deposits(deposits: tuple[DepositRef, ...], progress: Progress
                      ) -> tuple[DepositRef, ...]:
    """The part of each issued deposit this situation deducts (TTC, to the cent)."""
    if not progress.order_net:
        return ()
    out = []
    for d in deposits:
        share = (to_cents(d.gross * progress.cumulative_net / progress.order_net)
                 - to_cents(d.gross * progress.previous_net / progress.order_net))
        if share:
            out.append(DepositRef(d.document_id, d.number, d.issue_date, share))
    return tuple(out)


