"""The dashboard's figures, one cheap read each so the home page fills tile by tile: revenue
(the exports' rule, summed in SQL), quotes, follow-ups, overdue invoices, cash received,
appointments, outbox problems, and the two charts' series.

`user_id` narrows what belongs to someone (documents by author, appointments by attendee);
None means the whole business. Unpaid invoices, cash and the outbox are the business's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import text

from extradesk.core.clock import PARIS
from extradesk.core.money import ZERO
from extradesk.services.context import Context
from extradesk.services.exports import revenue as exports_revenue
from extradesk.services.exports.model import ExportQuery, percent

CENTS = Decimal("0.01")


def same_day_last_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _nets(ctx: Context, start: date, end: date, *, user_id: int | None, key: str) -> dict:
    with ctx.db.engine.connect() as conn:
        return exports_revenue.net_by(conn, ExportQuery(start, end, author_id=user_id), key=key)


# The revenue tile and the 13-month chart read the same days: the last series read is kept
# and reused while no revenue document was issued since. Issued documents never change nor
# go away (database triggers), so their count tells whether the series is still true; a
# restored database is another Database object, hence another key.
_DAILY: dict = {}
_ISSUED_COUNT = text("SELECT COUNT(*) FROM documents d WHERE d.issued_at IS NOT NULL "
                     "AND d.kind IN ('facture', 'acompte', 'avoir')")


def _daily(ctx: Context, *, user_id: int | None) -> dict[date, Decimal]:
    """Revenue HT per day from the 1st of the month two years ago to today."""
    today = ctx.clock.today()
    with ctx.db.engine.connect() as conn:
        issued = conn.execute(_ISSUED_COUNT).scalar()
    key = (id(ctx.db), user_id, today)
    kept = _DAILY.get(key)
    if kept is not None and kept[0] == issued:
        return kept[1]
    nets = _nets(ctx, month_start(today, 24), today, user_id=user_id, key="issue_date")
    _DAILY.clear()  # one series at a time: the current user's, today
    _DAILY[key] = (issued, nets)
    return nets


def _between(nets: dict[date, Decimal], start: date, end: date) -> Decimal:
    return sum((v for d, v in nets.items() if start <= d <= end), ZERO)


@dataclass(frozen=True)
class Revenue:
    """Revenue HT to date: this month and this year, each beside the same days last year."""

    today: date
    month: Decimal
    month_before: Decimal
    year: Decimal
    year_before: Decimal

    @property
    def periods(self) -> dict[str, tuple[date, date]]:
        """The four periods, as `extradesk export … --from --to` would be asked for them."""
        back = same_day_last_year(self.today)
        return {"month": (self.today.replace(day=1), self.today),
                "month_before": (back.replace(day=1), back),
                "year": (date(self.today.year, 1, 1), self.today),
                "year_before": (date(back.year, 1, 1), back)}


def revenue(ctx: Context, *, user_id: int | None = None) -> Revenue:
    today = ctx.clock.today()
    back = same_day_last_year(today)
    nets = _daily(ctx, user_id=user_id)
    return Revenue(today, _between(nets, today.replace(day=1), today),
                   _between(nets, back.replace(day=1), back),
                   _between(nets, date(today.year, 1, 1), today),
                   _between(nets, date(back.year, 1, 1), back))


@dataclass(frozen=True)
class Quotes:
    """Quotes dated this year: made, sent (out of draft), accepted, refused."""

    start: date
    end: date
    total: int
    sent: int
    accepted: int
    refused: int

    @property
    def conversion(self) -> Decimal | None:
        """Accepted per quote sent, in percent with one decimal."""
        return percent(self.accepted, self.sent)


_QUOTES = """
    SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.status != 'brouillon' THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN d.status = 'accepte' THEN 1 ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN d.status = 'refuse' THEN 1 ELSE 0 END), 0)
    FROM documents d
    WHERE d.kind = 'devis' AND d.issue_date >= :start AND d.issue_date <= :end {author}
"""


def quotes(ctx: Context, *, user_id: int | None = None) -> Quotes:
    today = ctx.clock.today()
    start = date(today.year, 1, 1)
    sql = text(_QUOTES.format(author="AND d.author_id = :author" if user_id else ""))
    with ctx.db.engine.connect() as conn:
        total, sent, accepted, refused = conn.execute(
            sql, {"start": start, "end": today, "author": user_id}).one()
    return Quotes(start, today, total, sent, accepted, refused)


def followups(ctx: Context, *, user_id: int | None = None) -> int:
    """Quotes to follow up (the SMS issue's rule: sent N days ago, no follow-up since)."""
    from extradesk.services.sms import followups as rules

    return rules.count_to_follow(ctx, author_id=user_id)


@dataclass(frozen=True)
class Overdue:
    count: int
    amount: Decimal  # what is left to pay on them, TTC


def overdue(ctx: Context, *, user_id: int | None = None) -> Overdue:
    """Invoices past due with something left to pay (the whole business's)."""
    from extradesk.services.payments import figures

    return Overdue(*figures.overdue_summary(ctx))


@dataclass(frozen=True)
class Cash:
    start: date
    end: date
    count: int
    amount: Decimal  # refunds and cancelling entries count negative


_CASH = text("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM payments "
             "WHERE day >= :start AND day <= :end")


def cash(ctx: Context, *, user_id: int | None = None) -> Cash:
    """Payments received this month (the whole business's), cancellations included: the sum
    of `extradesk payment list` over the same days."""
    today = ctx.clock.today()
    start = today.replace(day=1)
    with ctx.db.engine.connect() as conn:
        count, cents = conn.execute(_CASH, {"start": start, "end": today}).one()
    return Cash(start, today, count, Decimal(cents) * CENTS)


@dataclass(frozen=True)
class Appointment:
    day: date
    start: str  # "09:30", or "" all day
    title: str
    client_name: str


@dataclass(frozen=True)
class Appointments:
    today: tuple[Appointment, ...]
    tomorrow: tuple[Appointment, ...]


def appointments(ctx: Context, *, user_id: int | None = None) -> Appointments:
    """Today's and tomorrow's appointments of the user (everyone's the actor may see when
    None), in Paris time."""
    from extradesk.services import users
    from extradesk.services.agenda import appointments as agenda

    today = ctx.clock.today()
    start = datetime(today.year, today.month, today.day, tzinfo=PARIS)
    end = start + timedelta(days=2)
    who = [user_id] if user_id else [u.id for u in users.list_users(ctx)]
    entries = agenda.list_appointments(ctx, who, start=start, end=end)
    seen: set[int] = set()
    found: list[Appointment] = []
    for e in entries:  # an appointment of several users is listed once per user
        if e.appointment_id in seen:
            continue
        seen.add(e.appointment_id)
        local = e.start.astimezone(PARIS)
        day = max(local.date(), today)  # one that began yesterday shows today
        found.append(Appointment(day, "" if e.all_day else f"{local:%H:%M}", e.title,
                                 e.client_name or ""))
    tomorrow = today + timedelta(days=1)
    return Appointments(tuple(a for a in found if a.day == today),
                        tuple(a for a in found if a.day == tomorrow))


@dataclass(frozen=True)
class OutboxProblems:
    failed: int  # refused for good: someone must act
    held: int  # a temporary failure, waiting for its next attempt


_OUTBOX = text("SELECT COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0), "
               "COALESCE(SUM(CASE WHEN state = 'pending' AND last_error IS NOT NULL "
               "THEN 1 ELSE 0 END), 0) FROM outbox WHERE state IN ('failed', 'pending')")


def outbox(ctx: Context, *, user_id: int | None = None) -> OutboxProblems:
    with ctx.db.engine.connect() as conn:
        failed, held = conn.execute(_OUTBOX).one()
    return OutboxProblems(failed, held)


@dataclass(frozen=True)
class MonthBar:
    month: date  # its first day
    net: Decimal
    net_before: Decimal  # the same month a year earlier


def monthly(ctx: Context, *, user_id: int | None = None) -> tuple[MonthBar, ...]:
    """Revenue HT of the last 13 months (this one to date), each beside the same month a
    year earlier (whole months; this month's twin to the same day)."""
    today = ctx.clock.today()
    nets = _daily(ctx, user_id=user_id)
    by_month: dict[date, Decimal] = {}
    for day, value in nets.items():
        key = day.replace(day=1)
        by_month[key] = by_month.get(key, ZERO) + value
    back = same_day_last_year(today)
    bars = []
    for n in range(12, -1, -1):
        month = month_start(today, n)
        twin = month_start(today, n + 12)
        before = (_between(nets, twin, back) if n == 0 else by_month.get(twin, ZERO))
        bars.append(MonthBar(month, by_month.get(month, ZERO), before))
    return tuple(bars)


@dataclass(frozen=True)
class OriginShare:
    origin_id: int | None
    label: str
    net: Decimal


def by_origin(ctx: Context, *, user_id: int | None = None) -> tuple[OriginShare, ...]:
    """Revenue HT of the year to date per contact origin, largest first (the export "CA par
    origine de contact" over the same days)."""
    today = ctx.clock.today()
    nets = _nets(ctx, date(today.year, 1, 1), today, user_id=user_id, key="origin_id")
    with ctx.db.engine.connect() as conn:
        labels = dict(conn.execute(text("SELECT id, label FROM contact_origins")).all())
    shares = [OriginShare(o, labels.get(o, "") if o is not None else "", v)
              for o, v in nets.items() if v]
    return tuple(sorted(shares, key=lambda s: (-s.net, s.label)))
