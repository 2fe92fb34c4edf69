"""Faults between extradesk and a real Radicale, injected by a forwarding proxy: a server
that stops mid-sync, a phone edit between our read and our write (412), a slow server."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fault_proxy import FaultProxy

from extradesk.services import users
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import sync as agenda_sync
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.dto import UserInput

PARIS = ZoneInfo("Europe/Paris")


def at(day, hour):
    return datetime(2026, 12, day, hour, tzinfo=PARIS)


@pytest.fixture
def proxy(radicale):
    server = FaultProxy(radicale.port)
    yield server
    server.close()


@pytest.fixture
def marc(ctx, proxy, calendar):
    """Marc's account goes through the proxy; the phone talks to Radicale directly."""
    user, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    agenda_accounts.save_account(ctx, user, url=proxy.url, login="marc",
                                 password="secret-marc",
                                 calendar=calendar.rstrip("/").rsplit("/", 1)[-1])
    proxy.requests.clear()
    proxy.answers.clear()
    return user


def make(ctx, user, start, title):
    return agenda.create_appointment(ctx, AppointmentInput(
        title=title, start=start, end=start + timedelta(hours=1), user_ids=(user,)))[0]


def phone_event(uid, start, title, modified="20261128T080000Z"):
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\n"
            f"UID:{uid}\nDTSTAMP:{modified}\nLAST-MODIFIED:{modified}\n"
            f"DTSTART;TZID=Europe/Paris:{start:%Y%m%dT%H%M%S}\n"
            f"DTEND;TZID=Europe/Paris:{start + timedelta(hours=1):%Y%m%dT%H%M%S}\n"
            f"SUMMARY:{title}\nEND:VEVENT\nEND:VCALENDAR\n")


def sync(ctx, user, **kw):
    return agenda_sync.sync_user(ctx, user, **kw)[0]


def summaries(phone):
    return sorted(str(e.icalendar_component["SUMMARY"]) for e in phone.events().values())


def local_titles(ctx, user):
    return sorted(e.title for e in agenda.list_appointments(ctx, [user], start=at(1, 0), end=at(31, 0)))


@pytest.mark.parametrize("answer_lost", [False, True], ids=["before-put", "answer-lost"])
def test_server_stopped_mid_sync_then_back_no_duplicate_no_loss(ctx, marc, phone, proxy,
                                                                answer_lost):
    phone.add(phone_event("from-the-phone", at(1, 8), "Pris au téléphone"))
    for day in range(2, 8):
        make(ctx, marc, at(day, 9), f"Pose {day}")
    # 1 listing + 1 download of the phone's event, then the PUTs: the third PUT is cut.
    # answer_lost: Radicale stores it but the answer never arrives (worst case for a PUT).
    proxy.cut_at, proxy.cut_after_forward = 5, answer_lost
    broken = sync(ctx, marc)
    assert broken.errors == 1 and broken.sent == 2
    assert broken.messages[-1].startswith("Serveur injoignable")
    assert [m for m, _ in proxy.requests[2:]] == ["PUT"] * 3
    proxy.cut_at = None
    healed = sync(ctx, marc)
    assert healed.errors == 0 and healed.sent == (3 if answer_lost else 4)
    expected = ["Pose 2", "Pose 3", "Pose 4", "Pose 5", "Pose 6", "Pose 7", "Pris au téléphone"]
    assert summaries(phone) == expected == local_titles(ctx, marc)
    assert len(phone.events()) == 7  # one object per UID on the server
    quiet = sync(ctx, marc)
    assert (quiet.sent, quiet.received, quiet.deleted, quiet.errors) == (0, 0, 0, 0)


@pytest.mark.parametrize(("policy", "winner"), [("most_recent", "phone"), ("local", "office")])
def test_phone_edit_between_our_read_and_write_gives_412_then_the_policy(
        ctx, marc, phone, proxy, policy, winner):
    visit = make(ctx, marc, at(5, 9), "Entretien")
    make(ctx, marc, at(6, 9), "Autre")
    sync(ctx, marc)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE caldav_accounts SET conflict_policy = '{policy}'")
    data = agenda.get_appointment(ctx, visit).as_input()
    data.title = "office"
    agenda.update_appointment(ctx, visit, data=data)  # fixed clock: 28/11/2026 09:30 UTC
    uid = agenda.get_appointment(ctx, visit).uid

    def phone_edits_first(method, path):
        if method == "PUT" and proxy.before is not None:
            proxy.before = None  # once: the listing already gave us the old etag
            event = phone.events()[uid]
            event.data = phone_event(uid, at(5, 9), "phone", modified="20261128T103000Z")
            event.save(increase_seqno=False)

    proxy.before = phone_edits_first
    proxy.answers.clear()
    report = sync(ctx, marc)
    assert ("PUT", 412) in proxy.answers  # If-Match with the status etag refused the write
    assert report.conflicts == 1 and report.errors == 0
    assert report.messages[0].startswith("Conflit sur « office » : modifié des deux côtés")
    assert agenda.get_appointment(ctx, visit).title == winner
    assert str(phone.events()[uid].icalendar_component["SUMMARY"]) == winner
    quiet = sync(ctx, marc)
    assert (quiet.sent, quiet.received, quiet.conflicts) == (0, 0, 0)


def test_a_slow_server_times_out_with_a_french_message_and_nothing_changes(
        ctx, marc, phone, proxy):
    make(ctx, marc, at(3, 9), "Visite")
    proxy.delay = 3.0
    report = sync(ctx, marc, timeout=0.5)
    assert report.errors == 1 and report.sent == 0
    assert report.messages == [
        f"Le serveur d'agenda ({proxy.url}) ne répond pas dans le délai de 0,5 s ; rien "
        "n'est perdu, nouvel essai à la prochaine synchronisation."]
    account = agenda_accounts.get_account(ctx, marc)
    assert account.last_error == report.messages[0] and account.last_sync_at is None
    assert local_titles(ctx, marc) == ["Visite"]
    proxy.delay = 0
    assert sync(ctx, marc, timeout=5).sent == 1
    assert summaries(phone) == ["Visite"]
