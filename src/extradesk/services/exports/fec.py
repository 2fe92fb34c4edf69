"""Écritures comptables (FEC, article A47 A-1 of the Livre des procédures fiscales): the sales
journals, one balanced entry per issued invoice, deposit invoice and credit note (client 411
auxiliary account, 70… per line account, 44571… per VAT rate; a final invoice net of its
deposits, as CA par journal counts it), then the cash/bank journals, one entry per payment.
Streamed: two sorted cursors merged, the deposits read once."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, text

from extradesk.core.errors import StateError
from extradesk.core.money import ZERO
from extradesk.services import company
from extradesk.services.clients.records import display_name
from extradesk.services.context import Context
from extradesk.services.exports import accounts, revenue
from extradesk.services.exports.model import DATE, MONEY, Column, ExportQuery, Table

CENTS = revenue.CENTS
FIELDS = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
          "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit",
          "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise")
_KINDS = {"EcritureDate": DATE, "PieceDate": DATE, "DateLet": DATE, "ValidDate": DATE,
          "Debit": MONEY, "Credit": MONEY}
COLUMNS = tuple(Column(name, _KINDS.get(name, "text")) for name in FIELDS)

_ISSUED = ("d.kind IN ('facture', 'acompte', 'avoir') AND d.issued_at IS NOT NULL "
           "AND d.issue_date >= :start AND d.issue_date <= :end")
_DOCS = f"""
    SELECT d.id, d.kind, d.number, d.issue_date, d.issued_at, d.client_id, c.last_name,
           c.first_name, c.company, j.code, j.label, d.vat_breakdown, d.deposit_refs
    FROM documents d JOIN clients c ON c.id = d.client_id
    LEFT JOIN journals j ON j.id = d.journal_id
    WHERE {_ISSUED} {{filters}} ORDER BY d.issue_date, d.id
"""
_LINES = f"""
    SELECT l.document_id, l.account_code, SUM(l.net) FROM documents d
    CROSS JOIN document_lines l
    WHERE l.document_id = d.id AND {_ISSUED} AND l.net IS NOT NULL AND l.option_id IS NULL {{filters}}
    GROUP BY d.issue_date, l.document_id, l.account_code ORDER BY d.issue_date, l.document_id
"""
_DEPOSITS = text("SELECT d.id, d.vat_breakdown, l.account_code, SUM(l.net) FROM documents d "
                 "CROSS JOIN document_lines l WHERE l.document_id = d.id AND d.kind = 'acompte' "
                 "AND d.issued_at IS NOT NULL AND l.net IS NOT NULL AND l.option_id IS NULL "
                 "GROUP BY d.id, d.vat_breakdown, l.account_code")
_PAYMENTS = """
    SELECT p.id, p.day, p.client_id, c.last_name, c.first_name, c.company, p.amount, p.mode,
           j.code, j.label, p.reference, p.cancels_id, p.created_at
    FROM payments p JOIN clients c ON c.id = p.client_id
    LEFT JOIN journals j ON j.id = p.journal_id
    WHERE p.day >= :start AND p.day <= :end {filters} ORDER BY p.day, p.id
"""
_ACCOUNTS = text("SELECT code, label FROM accounting_accounts")
_WAITING = text("SELECT code FROM accounting_accounts WHERE waiting ORDER BY id LIMIT 1")


def _day(value) -> date:
    return date.fromisoformat(str(value)[:10])


def siren(ctx: Context) -> str:
    """The first nine digits of the company's SIRET: the FEC's file name starts with them."""
    siret = company.get_company(ctx).siret or ""
    if len(siret) < 9 or not siret[:9].isdigit():
        raise StateError("export.fec_no_siren")
    return siret[:9]


def file_name(ctx: Context, query: ExportQuery) -> str:
    return f"{siren(ctx)}FEC{query.end:%Y%m%d}.txt"


class _Entries:
    """Numbers the entries per journal and turns signed amounts (credit positive) into the
    debit and credit columns."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = defaultdict(int)

    def entry(self, journal: tuple[str, str], day: date, piece: str, label: str,
              valid: date, lines: list[tuple[str, str, str, str, Decimal]]) -> Iterator[tuple]:
        code, journal_label = journal
        self.numbers[code] += 1
        number = f"{code}{self.numbers[code]:06d}"
        for account, account_label, aux, aux_label, credit in lines:
            if not credit:
                continue
            yield (code, journal_label, number, day, account, account_label, aux, aux_label,
                   piece, day, label, -credit if credit < 0 else ZERO,
                   credit if credit > 0 else ZERO, "", None, valid, "", "")


def _plain(rate: str) -> Decimal:
    return revenue._plain_rate(Decimal(rate))


def _sales(conn: Connection, query: ExportQuery, settings: accounts.AccountingSettings,
           entries: _Entries) -> Iterator[tuple]:
    from extradesk.i18n.exports import FEC_LABELS
    from extradesk.i18n.messages import text as message

    filters, params = "", {"start": query.start, "end": query.end}
    if query.journal_id is not None:
        filters = "AND d.journal_id = :journal"
        params["journal"] = query.journal_id
    labels = dict(conn.execute(_ACCOUNTS).all())
    waiting = conn.execute(_WAITING).scalar() or "707900"
    deposits: dict[int, tuple[dict, dict]] | None = None
    # Straight off the driver's cursors: SQLAlchemy's row layer costs more than the SQL here.
    lines = iter(revenue._rows(conn, text(_LINES.format(filters=filters)), params))
    pending = next(lines, None)
    for (doc_id, kind, number, day, issued_at, client_id, last, first, firm, journal_code,
         journal_label, raw_vat, refs) in revenue._rows(
            conn, text(_DOCS.format(filters=filters)), params):
        by_account: dict[str, int] = defaultdict(int)
        while pending is not None and pending[0] == doc_id:
            by_account[pending[1] or waiting] += pending[2] or 0
            pending = next(lines, None)
        vat: dict[Decimal, int] = defaultdict(int)
        for row in json.loads(raw_vat) if raw_vat else ():
            vat[_plain(row["rate"])] += int(Decimal(row["amount"]) * 100)
        if refs:  # a final invoice: the deposits it deducts come off their own accounts
            if deposits is None:
                deposits = defaultdict(lambda: (defaultdict(int), defaultdict(int)))
                for dep_id, dep_vat, account, net in conn.execute(_DEPOSITS):
                    dep_accounts, dep_rates = deposits[dep_id]
                    dep_accounts[account or waiting] += net or 0
                    if not dep_rates:
                        for row in json.loads(dep_vat) if dep_vat else ():
                            dep_rates[_plain(row["rate"])] += int(Decimal(row["amount"]) * 100)
            for ref in json.loads(refs):
                dep_accounts, dep_rates = deposits.get(int(ref["id"]), ({}, {}))
                for account, net in dep_accounts.items():
                    by_account[account] -= net
                for rate, amount in dep_rates.items():
                    vat[rate] -= amount
        sign = -1 if kind == "avoir" else 1
        name = display_name(last, first, firm)
        total = sum(by_account.values()) + sum(vat.values())
        entry = [(settings.client_account(), FEC_LABELS["clients"],
                  settings.client_aux(client_id), name, Decimal(-sign * total) * CENTS)]
        entry += [(account, labels.get(account, ""), "", "", Decimal(sign * net) * CENTS)
                  for account, net in sorted(by_account.items())]
        entry += [(settings.vat_account(rate), FEC_LABELS["vat"].format(
                      rate=f"{rate}".replace(".", ",")), "", "", Decimal(sign * amount) * CENTS)
                  for rate, amount in sorted(vat.items(), reverse=True)]
        day = _day(day)
        label = f"{message(f'document.kind.{kind}')} {number} {name}"
        yield from entries.entry((journal_code or "VT", journal_label or FEC_LABELS["sales"]),
                                 day, number, label[:200], _day(issued_at), entry)


def _treasury(conn: Connection, query: ExportQuery, settings: accounts.AccountingSettings,
              entries: _Entries) -> Iterator[tuple]:
    from extradesk.i18n.exports import FEC_LABELS
    from extradesk.i18n.messages import text as message

    params = {"start": query.start, "end": query.end}
    for (pay_id, day, client_id, last, first, firm, amount, mode, journal_code,
         journal_label, reference, cancels, created_at) in revenue._rows(
            conn, text(_PAYMENTS.format(filters="")), params):
        name = display_name(last, first, firm)
        money = Decimal(amount) * CENTS
        code = journal_code or "BQ"
        label = (FEC_LABELS["cancel"] if cancels else FEC_LABELS["payment"]).format(
            mode=message(f"payment.mode.{mode}").lower(), name=name)
        yield from entries.entry(
            (code, journal_label or FEC_LABELS["bank"]), _day(day), reference or f"R{pay_id}",
            label[:200], _day(created_at),
            [(settings.treasury_account(code), journal_label or FEC_LABELS["bank"], "", "",
              -money),
             (settings.client_account(), FEC_LABELS["clients"],
              settings.client_aux(client_id), name, money)])


def fec(ctx: Context, query: ExportQuery) -> Table:
    """The entries of the period, sales journals then cash/bank journals, each balanced."""
    query.check()
    siren(ctx)  # refused before any row when the company has no SIRET

    def rows() -> Iterator[tuple]:
        with ctx.db.engine.connect() as conn:
            settings = accounts.load(conn)
            entries = _Entries()
            yield from _sales(conn, query, settings, entries)
            if query.journal_id is None:
                yield from _treasury(conn, query, settings, entries)

    return Table("fec", COLUMNS, rows(), None)
