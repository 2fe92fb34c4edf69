"""Closings (clôtures) of a day, month or year: the totals by mode and journal, chained, and
the period locked; the chain checked; the year's archive of payments and closings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text

from extradesk.core import payments as rules
from extradesk.core.changes import Changes
from extradesk.core.errors import ConflictError, StateError
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.i18n.payments import ARCHIVE_COLUMNS, ARCHIVE_KINDS
from extradesk.services import files
from extradesk.services.context import Context
from extradesk.services.payments import store
from extradesk.services.payments.store import CHAIN, CLOSINGS, cents

_TOTALS = text(
    "SELECT p.mode, j.code, SUM(p.amount), COUNT(*) FROM payments p "
    "LEFT JOIN journals j ON j.id = p.journal_id WHERE p.day BETWEEN :first AND :last "
    "GROUP BY p.mode, j.code ORDER BY p.mode, j.code")


@dataclass(frozen=True)
class Closing:
    id: int
    period: rules.Period
    first_day: date
    last_day: date
    total: Decimal
    count: int
    by_mode: dict[str, Decimal]
    by_journal: dict[str, Decimal]
    closed_at: object


def close_period(ctx: Context, period: rules.Period | str, *, day: date
                 ) -> tuple[Closing, Changes]:
    """Close the day, month or year holding `day`: its totals recorded and chained, no
    payment dated in it afterwards. Refused for a period not over yet (a day may be closed
    on the day itself) or already closed."""
    period = rules.Period(period)
    first, last = rules.period_bounds(period, day)
    today = ctx.clock.today()
    if last > today and not (period == rules.Period.DAY and first == today):
        raise StateError("closing.not_over", first=fmt.day(first), last=fmt.day(last))
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        if conn.execute(select(CLOSINGS.c.id).where(
                CLOSINGS.c.period == period.value, CLOSINGS.c.first_day == first)).first():
            raise ConflictError("closing.already", first=fmt.day(first), last=fmt.day(last))
        rows = conn.execute(_TOTALS, {"first": first.isoformat(), "last": last.isoformat()}
                            ).all()
        totals = store.totals_json((mode, code, amount) for mode, code, amount, _n in rows)
        closing_id = conn.execute(CLOSINGS.insert().values(
            period=period.value, first_day=first, last_day=last,
            total=cents(sum(int(r[2]) for r in rows)), count=sum(r[3] for r in rows),
            totals=totals, closed_by=ctx.user_id, closed_at=ctx.clock.now())
        ).inserted_primary_key[0]
        store.append_link(conn, closing_id=closing_id)
    return get_closing(ctx, closing_id), Changes()


def _closing(row) -> Closing:
    totals = json.loads(row.totals)
    return Closing(row.id, rules.Period(row.period), row.first_day, row.last_day, row.total,
                   row.count, {k: cents(v) for k, v in totals["modes"].items()},
                   {k: cents(v) for k, v in totals["journals"].items()}, row.closed_at)


def get_closing(ctx: Context, closing_id: int) -> Closing:
    with ctx.db.engine.connect() as conn:
        return _closing(conn.execute(select(CLOSINGS).where(CLOSINGS.c.id == closing_id)).one())


def closings(ctx: Context, *, year: int | None = None) -> list[Closing]:
    query = select(CLOSINGS).order_by(CLOSINGS.c.first_day, CLOSINGS.c.id)
    if year is not None:
        query = query.where(CLOSINGS.c.first_day >= date(year, 1, 1),
                            CLOSINGS.c.first_day <= date(year, 12, 31))
    with ctx.db.engine.connect() as conn:
        return [_closing(r) for r in conn.execute(query)]


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_seq: int | None = None  # the first link that does not hold
    reason: str | None = None  # chain.altered, chain.order

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(ctx: Context) -> ChainReport:
    """Recompute every link of the payments chain in order."""
    with ctx.db.engine.connect() as conn:
        links = conn.execute(select(CHAIN.c.seq, CHAIN.c.payment_id, CHAIN.c.closing_id,
                                    CHAIN.c.previous_hash, CHAIN.c.chain_hash)
                             .order_by(CHAIN.c.seq)).all()
        previous = rules.GENESIS
        for count, (seq, payment_id, closing_id, stored_previous, stored) in enumerate(links):
            if stored_previous != previous:
                return ChainReport(count, seq, "chain.order")
            try:
                again = store.link_of(conn, previous, payment_id=payment_id,
                                      closing_id=closing_id)
            except Exception:  # the row it hashes is gone
                return ChainReport(count, seq, "chain.altered")
            if again != stored:
                return ChainReport(count, seq, "chain.altered")
            previous = stored
    return ChainReport(len(links))


_ARCHIVE_PAYMENTS = text(
    "SELECT p.id, p.day, p.client_id, c.last_name, c.first_name, c.company, p.amount, p.mode, "
    "j.code, p.reference, p.cheque_bank, p.cheque_number, p.drawer, p.cancels_id, "
    "p.cancelled_at, p.deposit_slip_id, "
    "(SELECT group_concat(d.number || ':' || a.amount, ',') FROM payment_allocations a "
    " JOIN documents d ON d.id = a.document_id WHERE a.payment_id = p.id), "
    "p.created_at, k.previous_hash, k.chain_hash "
    "FROM payments p JOIN clients c ON c.id = p.client_id "
    "LEFT JOIN journals j ON j.id = p.journal_id "
    "LEFT JOIN payment_chain k ON k.payment_id = p.id "
    "WHERE p.day BETWEEN :first AND :last ORDER BY k.seq, p.id")
_ARCHIVE_CLOSINGS = text(
    "SELECT s.id, s.period, s.first_day, s.last_day, s.total, s.count, s.totals, s.closed_at, "
    "k.previous_hash, k.chain_hash FROM payment_closings s "
    "LEFT JOIN payment_chain k ON k.closing_id = s.id "
    "WHERE s.first_day BETWEEN :first AND :last ORDER BY k.seq")


def _money(raw) -> str:
    return fmt.decimal(cents(raw)).replace(fmt.NBSP, "")


def archive(ctx: Context, *, year: int, path: str | Path) -> tuple[int, int]:
    """Write the year's payments and closings with their chain hashes (CSV the way French
    Excel opens it, written atomically). Returns (payments, closings) written."""
    from extradesk.reports.csv_out import ENCODING, SafeWriter
    from extradesk.services.clients.first_page import display_name

    bounds = {"first": date(year, 1, 1).isoformat(), "last": date(year, 12, 31).isoformat()}
    payments = closings_written = 0
    with ctx.db.engine.connect() as conn, \
            files.atomic_open(path, "w", encoding=ENCODING, newline="") as out:
        writer = SafeWriter(out)
        writer.writerow(ARCHIVE_COLUMNS)
        for r in conn.execute(_ARCHIVE_PAYMENTS, bounds):
            writer.writerow([
                ARCHIVE_KINDS["payment"], r[0], fmt.day(date.fromisoformat(str(r[1])[:10])),
                r[2], display_name(r[3], r[4], r[5]), _money(r[6]), r[7], r[8] or "",
                r[9] or "", "/".join(x or "" for x in (r[10], r[11], r[12])).strip("/"),
                r[13] or "", str(r[14] or "")[:19], r[15] or "", r[16] or "",
                str(r[17])[:19], r[18] or "", r[19] or ""])
            payments += 1
        for r in conn.execute(_ARCHIVE_CLOSINGS, bounds):
            writer.writerow([
                ARCHIVE_KINDS["closing"], r[0], fmt.day(date.fromisoformat(str(r[3])[:10])),
                "", f"{r[1]} {str(r[2])[:10]}..{str(r[3])[:10]}", _money(r[4]), "", "",
                f"{r[5]} {r[6]}", "", "", "", "", "", str(r[7])[:19], r[8] or "",
                r[9] or ""])
            closings_written += 1
    return payments, closings_written
