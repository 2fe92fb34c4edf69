"""The demo agenda: two years around today, working hours in Paris, linked to clients."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from extradesk.core.clock import PARIS
from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.demo import agenda as demo_agenda
from extradesk.services.demo import clients as demo
from extradesk.services.demo import dataset as demo_set


def test_two_years_of_working_days_for_every_user(ctx):
    demo.generate(ctx, clients=60, seed=4)
    team = [u.id for u in users.list_users(ctx)]
    report, changes = demo_agenda.generate_appointments(ctx, seed=4)
    assert report.appointments == len(changes.appointments) > 250 * len(team) * 2
    now = ctx.clock.now()
    entries = agenda.list_appointments(ctx, team, start=now - timedelta(days=366),
                                       end=now + timedelta(days=366))
    timed = [e for e in entries if not e.all_day]
    assert {e.user_id for e in entries} == set(team)
    past = [e for e in timed if e.end <= now]
    upcoming = [e for e in timed if e.start > now]
    assert len(past) > 1000 and len(upcoming) > 1000
    assert Counter(e.status for e in past).most_common(1)[0][0] == "done"
    assert {e.status for e in upcoming} <= {"planned", "confirmed", "cancelled"}
    assert all(e.start.astimezone(PARIS).hour >= 8 and
               e.end.astimezone(PARIS) <= e.start.astimezone(PARIS).replace(hour=18, minute=0)
               for e in timed)
    weekend = [e for e in entries if e.start.astimezone(PARIS).weekday() >= 5]
    assert all(e.start.astimezone(PARIS).weekday() == 5 for e in weekend)
    assert len(weekend) < len(entries) * 0.02
    with_client = [e for e in timed if e.client_id is not None]
    assert len(with_client) > len(timed) * 0.7 and all(e.location for e in with_client)
    sample = agenda.get_appointment(ctx, with_client[0].appointment_id)
    assert " — " in sample.title and sample.client_name in sample.title
    kinds = Counter(e.type_id for e in timed)
    assert len(kinds) == 5  # visite, pose, entretien, SAV, bureau
    shared = Counter(e.appointment_id for e in entries)
    assert any(n == 2 for n in shared.values())  # installations done by two people


@pytest.mark.sqlite_only
def test_same_seed_same_agenda_and_a_second_run_adds_nothing(ctx, tmp_path, clock):
    from extradesk.services.context import open_context

    demo.generate(ctx, clients=20, seed=2)
    first, _ = demo_agenda.generate_appointments(ctx, seed=2)
    again, changes = demo_agenda.generate_appointments(ctx, seed=2)
    assert again.appointments == 0 and changes.empty
    other, _ = open_context(tmp_path / "other.sqlite3", clock=clock)
    try:
        other.user_id = users.ensure_a_user(other)
        demo.generate(other, clients=20, seed=2)
        twin, _ = demo_agenda.generate_appointments(other, seed=2)
        query = "SELECT uid, title, start_utc FROM appointments ORDER BY id"
        with ctx.db.engine.connect() as a, other.db.engine.connect() as b:
            assert a.exec_driver_sql(query).all() == b.exec_driver_sql(query).all()
    finally:
        other.db.dispose()
    assert twin.appointments == first.appointments


def test_the_demo_set_includes_the_agenda(ctx):
    demo_set.generate(ctx, clients=30, seed=5, documents=False)
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM appointments").scalar() > 1000
