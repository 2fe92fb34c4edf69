"""Demo data: deterministic, valid, searchable, appendable, cancellable, refused when absurd."""

from __future__ import annotations

import re
from datetime import timedelta

import phonenumbers
import pytest
from sqlalchemy import func, select, text

from extradesk.core.errors import ValidationError
from extradesk.core.search_text import fold, sort_key
from extradesk.core.validation import check_email
from extradesk.i18n import format as fmt
from extradesk.i18n.messages import error_text
from extradesk.models import Client, Ouvrage
from extradesk.services import search, users
from extradesk.services.context import open_context
from extradesk.services.demo import clients as demo

_C = Client.__table__.c
PHONES = ("phone_mobile", "phone_home", "phone_work")


def _clients(ctx) -> list[dict]:
    with ctx.db.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(Client.__table__).order_by(_C.id))]


def _ouvrages(ctx) -> list[dict]:
    with ctx.db.engine.connect() as conn:
        return [dict(r._mapping) for r in
                conn.execute(select(Ouvrage.__table__).order_by(Ouvrage.__table__.c.id))]


def _count(ctx, table: str) -> int:
    with ctx.db.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


@pytest.fixture
def other_ctx(tmp_path, clock):
    context, _ = open_context(tmp_path / "other.sqlite3", clock=clock)
    context.user_id = users.ensure_a_user(context)
    yield context
    context.db.dispose()


def test_same_seed_same_data_other_seed_other_data(ctx, other_ctx):
    first, _ = demo.generate(ctx, clients=300, seed=7)
    second, _ = demo.generate(other_ctx, clients=300, seed=7)
    assert (first.clients, first.ouvrages) == (second.clients, second.ouvrages)
    assert _clients(ctx) == _clients(other_ctx)
    assert _ouvrages(ctx) == _ouvrages(other_ctx)

    demo.generate(other_ctx, clients=300, seed=8)
    appended = _clients(other_ctx)[300:]
    assert [c["sort_key"] for c in appended] != [c["sort_key"] for c in _clients(ctx)]


def test_counts_users_index_and_report(ctx):
    calls = []
    report, changes = demo.generate(ctx, clients=400, seed=3,
                                    progress=lambda done, total: calls.append((done, total)))
    assert report.clients == 400 == _count(ctx, "clients")
    assert report.ouvrages == _count(ctx, "ouvrages") > 0
    assert report.seconds > 0
    assert changes.everything
    assert calls[0] == (0, 400) and calls[-1] == (400, 400)
    # Every client is in both search indexes.
    assert _count(ctx, "client_fts_tri") == 400
    if ctx.db.is_sqlite:  # PostgreSQL has the one pg_trgm table
        assert _count(ctx, "client_fts_word") == 400
    names = {u.initials: u.name for u in users.list_users(ctx)}
    assert names == {"UP": "Utilisateur principal", "ML": "Marc Lefèvre",
                     "SG": "Sophie Garnier", "KB": "Karim Benali"}
    with ctx.db.engine.connect() as conn:  # ANALYZE ran: the planner has statistics
        stats = ("SELECT count(*) FROM sqlite_stat1" if ctx.db.is_sqlite else  # noqa: S608
                 "SELECT count(*) FROM pg_stats WHERE tablename = 'clients'")
        assert conn.execute(text(stats)).scalar_one() > 0


def test_generated_data_is_valid_and_realistic(ctx, clock):
    demo.generate(ctx, clients=600, seed=11)
    rows = _clients(ctx)
    now = clock.now()
    phones_seen = 0
    for row in rows:
        for field in PHONES:
            if row[field]:
                phones_seen += 1
                number = phonenumbers.parse(row[field], None)
                assert phonenumbers.is_valid_number(number), row[field]
                assert phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.E164) == row[field]
        for field in ("email", "email2"):
            assert check_email(field, row[field]) == []
            assert row[field] is None or row[field] == row[field].lower()
        assert re.fullmatch(r"\d{5}", row["billing_postal_code"])
        assert row["billing_city"] and row["billing_line1"]
        if row["site_same_as_billing"]:
            assert row["site_line1"] is row["site_postal_code"] is row["site_city"] is None
        else:
            assert re.fullmatch(r"\d{5}", row["site_postal_code"]) and row["site_city"]
        assert row["last_name"] and row["first_name"]
        company, last, first = row["company"], row["last_name"], row["first_name"]
        assert row["sort_key"] == sort_key(company or last, first, last if company else None)
        assert now - timedelta(days=5 * 366) <= row["created_at"] <= row["updated_at"] <= now
        assert row["status_id"] and row["origin_id"] and row["civility_id"]
    assert phones_seen > len(rows)
    companies = sum(1 for r in rows if r["company"])
    assert 0.06 * len(rows) < companies < 0.2 * len(rows)
    assert any(r["site_same_as_billing"] is False for r in rows)
    assert any(fold(r["last_name"]) != r["last_name"].lower() for r in rows)  # accents kept
    assert any("'" in r["last_name"] for r in rows) or any("'" in (r["company"] or "")
                                                           for r in rows)
    # Landlines match the region: Paris area numbers start with +331.
    for r in rows:
        if r["phone_home"] and r["billing_postal_code"][:2] in ("75", "92", "93", "94"):
            assert r["phone_home"].startswith("+331")
    for ouvrage in _ouvrages(ctx):
        assert ouvrage["name"] and ouvrage["type_id"]
        assert now.date() - timedelta(days=15 * 366) <= ouvrage["install_date"] <= now.date()


def test_search_finds_demo_clients_typed_without_accents(ctx):
    demo.generate(ctx, clients=500, seed=5)
    accented = next(r for r in _clients(ctx)
                    if fold(r["first_name"]) != r["first_name"].lower() and not r["company"]
                    and not r["archived"])
    typed = fold(f"{accented['last_name']} {accented['first_name']}")  # e.g. 'lefevre helene'
    assert typed.isascii()
    for mode in ("contains", "starts_with"):
        found = search.search(ctx, typed, mode=mode, limit=500)
        assert accented["id"] in [h.id for h in found.hits], (typed, mode)
    by_first_name = search.search(ctx, fold(accented["first_name"]), mode="contains", limit=500)
    assert accented["id"] in [h.id for h in by_first_name.hits]


def test_search_hits_show_demo_phones_as_the_formatter_does(ctx):
    """search._phone skips phonenumbers for ordinary French numbers: it must print the same."""
    demo.generate(ctx, clients=300, seed=9)
    numbers = {r[f] for r in _clients(ctx) for f in PHONES if r[f]}
    numbers |= {"+33800123456", "+33912345678", "+4930123456", "+3225551234"}
    assert len(numbers) > 300
    for number in numbers:
        assert search._phone(number) == fmt.phone(number), number
    client = next(r for r in _clients(ctx) if r["phone_mobile"])
    hits = search.search(ctx, "0" + client["phone_mobile"][3:], mode="contains").hits
    [hit] = [h for h in hits if h.id == client["id"]]
    assert fmt.phone(client["phone_mobile"]) in hit.detail  # '06 12 34 56 78'


def test_bad_count_is_refused_in_french_and_writes_nothing(ctx):
    for bad in (-1, 2_000_001):
        with pytest.raises(ValidationError) as caught:
            demo.generate(ctx, clients=bad)
        assert caught.value.problems[0].field == "clients"
        assert caught.value.problems[0].message_id == "demo.count_invalid"
        assert error_text(caught.value).startswith("Le nombre de clients doit être compris entre")
    assert _count(ctx, "clients") == 0
    report, _ = demo.generate(ctx, clients=0)
    assert (report.clients, report.ouvrages) == (0, 0)


def test_appending_continues_ids_and_keeps_everything_indexed(ctx):
    demo.generate(ctx, clients=200, seed=1)
    demo.generate(ctx, clients=150, seed=2)
    rows = _clients(ctx)
    assert [r["id"] for r in rows] == list(range(1, 351))
    assert _count(ctx, "client_fts_tri") == 350
    assert len(users.list_users(ctx)) == 4  # the team is added once, not per run
    with ctx.db.engine.connect() as conn:
        orphans = conn.execute(select(func.count()).select_from(Ouvrage.__table__).where(
            Ouvrage.__table__.c.client_id.not_in(select(_C.id)))).scalar_one()
    assert orphans == 0
    last = rows[-1]
    found = search.search(ctx, fold(last["email"] or last["last_name"]), mode="contains",
                          limit=500)
    assert last["id"] in [h.id for h in found.hits]


def test_cancel_keeps_the_chunks_already_committed(ctx, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK", 40)
    seen = []
    report, _ = demo.generate(ctx, clients=200, seed=4,
                              progress=lambda done, total: seen.append(done),
                              cancelled=lambda: len(seen) >= 3)  # after two chunks
    assert report.clients == 80 == _count(ctx, "clients")
    assert report.ouvrages == _count(ctx, "ouvrages")
    assert _count(ctx, "client_fts_tri" if not ctx.db.is_sqlite else "client_fts_word") == 80
