"""Inalterability: cancellations kept with who and when, deposited cheques locked, triggers,
the payments chain, closings locking their period, the year's archive."""

import csv
import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from payments_helpers import invoice, new_client, pay, pdf_text

from extradesk.cli import main
from extradesk.core.errors import ConflictError, StateError, ValidationError
from extradesk.core.workflow import Status
from extradesk.i18n.messages import error_text
from extradesk.services.documents import drafts as documents
from extradesk.services.payments import closings, deposits, entries, figures

OCT1, OCT15, NOV2 = date(2026, 10, 1), date(2026, 10, 15), date(2026, 11, 2)


@pytest.fixture
def paid(business):
    ctx = business
    client = new_client(ctx)
    doc = invoice(ctx, client, "500", on=OCT1)
    payment, _ = entries.pay_invoice(ctx, doc, data=pay(OCT15, "500", "cheque",
                                                        cheque_bank="LCL", cheque_number="77"))
    return ctx, client, doc, payment


def test_a_cancellation_is_an_entry_kept_beside_the_original(paid):
    ctx, client, doc, payment = paid
    cancelling, _ = entries.cancel_payment(ctx, payment)
    rows = {r.id: r for r in figures.payments(ctx)}
    assert rows[payment].cancelled and rows[cancelling].cancels_id == payment
    assert rows[cancelling].amount == Decimal("-500.00")
    assert rows[cancelling].day == date(2026, 11, 28)  # dated today, the fixed clock
    f = figures.invoice_figures(ctx, doc)
    assert (f.paid, f.remaining) == (Decimal("0.00"), Decimal("500.00"))
    assert documents.get_document(ctx, doc).status == Status.ISSUED
    assert figures.client_balance(ctx, client).balance == Decimal("500.00")
    with sqlite3.connect(ctx.db.sqlite_path) as conn:
        assert conn.execute("SELECT cancelled_by, cancelled_at IS NOT NULL FROM payments "
                            "WHERE id = ?", (payment,)).fetchone() == (ctx.user_id, 1)
    with pytest.raises(StateError):
        entries.cancel_payment(ctx, payment)
    with pytest.raises(StateError):
        entries.cancel_payment(ctx, cancelling)


def test_a_deposited_cheque_is_locked(paid):
    ctx, _client, _doc, payment = paid
    assert [c.id for c in figures.undeposited_cheques(ctx)] == [payment]
    slip, _ = deposits.create_slip(ctx, [payment], day=NOV2)
    assert figures.undeposited_cheques(ctx) == []
    with pytest.raises(StateError) as caught:
        entries.cancel_payment(ctx, payment)
    assert "figure sur une remise en banque" in error_text(caught.value)
    with pytest.raises(ValidationError):
        deposits.create_slip(ctx, [payment], day=NOV2)
    words = pdf_text(deposits.slip_pdf(ctx, slip))
    assert "Bordereau de remise de chèques N° 1" in words
    assert "LCL" in words and "77" in words and "500,00 €" in words
    assert "Total : 1 chèque" in words and "Banque" in words
    with sqlite3.connect(ctx.db.sqlite_path) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("UPDATE payments SET deposit_slip_id = NULL WHERE id = ?", (payment,))


@pytest.mark.parametrize("sql", [
    "UPDATE payments SET amount = 1 WHERE id = {p}",
    "UPDATE payments SET day = '2026-10-16' WHERE id = {p}",
    "DELETE FROM payments WHERE id = {p}",
    "UPDATE payment_allocations SET amount = 1",
    "DELETE FROM payment_allocations",
    "UPDATE payment_chain SET chain_hash = 'x'",
    "DELETE FROM payment_chain",
])
def test_the_database_refuses_changes_to_entered_payments(paid, sql):
    ctx, _client, _doc, payment = paid
    with sqlite3.connect(ctx.db.sqlite_path) as conn, pytest.raises(
            sqlite3.DatabaseError, match="entered payment is frozen"):
        conn.execute(sql.format(p=payment))


def test_the_chain_holds_and_names_the_first_link_altered(paid, capsys):
    ctx, client, doc, payment = paid
    entries.cancel_payment(ctx, payment)
    closings.close_period(ctx, "mois", day=OCT15)
    report = closings.verify(ctx)
    assert (report.ok, report.checked) == (True, 3)
    with sqlite3.connect(ctx.db.sqlite_path) as conn:  # someone bypasses the triggers
        conn.execute("DROP TRIGGER payments_frozen_update")
        conn.execute("UPDATE payments SET amount = 40000 WHERE id = ?", (payment,))
    report = closings.verify(ctx)
    assert (report.ok, report.broken_seq, report.reason) == (False, 1, "chain.altered")
    assert main(["payment", "verify", "--db", str(ctx.db.sqlite_path)]) == 3
    assert capsys.readouterr().out == ("Chaîne des règlements rompue au maillon 1 : un "
                                       "règlement ou une clôture a été modifié ou supprimé.\n")


def test_a_closing_records_totals_and_locks_its_period(paid):
    ctx, client, doc, _payment = paid
    other = invoice(ctx, client, "80", on=OCT15)
    entries.pay_invoice(ctx, other, data=pay(OCT15, "80", "especes"))
    closing, _ = closings.close_period(ctx, "jour", day=OCT15)
    assert (closing.first_day, closing.last_day, closing.total, closing.count) == (
        OCT15, OCT15, Decimal("580.00"), 2)
    assert closing.by_mode == {"cheque": Decimal("500.00"), "especes": Decimal("80.00")}
    assert closing.by_journal == {"CA": Decimal("580.00")}
    late = invoice(ctx, client, "10", on=OCT15)
    with pytest.raises(ValidationError) as caught:
        entries.pay_invoice(ctx, late, data=pay(OCT15, "10"))
    assert "La période du 15/10/2026 est clôturée" in error_text(caught.value)
    entries.pay_invoice(ctx, late, data=pay(date(2026, 10, 16), "10"))
    with pytest.raises(ConflictError):
        closings.close_period(ctx, "jour", day=OCT15)
    with pytest.raises(StateError):
        closings.close_period(ctx, "annee", day=OCT15)  # 2026 is not over on 28/11/2026
    with sqlite3.connect(ctx.db.sqlite_path) as conn, pytest.raises(
            sqlite3.DatabaseError, match="period closed"):
        conn.execute("INSERT INTO payments (client_id, day, amount, mode, created_at) "
                     "VALUES (?, '2026-10-15', 100, 'especes', '2026-11-28 09:00:00')",
                     (client,))


def test_the_year_archive_holds_payments_closings_and_their_hashes(paid, tmp_path):
    ctx, _client, _doc, payment = paid
    entries.cancel_payment(ctx, payment)
    closings.close_period(ctx, "mois", day=OCT1)
    target = tmp_path / "reglements-2026.csv"
    assert closings.archive(ctx, year=2026, path=target) == (2, 1)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Type", "N°", "Date"] and rows[0][-1] == "Empreinte (SHA-256)"
    assert [r[0] for r in rows[1:]] == ["règlement", "règlement", "clôture"]
    assert rows[1][5] == "500,00" and rows[2][5] == "-500,00"
    assert rows[2][1] != rows[1][1] and rows[2][10] == rows[1][1]  # cancels the first
    assert rows[2][15] == rows[1][16] and rows[3][15] == rows[2][16]  # chained
    assert all(len(r[16]) == 64 for r in rows[1:])
