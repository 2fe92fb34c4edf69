"""Schema 0010: a 0009 database gains the journal kinds and the cash and bank journals; the
0010 fixture's payments, chain and closing read back right."""

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

from extradesk.core.payments import PayState
from extradesk.services.context import open_context
from extradesk.services.payments import closings, figures, reminders

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"


def test_a_0009_database_gets_cash_and_bank_journals(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(SCHEMAS / "0009.sqlite3", path)
    ctx, report = open_context(path)
    assert report.before == "0009" and report.after >= "0010"
    ctx.db.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT code, kind FROM journals ORDER BY position").fetchall() == [
            ("VT", "vente"), ("CA", "tresorerie"), ("BQ", "tresorerie")]
        triggers = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'payment%'")}
    assert {"payments_frozen_update", "payments_frozen_delete", "payments_closed_period",
            "payment_chain_frozen_update"} <= triggers


def test_the_0010_fixture_reads_back(tmp_path):
    path = tmp_path / "fixture.sqlite3"
    shutil.copy(SCHEMAS / "0010.sqlite3", path)
    ctx, _ = open_context(path)
    try:
        f = figures.invoice_figures(ctx, 2)
        assert (f.paid, f.remaining, f.state) == (Decimal("100.00"), Decimal("98.00"),
                                                   PayState.PARTLY)
        assert closings.verify(ctx).ok and closings.verify(ctx).checked == 2
        assert [c.period.value for c in closings.closings(ctx, year=2026)] == ["mois"]
        assert reminders.get_template(ctx, 1)[0] == "Rappel {numero}"
        assert [r.level for r in reminders.letters_of(ctx, 2)] == [1]
    finally:
        ctx.db.dispose()
