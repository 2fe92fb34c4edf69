"""What a tile says, in French, from its figure: the same words on the home page and in the
mail (computed on the worker, so the home page only paints strings)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from extradesk.i18n import dashboard as words
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import text
from extradesk.services.dashboard import figures

ZERO = Decimal(0)


@dataclass(frozen=True)
class TileText:
    name: str
    title: str
    headline: str
    lines: tuple[str, ...]
    alert: bool = False  # something needs doing (overdue invoices, failed mails)


def _change(now: Decimal, before: Decimal) -> str:
    if not before:
        return ""
    change = (now - before) * 100 / abs(before)
    key = "dashboard.change_up" if change >= 0 else "dashboard.change_down"
    return " (" + text(key, percent=fmt.decimal(abs(change).quantize(Decimal("0.1")), 1)) + ")"


def _revenue(v: figures.Revenue) -> tuple[str, tuple[str, ...]]:
    month = words.MONTH_NAMES[v.today.month - 1].capitalize()
    return fmt.money(v.month), (
        text("dashboard.month", month=month, amount=fmt.money(v.month)),
        text("dashboard.versus", amount=fmt.money(v.month_before))
        + _change(v.month, v.month_before),
        text("dashboard.year", amount=fmt.money(v.year)),
        text("dashboard.versus", amount=fmt.money(v.year_before))
        + _change(v.year, v.year_before))


def _quotes(v: figures.Quotes) -> tuple[str, tuple[str, ...]]:
    rate = v.conversion
    headline = f"{fmt.decimal(rate, 1)} %" if rate is not None else "—"
    return headline, (
        text("dashboard.quotes", sent=v.sent, accepted=v.accepted, refused=v.refused),
        text("dashboard.conversion", percent=fmt.decimal(rate, 1)) if rate is not None
        else text("dashboard.conversion_none"))


def _appointments(v: figures.Appointments) -> tuple[str, tuple[str, ...]]:
    lines = [text("dashboard.appointments_today", count=len(v.today))]
    for a in v.today[:4]:
        who = f" – {a.client_name}" if a.client_name else ""
        lines.append(f"{a.start or '•'} {a.title}{who}")
    if len(v.today) > 4:
        lines.append("…")
    lines.append(text("dashboard.appointments_tomorrow", count=len(v.tomorrow)))
    return fmt.integer(len(v.today)), tuple(lines)


def tile_text(name: str, value) -> TileText:
    title = words.TILE_TITLES[name]
    alert = False
    if name == "revenue":
        headline, lines = _revenue(value)
    elif name == "quotes":
        headline, lines = _quotes(value)
    elif name == "followups":
        headline = fmt.integer(value)
        lines = (text("dashboard.followups", count=value) if value
                 else text("dashboard.followups_none"),)
    elif name == "overdue":
        headline, alert = fmt.money(value.amount), value.count > 0
        lines = (text("dashboard.overdue", count=value.count, amount=fmt.money(value.amount))
                 if value.count else text("dashboard.overdue_none"),)
    elif name == "cash":
        headline = fmt.money(value.amount)
        lines = (text("dashboard.cash", count=value.count),)
    elif name == "appointments":
        headline, lines = _appointments(value)
    elif name == "outbox":
        problems = value.failed + value.held
        headline, alert = fmt.integer(problems), value.failed > 0
        lines = (text("dashboard.outbox", failed=value.failed, held=value.held) if problems
                 else text("dashboard.outbox_none"),)
    elif name == "audit":
        headline, alert = f"{value.score}/10", value.score < 10
        lines = (text("dashboard.audit", count=value.findings) if value.findings
                 else text("dashboard.audit_none"),)
    else:
        raise KeyError(name)
    return TileText(name, title, headline, lines, alert)


def monthly_bars(bars) -> list[tuple[str, Decimal, Decimal]]:
    return [(words.month_label(b.month), b.net, b.net_before) for b in bars]


def origin_shares(shares, *, keep: int = 7) -> list[tuple[str, Decimal]]:
    """The largest origins by name, the rest summed as "Autres origines"."""
    found = [(s.label or words.NO_ORIGIN, s.net) for s in shares]
    if len(found) > keep:
        rest = sum((v for _l, v in found[keep - 1:]), ZERO)
        found = [*found[:keep - 1], (words.OTHER_ORIGINS, rest)]
    return found
