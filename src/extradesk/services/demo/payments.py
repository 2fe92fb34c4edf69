"""Demo payments for the demo invoices: most paid on time in one or two parts (cheques,
transfers, cards, a little cash), some late, a few partly paid or unpaid; credit notes set
against their invoice; older cheques deposited in weekly slips; every payment chained.

Follows the statuses services.demo.documents gave the invoices (payée, payée partiellement,
émise), then makes each status agree with the allocations exactly."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, text

from extradesk.core import payments as rules
from extradesk.db.session import unit_of_work
from extradesk.services.context import Context
from extradesk.services.payments import store

BANKS = ("Crédit Agricole", "BNP Paribas", "Société Générale", "LCL", "Caisse d'Épargne",
         "Banque Populaire", "Crédit Mutuel", "La Banque Postale", "CIC")
MODES = ((rules.Mode.CHEQUE, 0.42), (rules.Mode.TRANSFER, 0.38), (rules.Mode.CARD, 0.1),
         (rules.Mode.CASH, 0.05), (rules.Mode.DEBIT, 0.05))
CHUNK = 20_000


@dataclass(frozen=True)
class PaymentDemoReport:
    payments: int
    allocations: int
    slips: int


@dataclass
class _Plan:
    client_id: int
    day: date
    cents: int
    mode: str
    allocations: list[tuple[int, int]]  # (document id, cents)


def _invoices(conn: Connection, first: int, last: int):
    return conn.execute(text(
        "SELECT id, status, client_id, issue_date, due_date, gross - deposits FROM documents "
        "WHERE client_id BETWEEN :a AND :b AND kind IN ('facture', 'acompte') "
        "AND issued_at IS NOT NULL ORDER BY id"), {"a": first, "b": last}).all()


def _notes(conn: Connection, first: int, last: int):
    return conn.execute(text(
        "SELECT id, source_id, gross, issue_date FROM documents WHERE client_id BETWEEN :a "
        "AND :b AND kind = 'avoir' AND issued_at IS NOT NULL AND source_id IS NOT NULL "
        "ORDER BY id"), {"a": first, "b": last}).all()


def _day(value) -> date:
    return date.fromisoformat(str(value)[:10])


def _mode(rng: random.Random) -> str:
    roll, acc = rng.random(), 0.0
    for mode, share in MODES:
        acc += share
        if roll < acc:
            return mode.value
    return rules.Mode.OTHER.value


def _paid_on(rng: random.Random, issued: date, due: date, today: date) -> date:
    """Mostly before the due date; one in eight late by up to two months."""
    if rng.random() < 0.125:
        day = due + timedelta(days=rng.randint(1, 60))
    else:
        day = issued + timedelta(days=rng.randint(0, max((due - issued).days, 0)))
    return max(issued, min(day, today))


def _plan(rng: random.Random, invoices, notes, today: date):
    plans: list[_Plan] = []
    note_allocs: list[tuple[int, int, int]] = []  # (invoice, credit note, cents)
    left_by_invoice = {row[0]: int(row[5]) for row in invoices}
    for note_id, invoice_id, gross, _issued in notes:
        if invoice_id in left_by_invoice and left_by_invoice[invoice_id] > 0:
            share = min(int(gross), left_by_invoice[invoice_id])
            note_allocs.append((invoice_id, note_id, share))
            left_by_invoice[invoice_id] -= share
    for doc_id, status, client_id, issued, due, _net in invoices:
        left = left_by_invoice[doc_id]
        issued, due = _day(issued), _day(due) if due else _day(issued) + timedelta(days=30)
        if left <= 0 or status == "emise":
            continue
        if status == "payee_partiellement":
            parts = [left * rng.randint(30, 70) // 100]
        elif rng.random() < 0.3 and left >= 200:
            first = left * rng.choice((30, 40, 50)) // 100
            parts = [first, left - first]
        else:
            parts = [left]
        day = _paid_on(rng, issued, due, today)
        for part in parts:
            plans.append(_Plan(client_id, day, part, _mode(rng), [(doc_id, part)]))
            day = min(today, day + timedelta(days=rng.randint(5, 30)))
    plans.sort(key=lambda p: (p.day, p.allocations[0][0]))
    return plans, note_allocs


def generate_payments(ctx: Context, *, client_ids, seed: int = 1) -> PaymentDemoReport:
    """Payments for the issued invoices of `client_ids` (a contiguous range of new ids)."""
    ids = list(client_ids)
    if not ids:
        return PaymentDemoReport(0, 0, 0)
    rng = random.Random(seed + 13)
    today = ctx.clock.today()
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        invoices = _invoices(conn, min(ids), max(ids))
        plans, note_allocs = _plan(rng, invoices, _notes(conn, min(ids), max(ids)), today)
        journals = dict(conn.execute(text(
            "SELECT code, id FROM journals WHERE kind = 'tresorerie'")).all())
        next_id = (conn.execute(text("SELECT MAX(id) FROM payments")).scalar() or 0) + 1
        slip_id = (conn.execute(text("SELECT MAX(id) FROM deposit_slips")).scalar() or 0) + 1
        previous = conn.execute(text("SELECT chain_hash FROM payment_chain ORDER BY seq DESC "
                                     "LIMIT 1")).scalar() or rules.GENESIS
        slips: dict[tuple[int, int], list[int]] = defaultdict(list)
        payments, allocations, links = [], [], []
        for offset, plan in enumerate(plans):
            payment_id = next_id + offset
            code = "CA" if plan.mode == rules.Mode.CASH.value else "BQ"
            cheque = (rng.choice(BANKS), f"{rng.randint(0, 9_999_999):07d}") \
                if plan.mode == rules.Mode.CHEQUE.value else (None, None)
            slip = None
            if cheque[0] is not None and (today - plan.day).days > 10:
                week = plan.day.isocalendar()
                slips[(week.year, week.week)].append(payment_id)
                slip = (week.year, week.week)
            payments.append({
                "id": payment_id, "client_id": plan.client_id, "day": plan.day,
                "amount": plan.cents, "mode": plan.mode, "journal_id": journals.get(code),
                "cheque_bank": cheque[0], "cheque_number": cheque[1], "slip": slip,
                "created_at": datetime.combine(plan.day, time(17), tzinfo=UTC)})
            allocations += [{"document_id": d, "payment_id": payment_id, "credit_note_id": None,
                             "amount": c, "created_at": payments[-1]["created_at"]}
                            for d, c in plan.allocations]
            chained = rules.payment_hash(
                previous, payment_id=payment_id, day=plan.day, amount_cents=plan.cents,
                mode=plan.mode, client_id=plan.client_id,
                journal=code if journals.get(code) else "", cancels_id=None, reference="",
                cheque="/".join(x or "" for x in (*cheque, None)),
                allocations=",".join(f"{d}:{c}" for d, c in plan.allocations))
            links.append({"payment_id": payment_id, "previous_hash": previous,
                          "chain_hash": chained})
            previous = chained
        slip_rows, slip_of = [], {}
        for number, (week, members) in enumerate(sorted(slips.items()), start=slip_id):
            monday = date.fromisocalendar(week[0], week[1], 1)
            day = min(today, monday + timedelta(days=4))
            total = sum(payments[m - next_id]["amount"] for m in members)
            slip_rows.append({"id": number, "day": day, "journal_id": journals.get("BQ"),
                              "bank": "Banque", "total": total, "count": len(members),
                              "created_at": datetime.combine(day, time(18), tzinfo=UTC)})
            slip_of[week] = number
        _insert(conn, slip_rows, payments, slip_of, allocations, note_allocs, links, now)
        _settle_statuses(conn, min(ids), max(ids), now)
    return PaymentDemoReport(len(payments), len(allocations) + len(note_allocs),
                             len(slip_rows))


def _bind(conn: Connection):
    """Values as the columns store them (SQLite: ISO text for dates and instants)."""
    return lambda value: (value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
                          if isinstance(value, datetime) else
                          value.isoformat() if isinstance(value, date) else value)


def _insert(conn, slip_rows, payments, slip_of, allocations, note_allocs, links, now) -> None:
    bind = _bind(conn)
    if slip_rows:
        conn.execute(text(
            "INSERT INTO deposit_slips (id, day, journal_id, bank, total, count, created_at) "
            "VALUES (:id, :day, :journal_id, :bank, :total, :count, :created_at)"),
            [{k: bind(v) for k, v in r.items()} for r in slip_rows])
    rows = [{**{k: bind(v) for k, v in p.items() if k != "slip"},
             "deposit_slip_id": slip_of.get(p["slip"])} for p in payments]
    for start in range(0, len(rows), CHUNK):
        conn.execute(text(
            "INSERT INTO payments (id, client_id, day, amount, mode, journal_id, cheque_bank, "
            "cheque_number, deposit_slip_id, created_at) VALUES (:id, :client_id, :day, "
            ":amount, :mode, :journal_id, :cheque_bank, :cheque_number, :deposit_slip_id, "
            ":created_at)"), rows[start:start + CHUNK])
    notes = [{"document_id": i, "payment_id": None, "credit_note_id": n, "amount": c,
              "created_at": bind(now)} for i, n, c in note_allocs]
    every = [{k: bind(v) for k, v in a.items()} for a in allocations] + notes
    for start in range(0, len(every), CHUNK):
        conn.execute(text(
            "INSERT INTO payment_allocations (document_id, payment_id, credit_note_id, amount, "
            "created_at) VALUES (:document_id, :payment_id, :credit_note_id, :amount, "
            ":created_at)"), every[start:start + CHUNK])
    for start in range(0, len(links), CHUNK):
        conn.execute(store.CHAIN.insert(), links[start:start + CHUNK])


def _settle_statuses(conn: Connection, first: int, last: int, now: datetime) -> None:
    """Each demo invoice's status now says exactly what its allocations say."""
    conn.execute(text(
        "UPDATE documents SET status = CASE "
        " WHEN paid >= gross - deposits THEN 'payee' WHEN paid > 0 THEN 'payee_partiellement' "
        " ELSE 'emise' END FROM (SELECT d.id AS doc, (SELECT COALESCE(SUM(a.amount), 0) "
        "  FROM payment_allocations a WHERE a.document_id = d.id) AS paid FROM documents d "
        "  WHERE d.client_id BETWEEN :a AND :b AND d.kind IN ('facture', 'acompte') "
        "  AND d.issued_at IS NOT NULL) AS s WHERE documents.id = s.doc "
        "AND documents.status <> CASE WHEN s.paid >= documents.gross - documents.deposits "
        " THEN 'payee' WHEN s.paid > 0 THEN 'payee_partiellement' ELSE 'emise' END"),
        {"a": first, "b": last})
