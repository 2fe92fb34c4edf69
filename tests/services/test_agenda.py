"""Appointments: create, list users x period through the index, move with rights, delete."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from extradesk.core.errors import StateError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import rights as agenda_rights
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.clients import ouvrages
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput, OuvrageInput, UserInput

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hour: int, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=PARIS)


@pytest.fixture
def team(ctx):
    marc, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    sophie, _ = users.create_user(ctx, UserInput(name="Sophie Garnier", initials="SG"))
    return ctx.user_id, marc, sophie


def make(ctx, who, start, end=None, **kw):
    data = AppointmentInput(title=kw.pop("title", "Visite"), start=start,
                            end=end or start + timedelta(hours=1), user_ids=tuple(who), **kw)
    return agenda.create_appointment(ctx, data)[0]


def test_location_defaults_to_the_ouvrage_then_the_client(ctx, team):
    client, _ = clients.create_client(ctx, ClientInput(
        last_name="Dupont", billing_line1="3 chemin des Vignes", billing_postal_code="69003",
        billing_city="Lyon"))
    pool, _ = ouvrages.add_ouvrage(ctx, client, data=OuvrageInput(
        name="Piscine", line1="Les Hauts", postal_code="26110", city="Nyons"))
    a = make(ctx, [team[1]], at(1, 9), client_id=client)
    b = make(ctx, [team[1]], at(1, 11), client_id=client, ouvrage_id=pool)
    assert agenda.get_appointment(ctx, a).location == "3 chemin des Vignes, 69003 Lyon"
    got = agenda.get_appointment(ctx, b)
    assert got.location == "Les Hauts, 26110 Nyons" and got.client_name == "DUPONT"


def test_list_several_users_over_a_week_including_long_and_all_day(ctx, team):
    me, marc, sophie = team
    inside = make(ctx, [marc, sophie], at(2, 9))
    make(ctx, [marc], at(20, 9))  # another week
    crossing = make(ctx, [sophie], at(6, 22), at(7, 9))  # starts before the week ends
    long = make(ctx, [marc], at(1, 8, month=11), at(15, 18), title="Chantier")  # 6 weeks
    day = make(ctx, [me], at(3, 0), at(3, 0), all_day=True)
    entries = agenda.list_appointments(ctx, [me, marc, sophie], start=at(30, 0, 11), end=at(7, 0))
    got = {(e.appointment_id, e.user_id) for e in entries}
    assert got == {(inside, marc), (inside, sophie), (crossing, sophie), (long, marc),
                   (day, me)}
    all_day = agenda.get_appointment(ctx, day)
    assert all_day.end - all_day.start == timedelta(days=1) and all_day.start.hour == 0
    assert [e.start for e in entries] == sorted(e.start for e in entries)


@pytest.mark.sqlite_only
def test_listing_uses_the_index_no_table_scan(ctx, team):
    query = agenda.period_query([1, 2, 3], at(1, 0), at(8, 0))
    with ctx.db.engine.connect() as conn:
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        plan = [r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    assert any("ix_appointment_users_user_span" in line for line in plan), plan
    assert not [line for line in plan if line.startswith("SCAN")], plan


def test_moving_needs_the_right_to_modify_every_agenda_concerned(ctx, team):
    me, marc, sophie = team
    meeting = make(ctx, [marc, sophie], at(2, 9))
    ctx.user_id = sophie
    agenda_rights.set_rights(ctx, sophie, grants={me: False})  # I may see Sophie's agenda, not modify
    ctx.user_id = me
    with pytest.raises(StateError) as caught:
        agenda.move_appointment(ctx, meeting, start=at(2, 14), end=at(2, 15))
    assert error_text(caught.value) == \
        "Vous n'avez pas le droit de modifier l'agenda de Sophie Garnier."
    assert agenda.get_appointment(ctx, meeting).start == at(2, 9)
    [entry] = [e for e in agenda.list_appointments(ctx, [sophie], start=at(1, 0), end=at(8, 0))]
    assert not entry.can_modify
    ctx.user_id = marc  # not listed by Sophie: sees nothing of her agenda
    assert agenda.list_appointments(ctx, [sophie], start=at(1, 0), end=at(8, 0)) == []
    with pytest.raises(StateError):
        agenda.move_appointment(ctx, meeting, start=at(2, 14), end=at(2, 15))
    ctx.user_id = sophie
    changes = agenda.move_appointment(ctx, meeting, start=at(2, 14), end=at(2, 15))
    assert changes.appointments == {meeting} and not changes.empty
    moved = agenda.get_appointment(ctx, meeting)
    assert moved.start == at(2, 14) and moved.sequence == 1


def test_drag_to_another_lane_and_delete_leaves_a_tombstone(ctx, team):
    me, marc, sophie = team
    visit = make(ctx, [marc], at(2, 9))
    agenda.move_appointment(ctx, visit, start=at(2, 10), end=at(2, 11), from_user=marc, to_user=sophie)
    assert agenda.get_appointment(ctx, visit).user_ids == (sophie,)
    agenda.delete_appointment(ctx, visit)
    assert agenda.list_appointments(ctx, [sophie], start=at(1, 0), end=at(8, 0)) == []
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT deleted_at IS NOT NULL, revision FROM appointments"
                                    ).one() == (1, 3)


def test_bad_input_lists_every_problem_in_french(ctx, team):
    with pytest.raises(ValidationError) as caught:
        agenda.create_appointment(ctx, AppointmentInput(
            title=" ", start=at(2, 10), end=at(2, 9), status="maybe"))
    assert error_text(caught.value).splitlines() == [
        "Donnez un titre au rendez-vous.", "La fin du rendez-vous est avant son début.",
        "Choisissez au moins un utilisateur concerné.", "Statut de rendez-vous inconnu : « maybe »."]
