"""The tiles by id, in the order a user chose (a preference), and every figure as JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from extradesk.core.errors import Problem, ValidationError
from extradesk.services import audit, preferences
from extradesk.services.context import Context
from extradesk.services.dashboard import figures


def audit_score(ctx: Context, *, user_id: int | None = None) -> AuditScore:
    """The health check's score out of 10 and how many findings it has (the whole base)."""
    report = audit.run(ctx)
    return AuditScore(report.score, len(report.findings))


@dataclass(frozen=True)
class AuditScore:
    score: int
    findings: int


# Tile id -> its figure.
TILES: dict[str, Callable[..., Any]] = {
    "revenue": figures.revenue,
    "quotes": figures.quotes,
    "followups": figures.followups,
    "overdue": figures.overdue,
    "cash": figures.cash,
    "appointments": figures.appointments,
    "outbox": figures.outbox,
    "audit": audit_score,
}
CHARTS: dict[str, Callable[..., Any]] = {"monthly": figures.monthly,
                                         "origins": figures.by_origin}


def figure(ctx: Context, name: str, *, user_id: int | None = None) -> Any:
    """One tile's or chart's figure (the home page asks for each on its own)."""
    found = TILES.get(name) or CHARTS.get(name)
    if found is None:
        raise ValidationError([Problem(None, "dashboard.tile_unknown", {
            "value": name, "choices": ", ".join([*TILES, *CHARTS])})])
    return found(ctx, user_id=user_id)


def chosen_tiles(ctx: Context, *, user_id: int | None = None) -> list[str]:
    """The user's tiles in their order; ids this version does not know are left out."""
    wanted = preferences.get(ctx, preferences.DASHBOARD_TILES.key, user_id=user_id)
    if not isinstance(wanted, list | tuple):
        wanted = preferences.DASHBOARD_TILES.default
    return [t for t in dict.fromkeys(wanted) if isinstance(t, str) and t in TILES]


def plain(value: Any) -> Any:
    """Dataclasses, Decimals and dates as JSON values (money as "1234.56")."""
    if is_dataclass(value):
        out = {k: plain(v) for k, v in asdict(value).items()}
        for extra in ("conversion", "periods"):
            if hasattr(type(value), extra):
                out[extra] = plain(getattr(value, extra))
        return out
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def everything(ctx: Context, *, user_id: int | None = None) -> dict[str, Any]:
    """Every figure and both charts' series, for `extradesk dashboard --json` and the mail."""
    return {name: fn(ctx, user_id=user_id) for name, fn in (*TILES.items(), *CHARTS.items())}
