"""CA par journal, CA par origine de contact, clients gagnés / perdus, reste à facturer."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from extradesk.core.money import ZERO, to_cents
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.services.exports import revenue
from extradesk.services.exports.model import (
    COUNT,
    DATE,
    MONEY,
    MONTH,
    PERCENT,
    Column,
    ExportQuery,
    Table,
    percent,
)

CENTS = revenue.CENTS  # stored amounts are integer cents


def _rate_key(rate: Decimal) -> str:
    return f"vat_{rate}"


def ca_journal(ctx: Context, query: ExportQuery) -> Table:
    """Per sales journal and month: HT, VAT per rate, TTC; a total row."""
    query.check()
    groups: dict[tuple[str, str], dict] = {}
    rates: set[Decimal] = set()
    with ctx.db.engine.connect() as conn:
        for doc in revenue.issued(conn, query):
            key = (doc.journal, f"{doc.issue_date:%Y-%m}")
            group = groups.setdefault(key, {"net": ZERO, "vat": defaultdict(lambda: ZERO)})
            group["net"] += doc.net
            for rate, amount in doc.vat.items():
                group["vat"][rate] += amount
                rates.add(rate)
    ordered_rates = sorted(rates, reverse=True)
    columns = (Column("journal"), Column("month", MONTH), Column("net", MONEY),
               *(Column(_rate_key(r), MONEY) for r in ordered_rates), Column("gross", MONEY))
    rows, total_net, total_vat = [], ZERO, defaultdict(lambda: ZERO)
    for (journal, month), group in sorted(groups.items()):
        vat = [group["vat"].get(r, ZERO) for r in ordered_rates]
        rows.append((journal, month, group["net"], *vat, group["net"] + sum(vat, ZERO)))
        total_net += group["net"]
        for r in ordered_rates:
            total_vat[r] += group["vat"].get(r, ZERO)
    vat_totals = [total_vat[r] for r in ordered_rates]
    total = ("Total", None, total_net, *vat_totals, total_net + sum(vat_totals, ZERO))
    return Table("ca-journal", columns, rows, total,
                 notes=[] if rows else ["export.empty"])


_QUOTES = text("""
    SELECT d.origin_id, d.client_id, d.status, d.net FROM documents d
    WHERE d.kind = 'devis' AND d.issue_date >= :start AND d.issue_date <= :end {filters}
""")
_ORIGINS = text("SELECT id, label FROM contact_origins")


def ca_origine(ctx: Context, query: ExportQuery) -> Table:
    """Per contact origin: revenue HT, clients invoiced, quotes, accepted quotes, conversion
    rate, average basket (revenue HT per client invoiced)."""
    query.check()
    net: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    invoiced: dict[int | None, set[int]] = defaultdict(set)
    quotes: dict[int | None, int] = defaultdict(int)
    accepted: dict[int | None, int] = defaultdict(int)
    filters, params = [], {"start": query.start, "end": query.end}
    if query.author_id is not None:
        filters.append("AND d.author_id = :author")
        params["author"] = query.author_id
    if query.origin_id is not None:
        filters.append("AND d.origin_id = :origin")
        params["origin"] = query.origin_id
    with ctx.db.engine.connect() as conn:
        labels = dict(conn.execute(_ORIGINS).all())
        for doc in revenue.issued(conn, query):
            net[doc.origin_id] += doc.net
            if doc.kind != "avoir":
                invoiced[doc.origin_id].add(doc.client_id)
        statement = text(_QUOTES.text.format(filters=" ".join(filters)))
        for origin_id, _client, status, _net in conn.execute(statement, params):
            quotes[origin_id] += 1
            accepted[origin_id] += status == "accepte"
    origins = sorted(set(net) | set(quotes), key=lambda o: (o is None, labels.get(o, "")))
    columns = (Column("origin"), Column("net", MONEY), Column("clients", COUNT),
               Column("quotes", COUNT), Column("accepted", COUNT),
               Column("conversion", PERCENT), Column("basket", MONEY))
    rows = []
    for origin in origins:
        clients = len(invoiced[origin])
        basket = to_cents(net[origin] / clients) if clients else None
        rows.append((labels.get(origin, "") if origin is not None else None, net[origin],
                     clients, quotes[origin], accepted[origin],
                     percent(accepted[origin], quotes[origin]), basket))
    all_clients = len(set().union(*invoiced.values())) if invoiced else 0
    total_net = sum(net.values(), ZERO)
    total = ("Total", total_net, all_clients, sum(quotes.values()), sum(accepted.values()),
             percent(sum(accepted.values()), sum(quotes.values())),
             to_cents(total_net / all_clients) if all_clients else None)
    return Table("ca-origine", columns, rows, total, notes=[] if rows else ["export.empty"])


# Each client's first order or issued invoice (an order before the invoices of the same
# day): the day the client was won, and the amount then at stake. One pass, no per-client
# query.
_WINS = text("""
    SELECT client_id, issue_date, net FROM (
        SELECT d.client_id, d.issue_date, d.net,
               ROW_NUMBER() OVER (PARTITION BY d.client_id
                                  ORDER BY d.issue_date, d.kind != 'commande', d.id) AS nth
        FROM documents d
        WHERE (d.kind = 'commande' AND d.status != 'annulee')
           OR (d.kind IN ('facture', 'acompte') AND d.issued_at IS NOT NULL))
    WHERE nth = 1 AND issue_date >= :start AND issue_date <= :end
""")
# A refused quote is lost the day it was refused (its last change), an expired one the day
# its validity ran out.
_LOST_DAY = ("CASE q.status WHEN 'refuse' THEN substr(q.updated_at, 1, 10) "
             "ELSE COALESCE(q.validity_date, q.issue_date) END")
_LOST_QUOTES = text(f"""
    SELECT q.client_id, q.number, {_LOST_DAY}, q.net, q.status
    FROM documents q
    WHERE q.kind = 'devis' AND q.status IN ('refuse', 'expire')
      AND {_LOST_DAY} >= :start AND {_LOST_DAY} <= :end
      AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.client_id = q.client_id
                      AND o.kind IN ('commande', 'facture', 'acompte')
                      AND o.issue_date >= q.issue_date AND o.status != 'annulee')
""")
_LAST_INVOICES = text("""
    SELECT d.client_id, MAX(d.issue_date), SUM(d.net) FROM documents d
    WHERE d.kind IN ('facture', 'acompte') AND d.issued_at IS NOT NULL
    GROUP BY d.client_id
""")
_NAMES = "SELECT id, last_name, first_name, company FROM clients WHERE id IN ({ids})"


def client_names(conn, ids: set[int]) -> dict[int, str]:
    """id -> the name a client is shown by, read in chunks (SQLite's variable limit)."""
    names: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):
        chunk = ",".join(str(int(i)) for i in ordered[start:start + 900])
        for client_id, last, first, company in conn.execute(text(_NAMES.format(ids=chunk))):
            names[client_id] = display_name(last, first, company)
    return names


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


def clients_won_lost(ctx: Context, query: ExportQuery, *, months: int = 24) -> Table:
    """Clients won in the period (their first order or invoice falls in it) and lost (a quote
    refused or expired with nothing ordered since, or no invoice for `months` months after
    being a customer), with the amount at stake and the date."""
    query.check()
    found: list[tuple] = []
    with ctx.db.engine.connect() as conn:
        for client_id, first, amount in conn.execute(
                _WINS, {"start": query.start, "end": query.end}):
            found.append((client_id, "won", date.fromisoformat(str(first)[:10]),
                          Decimal(amount or 0) * CENTS, None))
        for client_id, number, day, amount, status in conn.execute(
                _LOST_QUOTES, {"start": query.start, "end": query.end}):
            found.append((client_id, f"lost_{status}", date.fromisoformat(str(day)[:10]),
                          Decimal(amount) * CENTS, number))
        for client_id, last, total in conn.execute(_LAST_INVOICES):
            lapse = _add_months(date.fromisoformat(str(last)[:10]), months)
            if query.start <= lapse <= query.end:
                found.append((client_id, "lost_idle", lapse, Decimal(total) * CENTS, None))
        names = client_names(conn, {f[0] for f in found})
    columns = (Column("client"), Column("outcome"), Column("date", DATE),
               Column("amount", MONEY), Column("number"))
    rows = [(names.get(c, ""), outcome, day, amount, number)
            for c, outcome, day, amount, number in sorted(found, key=lambda f: (f[2], f[0]))]
    return Table("clients-gagnes-perdus", columns, rows, None,
                 notes=[] if rows else ["export.empty"])


_TO_INVOICE = text("""
    SELECT o.id, o.kind, o.number, o.issue_date, o.client_id, o.net,
           (SELECT COALESCE(SUM(CASE WHEN i.kind = 'acompte' THEN i.net
                                     ELSE i.net - COALESCE((SELECT SUM(a.net) FROM documents a
                                         WHERE a.kind = 'acompte' AND a.source_id = o.id
                                           AND a.issued_at IS NOT NULL), 0) END), 0)
            FROM documents i WHERE i.source_id = o.id AND i.kind IN ('facture', 'acompte')
              AND i.issued_at IS NOT NULL)
    FROM documents o
    WHERE ((o.kind = 'commande' AND o.status IN ('confirmee', 'livree'))
           OR (o.kind = 'devis' AND o.status = 'accepte'
               AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.source_id = o.id
                               AND c.kind = 'commande')))
      AND o.issue_date <= :end
    ORDER BY o.issue_date, o.id
""")


def to_invoice(ctx: Context, query: ExportQuery) -> Table:
    """Accepted quotes not yet ordered and orders not fully invoiced at the period's end,
    with what remains to invoice (HT)."""
    query.check()
    rows = []
    total = ZERO
    with ctx.db.engine.connect() as conn:
        for _id, kind, number, day, client_id, net, invoiced in conn.execute(
                _TO_INVOICE, {"end": query.end}):
            remaining = (Decimal(net) - Decimal(invoiced or 0)) * CENTS
            if remaining <= 0:
                continue
            rows.append((number, kind, date.fromisoformat(str(day)[:10]), client_id,
                         Decimal(net) * CENTS, remaining))
            total += remaining
        names = client_names(conn, {r[3] for r in rows})
    columns = (Column("number"), Column("kind"), Column("date", DATE), Column("client"),
               Column("net", MONEY), Column("remaining", MONEY))
    shown = [(n, k, d, names.get(c, ""), net, rem) for n, k, d, c, net, rem in rows]
    return Table("reste-a-facturer", columns, shown,
                 ("Total", None, None, None, None, total), notes=[] if shown else ["export.empty"])
