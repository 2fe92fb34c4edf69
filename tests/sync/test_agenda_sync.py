"""Two-way sync against a real Radicale, with a caldav client playing the phone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from extradesk.core.errors import ExternalServiceError, NotFoundError
from extradesk.i18n.messages import error_text
from extradesk.services import users
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import sync as agenda_sync
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.dto import UserInput

PARIS = ZoneInfo("Europe/Paris")


def at(day, hour, month=12):
    return datetime(2026, month, day, hour, tzinfo=PARIS)


@pytest.fixture
def marc(ctx, radicale, calendar):
    user, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    name = calendar.rstrip("/").rsplit("/", 1)[-1]
    agenda_accounts.save_account(ctx, user, url=radicale.url, login="marc",
                                 password="secret-marc", calendar=name)
    return user


def make(ctx, user, start, title="Pose liner", hours=2):
    data = AppointmentInput(title=title, start=start, end=start + timedelta(hours=hours),
                            user_ids=(user,))
    return agenda.create_appointment(ctx, data)[0]


def sync(ctx, user, **kw):
    return agenda_sync.sync_user(ctx, user, **kw)[0]


def phone_event(uid, start, title="Rendez-vous pris au téléphone", modified="20261128T080000Z"):
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\n"
            f"UID:{uid}\nDTSTAMP:20261128T080000Z\nLAST-MODIFIED:{modified}\n"
            f"DTSTART;TZID=Europe/Paris:{start:%Y%m%dT%H%M%S}\n"
            f"DTEND;TZID=Europe/Paris:{start + timedelta(hours=1):%Y%m%dT%H%M%S}\n"
            f"SUMMARY:{title}\nEND:VEVENT\nEND:VCALENDAR\n")


def test_push_then_the_phone_sees_a_summer_appointment_at_the_right_hour(ctx, marc, phone):
    make(ctx, marc, at(15, 9, month=7), title="Visite d'été")
    report = sync(ctx, marc)
    assert (report.sent, report.received, report.errors) == (1, 0, 0)
    [event] = phone.events().values()
    start = event.icalendar_component["DTSTART"].dt
    assert start.astimezone(PARIS).hour == 9 and start.utcoffset() == timedelta(hours=2)
    again = sync(ctx, marc)
    assert (again.sent, again.received, again.deleted) == (0, 0, 0)


def test_pull_move_and_delete_from_the_phone(ctx, marc, phone):
    make(ctx, marc, at(20, 9))  # one more: deleting the only event would trip the empty guard
    phone.add(phone_event("phone-1", at(3, 10)))
    assert sync(ctx, marc).received == 1
    [entry] = agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(8, 0))
    assert entry.start == at(3, 10) and entry.title == "Rendez-vous pris au téléphone"
    event = phone.events()["phone-1"]
    event.data = phone_event("phone-1", at(4, 15), modified="20261128T100000Z")
    event.save(increase_seqno=False)
    assert sync(ctx, marc).received == 1
    [entry] = agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(8, 0))
    assert entry.start == at(4, 15)
    phone.events()["phone-1"].delete()
    assert sync(ctx, marc).deleted == 1
    assert agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(8, 0)) == []


def test_delete_here_deletes_on_the_phone(ctx, marc, phone):
    visit = make(ctx, marc, at(5, 9))
    make(ctx, marc, at(6, 9), title="Reste")
    sync(ctx, marc)
    agenda.delete_appointment(ctx, visit)
    assert sync(ctx, marc).deleted == 1
    assert [str(e.icalendar_component["SUMMARY"]) for e in phone.events().values()] == ["Reste"]


@pytest.mark.parametrize(("policy", "winner"), [
    ("most_recent", "phone"), ("local", "office"), ("remote", "phone")])
def test_conflict_on_both_sides_follows_the_policy(ctx, marc, phone, clock, policy, winner):
    visit = make(ctx, marc, at(5, 9), title="Entretien")
    sync(ctx, marc)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE caldav_accounts SET conflict_policy = '{policy}'")
    data = agenda.get_appointment(ctx, visit).as_input()
    data.title = "office"
    agenda.update_appointment(ctx, visit, data=data)  # at the fixed clock: 28/11/2026 10:30
    event = next(iter(phone.events().values()))
    uid = str(event.icalendar_component["UID"])
    event.data = phone_event(uid, at(5, 9), title="phone", modified="20261128T103000Z")
    event.save(increase_seqno=False)
    report = sync(ctx, marc)
    assert report.conflicts == 1 and "Conflit sur" in report.messages[0]
    assert agenda.get_appointment(ctx, visit).title == winner
    assert str(next(iter(phone.events().values())).icalendar_component["SUMMARY"]) == winner
    assert agenda_sync.sync_log(ctx, marc)[0][1] == "conflict"


def test_forced_resync_repushes_upcoming_events_the_phone_deleted(ctx, marc, phone):
    past = make(ctx, marc, at(2, 9, month=11), title="Passé")
    for day in (3, 4, 5):
        make(ctx, marc, at(day, 9), title=f"À venir {day}")
    sync(ctx, marc)
    for event in phone.events().values():
        if "venir 3" in str(event.icalendar_component["SUMMARY"]) or \
                "Passé" in str(event.icalendar_component["SUMMARY"]):
            event.delete()
    report = sync(ctx, marc, force=True)
    assert report.sent == 1 and report.deleted == 1
    titles = sorted(str(e.icalendar_component["SUMMARY"]) for e in phone.events().values())
    assert titles == ["À venir 3", "À venir 4", "À venir 5"]
    with pytest.raises(NotFoundError):
        agenda.get_appointment(ctx, past)


def test_an_emptied_calendar_stops_the_sync_and_deletes_nothing(ctx, marc, phone):
    for day in (3, 4):
        make(ctx, marc, at(day, 9))
    sync(ctx, marc)
    for event in phone.events().values():
        event.delete()
    report = sync(ctx, marc)
    assert report.stopped and report.deleted == 0
    assert "synchronisation arrêtée" in report.messages[-1]
    assert len(agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(8, 0))) == 2
    assert sync(ctx, marc, force=True).sent == 2


def test_hostile_objects_are_reported_and_the_others_still_sync(ctx, marc, phone):
    phone.add(phone_event("good", at(6, 9), title="Bon"))
    huge = phone_event("huge", at(6, 11), title="Énorme").replace(
        "SUMMARY", "DESCRIPTION:" + "x" * 5_000_000 + "\nSUMMARY")
    phone.add(huge)
    phone.add(phone_event("mars", at(6, 14), title="Mars").replace(
        "Europe/Paris", "Mars/Olympus"))
    phone.add(phone_event("weekly", at(7, 9), title="Chaque lundi").replace(
        "SUMMARY", "RRULE:FREQ=WEEKLY\nSUMMARY"))
    report = sync(ctx, marc)
    assert report.received == 3
    text = "\n".join(report.messages)
    assert "récurrent" in text
    assert "tronqué" in text and "Mars/Olympus" in text
    entries = {e.title: e for e in agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(8, 0))}
    assert sorted(entries) == ["Bon", "Mars", "Énorme"]
    assert entries["Mars"].start == at(6, 14)
    assert len(agenda.get_appointment(ctx, entries["Énorme"].appointment_id).notes) == 20_000
    assert sync(ctx, marc).sent == 0  # the skipped ones are left alone on the server


def test_offline_changes_are_kept_and_pushed_next_time(ctx, marc, phone, radicale, calendar):
    make(ctx, marc, at(3, 9))
    sync(ctx, marc)
    make(ctx, marc, at(4, 9), title="Hors ligne")
    radicale.stop()
    try:
        report = sync(ctx, marc)
        assert report.errors == 1 and "Serveur injoignable" in report.messages[-1]
    finally:
        radicale.start()
    assert sync(ctx, marc).sent == 1
    assert len(phone.events()) == 2


def test_wrong_password_and_unreachable_url_say_so_in_french(ctx, radicale, closed_port):
    with pytest.raises(ExternalServiceError) as caught:
        agenda_accounts.save_account(ctx, ctx.user_id, url=radicale.url, login="marc",
                                     password="wrong")
    assert error_text(caught.value).startswith("Mot de passe refusé par le serveur")
    with pytest.raises(ExternalServiceError) as caught:
        agenda_accounts.save_account(ctx, ctx.user_id, url=f"http://127.0.0.1:{closed_port}/",
                                     login="marc", password="x")
    assert error_text(caught.value).startswith("Serveur injoignable")
    assert agenda_accounts.get_account(ctx, ctx.user_id) is None


def test_an_html_page_is_not_a_caldav_server(ctx, tmp_path):
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "index.html").write_text("<html><body>Bienvenue</body></html>")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(
        SimpleHTTPRequestHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(ExternalServiceError) as caught:
            agenda_accounts.save_account(ctx, ctx.user_id, login="marc", password="x",
                                         url=f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    assert "ne répond pas comme un serveur d'agenda CalDAV" in error_text(caught.value)


def test_an_event_without_start_is_reported_not_imported():
    """Radicale refuses to store one, so this case is read directly."""
    from extradesk.sync import ical

    good = phone_event("a", at(7, 9), title="Bon")
    bad = phone_event("b", at(7, 9), title="Sans début").replace("DTSTART;", "X-NOPE;")
    both = good.replace("END:VCALENDAR\n", "") + bad[bad.index("BEGIN:VEVENT"):]
    events, problems = ical.parse(both)
    assert [e.title for e in events] == ["Bon"]
    assert [error_text_of(p) for p in problems] == [
        "« Sans début » : événement sans date de début, ignoré."]


def error_text_of(problem):
    from extradesk.i18n.messages import problem_text

    return problem_text(problem)
