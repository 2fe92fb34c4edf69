"""The dashboard's figures to the cent on the hand-worked business of conftest.py (3 Dec.
2026), and `extradesk dashboard --json` equal to the exports over the same periods.

Revenue HT: November 460 (deposits 300 + 160) + 500 (B) = 960; December 700 (A's final
invoice, 1 000 − 300) − 100 (B's credit note) = 600; the year 1 560; nothing in 2025.
Quotes of 2026: A 1 000 and D 800 accepted, C 2 000 refused: 3 sent, conversion 66.7 %.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from extradesk.cli import main
from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.dashboard import figures, texts, tiles
from extradesk.services.exports import catalog, revenue
from extradesk.services.exports.model import ExportQuery
from extradesk.services.payments import entries
from extradesk.services.payments import figures as payment_figures


def test_revenue_this_month_and_year_against_last_year(ctx, scenario):
    got = figures.revenue(ctx)
    assert (got.month, got.month_before, got.year, got.year_before) == (
        D("600.00"), D("0"), D("1560.00"), D("0"))
    assert got.periods["month"] == (date(2026, 12, 1), date(2026, 12, 3))
    assert got.periods["year_before"] == (date(2025, 1, 1), date(2025, 12, 3))
    # one author's figures: every document here was made by the first user, nobody else's
    other, _ = users.create_user(ctx, users.UserInput(name="Zoé Martin", color="#204a87"))
    assert figures.revenue(ctx, user_id=other).year == D("0")
    assert figures.revenue(ctx, user_id=ctx.user_id).year == D("1560.00")


def test_quotes_followups_outbox(ctx, scenario, clock):
    quotes = figures.quotes(ctx)
    assert (quotes.total, quotes.sent, quotes.accepted, quotes.refused) == (3, 3, 2, 1)
    assert quotes.conversion == D("66.7")
    assert figures.followups(ctx) == 0
    assert figures.outbox(ctx) == figures.OutboxProblems(0, 0)


def test_monthly_bars_and_origins(ctx, scenario):
    bars = figures.monthly(ctx)
    assert len(bars) == 13 and bars[0].month == date(2025, 12, 1)
    assert bars[-1].month == date(2026, 12, 1)
    assert [(b.month, b.net) for b in bars if b.net] == [
        (date(2026, 11, 1), D("960.00")), (date(2026, 12, 1), D("600.00"))]
    assert all(b.net_before == 0 for b in bars)
    shares = {s.label: s.net for s in figures.by_origin(ctx)}
    assert shares == {"Salon": D("1000.00"), "Site web": D("400.00"),
                      "Bouche à oreille": D("160.00")}
    assert [label for label, _v in texts.origin_shares(figures.by_origin(ctx))] == [
        "Salon", "Site web", "Bouche à oreille"]


def test_overdue_and_cash_follow_the_payments(ctx, scenario, clock):
    entries.record_payment(ctx, scenario["b"], data=entries.PaymentInput(
        day=date(2026, 12, 2), amount="200", mode="virement"))
    cash = figures.cash(ctx)
    # The scenario's December entries (360 + 300 + 192 − 192, the cancellation counted
    # negative) and this 200.
    assert (cash.count, cash.amount) == (5, D("860.00"))
    assert figures.overdue(ctx) == figures.Overdue(0, D("0"))
    clock.advance(timedelta(days=90))  # March 2027: every invoice is past due
    late = payment_figures.overdue(ctx)
    assert late  # the deposit invoices and the final invoice at least
    got = figures.overdue(ctx)
    assert got.count == len(late) and got.amount == sum((r.remaining for r in late), D(0))
    assert figures.cash(ctx).amount == D("0")  # nothing received in March


def test_todays_and_tomorrows_appointments(ctx, scenario, clock):
    paris_9 = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)  # 09:00 in Paris
    for start, title in ((paris_9, "Visite Arnaud"), (paris_9 + timedelta(days=1), "Pose"),
                         (paris_9 + timedelta(days=2), "Plus tard")):
        agenda.create_appointment(ctx, AppointmentInput(
            title=title, start=start, end=start + timedelta(hours=1),
            user_ids=(ctx.user_id,)))
    got = figures.appointments(ctx, user_id=ctx.user_id)
    assert [(a.start, a.title) for a in got.today] == [("09:00", "Visite Arnaud")]
    assert [a.title for a in got.tomorrow] == ["Pose"]
    assert texts.tile_text("appointments", got).lines[1] == "09:00 Visite Arnaud"


def test_tile_texts_are_french(ctx, scenario):
    revenue_tile = texts.tile_text("revenue", figures.revenue(ctx))
    assert revenue_tile.headline == "600,00\u00a0€"
    assert revenue_tile.lines[0] == "Décembre : 600,00\u00a0€"
    assert revenue_tile.lines[2] == "Depuis le 1er janvier : 1\u202f560,00\u00a0€"
    quotes = texts.tile_text("quotes", figures.quotes(ctx))
    assert quotes.headline == "66,7 %"
    assert quotes.lines[0] == "3 envoyés · 2 acceptés · 1 refusé"
    assert texts.tile_text("followups", 1).lines == ("1 devis envoyé sans réponse",)


def test_the_tiles_follow_the_preference(ctx):
    from extradesk.services import preferences

    assert tiles.chosen_tiles(ctx)[:2] == ["revenue", "quotes"]
    preferences.set_value(ctx, "dashboard.tiles", value=["outbox", "audit", "cash"])
    assert tiles.chosen_tiles(ctx) == ["outbox", "audit", "cash"]


def _export_net(ctx, name: str, start: date, end: date, author_id=None) -> D:
    table = catalog.run_export(ctx, name, query=ExportQuery(start, end, author_id=author_id))
    return table.total[2] if name == "ca-journal" else table.total[1]


def test_dashboard_json_equals_the_exports_of_the_same_periods(ctx, scenario, db_path, capsys):
    ctx.db.dispose()
    assert main(["dashboard", "--db", str(db_path), "--json", "--day", "03/12/2026"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["today"] == "2026-12-03"
    for key, (start, end) in shown["revenue"]["periods"].items():
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        assert D(shown["revenue"][key]) == _export_net(ctx, "ca-journal", start, end)
    assert D(shown["revenue"]["year"]) == _export_net(ctx, "ca-origine", date(2026, 1, 1),
                                                      date(2026, 12, 3))
    origins = catalog.run_export(ctx, "ca-origine", query=ExportQuery(
        date(2026, 1, 1), date(2026, 12, 3)))
    assert {o["label"]: D(o["net"]) for o in shown["origins"]} == {
        r[0]: r[1] for r in origins.rows if r[1]}
    assert shown["quotes"]["accepted"] == origins.total[4] == 2
    with ctx.db.engine.connect() as conn:  # the bars are the exports' own documents
        nov = sum(d.net for d in revenue.issued(conn, ExportQuery(date(2026, 11, 1),
                                                                  date(2026, 11, 30))))
    assert D(shown["monthly"][-2]["net"]) == nov == D("960.00")


def test_dashboard_text_and_bad_input(ctx, scenario, db_path, capsys):
    ctx.db.dispose()
    assert main(["dashboard", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Chiffre d'affaires HT" in out and "Devis à relancer" in out
    assert main(["dashboard", "--db", str(db_path), "--user", "Personne"]) == 2
    assert "Personne" in capsys.readouterr().err
    assert main(["dashboard", "--db", str(db_path), "--mail"]) == 2
    assert "--user" in capsys.readouterr().err


@pytest.mark.parametrize("key", ["issue_date", "origin_id"])
def test_net_by_equals_the_sum_of_issued(ctx, scenario, key):
    query = ExportQuery(date(2026, 1, 1), date(2026, 12, 31))
    with ctx.db.engine.connect() as conn:
        summed: dict = {}
        for doc in revenue.issued(conn, query):
            group = doc.issue_date if key == "issue_date" else doc.origin_id
            summed[group] = summed.get(group, D(0)) + doc.net
        assert revenue.net_by(conn, query, key=key) == summed


def test_a_new_invoice_shows_at_once(ctx, scenario):
    """The revenue series kept between the tile and the chart is read again once a revenue
    document is issued."""
    from extradesk.services.documents import drafts, issuing, lines
    from extradesk.services.documents.dto import LineInput

    assert figures.revenue(ctx).month == D("600.00")
    assert figures.monthly(ctx)[-1].net == D("600.00")
    invoice, _ = drafts.create_invoice(ctx, scenario["c"])
    lines.add_line(ctx, invoice, data=LineInput(label="Réparation", unit_price="250",
                                                vat_rate="20"))
    assert figures.revenue(ctx).month == D("600.00")  # a draft is no revenue
    issuing.issue_document(ctx, invoice)
    assert figures.revenue(ctx).month == D("850.00")
    assert figures.monthly(ctx)[-1].net == D("850.00")


@pytest.mark.parametrize("key", ["issue_date", "origin_id"])
def test_the_portable_deduction_equals_sqlites(ctx, scenario, key):
    """PostgreSQL reads the deposit references in Python: the same cents as SQLite's JSON."""
    params = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    with ctx.db.engine.connect() as conn:
        in_sql = dict(revenue._deducted(conn, key, "", params, json_in_sql=True))
        portable = dict(revenue._deducted(conn, key, "", params, json_in_sql=False))
    assert in_sql == portable and sum(in_sql.values()) == 30000  # A's deposit, 300.00 HT
