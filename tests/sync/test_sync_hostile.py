"""Hostile dates and failing accounts (issue 11): one bad event or one failing account never
stops the others, and each account's outcome is reported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import radicale_server
from extradesk.db.session import unit_of_work
from extradesk.services import users
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import ics, store
from extradesk.services.agenda import sync as agenda_sync
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.dto import UserInput

PARIS = ZoneInfo("Europe/Paris")


def at(day, hour):
    return datetime(2026, 12, day, hour, tzinfo=PARIS)


def account(ctx, radicale, login, name):
    user, _ = users.create_user(ctx, UserInput(name=name, initials=name[:1] + name[-1:]))
    calendar = radicale_server.new_calendar(radicale, login)[0]
    agenda_accounts.save_account(ctx, user, url=radicale.url, login=login,
                                 password=radicale_server.PASSWORDS[login], calendar=calendar)
    return user


def make(ctx, user, start, title):
    agenda.create_appointment(ctx, AppointmentInput(
        title=title, start=start, end=start + timedelta(hours=1), user_ids=(user,)))


def plant_year_9999(ctx, user):
    """What an import made before dates were checked: a row at 9999-12-31 23:00 UTC."""
    start = datetime(9999, 12, 31, 22, tzinfo=UTC)
    with unit_of_work(ctx.db, write=True) as session:
        store.insert(session.connection(), {
            "title": "Fin du monde", "start_utc": start, "end_utc": start + timedelta(hours=1),
            "tz": "Europe/Paris", "all_day": False, "status": "planned"}, [user],
            now=ctx.clock.now(), created_by=None)


def test_a_year_9999_event_from_the_phone_is_skipped_in_french(ctx, radicale, phone_of):
    marc = account(ctx, radicale, "marc", "Marc Lefèvre")
    phone = phone_of(ctx, marc, "marc")
    far = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\nUID:far\n"
           "DTSTAMP:20261128T080000Z\nDTSTART:99991231T090000Z\nDTEND:99991231T100000Z\n"
           "SUMMARY:Fin du monde\nEND:VEVENT\nEND:VCALENDAR\n")
    phone.add(far)
    phone.add(far.replace("UID:far", "UID:ok").replace("99991231", "20261207")
              .replace("Fin du monde", "Pose liner\x00"))
    report = agenda_sync.sync_user(ctx, marc)[0]
    assert report.received == 1
    assert report.messages == [
        "« Fin du monde » : date hors de la plage acceptée (1900 à 2200), ignoré."]
    [entry] = agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(31, 0))
    assert entry.title == "Pose liner"


def test_a_bad_local_event_and_a_failing_account_never_stop_the_others(ctx, radicale,
                                                                          monkeypatch):
    marc = account(ctx, radicale, "marc", "Marc Lefèvre")
    sophie = account(ctx, radicale, "sophie", "Sophie Garnier")
    make(ctx, marc, at(7, 9), "Pose liner")
    make(ctx, sophie, at(8, 9), "Ramonage")
    plant_year_9999(ctx, marc)
    assert ics.export_calendar(ctx, marc)[1] == 1  # the bad row is left out, not a crash
    reports = {r.user_name: r for r in agenda_sync.sync_all(ctx)}
    assert reports["Marc Lefèvre"].sent == 1 and reports["Sophie Garnier"].sent == 1
    assert reports["Marc Lefèvre"].messages == [
        "« Fin du monde » : date hors de la plage acceptée (1900 à 2200), ignoré."]

    def broken(client, snap, *, now):
        if snap.calendar == agenda_accounts.get_account(ctx, marc).calendar_url:
            raise RuntimeError("unexpected")
        return real(client, snap, now=now)

    real = agenda_sync.exchange
    monkeypatch.setattr(agenda_sync, "exchange", broken)
    make(ctx, sophie, at(9, 9), "Entretien")
    reports = {r.user_name: r for r in agenda_sync.sync_all(ctx)}
    assert reports["Sophie Garnier"].sent == 1 and reports["Sophie Garnier"].errors == 0
    failed = reports["Marc Lefèvre"]
    assert failed.errors == 1 and failed.messages == [
        "Synchronisation impossible pour cet agenda (erreur inattendue, détails dans le "
        "journal) ; les autres agendas ont été synchronisés."]


@pytest.fixture
def phone_of():
    def make_phone(ctx, user, login):
        url = agenda_accounts.get_account(ctx, user).calendar_url
        return radicale_server.Phone(agenda_accounts.get_account(ctx, user).url, login, url)
    return make_phone
