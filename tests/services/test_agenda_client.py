"""Defect 6 (issue 11): an appointment for a client carries who, where and the phone to the
phone's agenda (SUMMARY, DESCRIPTION, LOCATION), to `agenda list`, and back unchanged."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import ics
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput, UserInput

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 7, 9, tzinfo=PARIS)


@pytest.fixture
def marc(ctx):
    return users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))[0]


@pytest.fixture
def client(ctx):
    return clients.create_client(ctx, ClientInput(
        last_name="Dupont", first_name="Hélène", phone_mobile="06 12 34 56 78",
        phone_home="04 78 00 00 01", billing_line1="3 chemin des Vignes",
        billing_postal_code="69003", billing_city="Lyon", site_same_as_billing=False,
        site_line1="12 route du Lac", site_postal_code="74000", site_city="Annecy"))[0]


def make(ctx, marc, client, title="Visite avant travaux", notes="Prévoir l'échelle"):
    return agenda.create_appointment(ctx, AppointmentInput(
        title=title, start=START, end=START + timedelta(hours=2), user_ids=(marc,),
        client_id=client, notes=notes))[0]


def test_the_ics_carries_the_client_name_phones_and_site_address(ctx, marc, client):
    make(ctx, marc, client)
    body, count = ics.export_calendar(ctx, marc)
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Visite avant travaux — DUPONT Hélène"
    assert str(event["DESCRIPTION"]) == ("DUPONT Hélène\nTél. : 06 12 34 56 78, 04 78 00 00 01"
                                         "\n\nPrévoir l'échelle")
    assert str(event["LOCATION"]) == "12 route du Lac, 74000 Annecy"
    report, _ = ics.import_calendar(ctx, marc, data=body.encode(), name="retour.ics")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    [entry] = agenda.list_appointments(ctx, [marc], start=START - timedelta(days=1),
                                       end=START + timedelta(days=1))
    full = agenda.get_appointment(ctx, entry.appointment_id)
    assert (full.title, full.notes) == ("Visite avant travaux", "Prévoir l'échelle")


def test_a_title_that_is_the_client_name_is_not_repeated(ctx, marc, client):
    make(ctx, marc, client, title="DUPONT Hélène", notes=None)
    body, _ = ics.export_calendar(ctx, marc)
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "DUPONT Hélène"
    assert str(event["DESCRIPTION"]) == "DUPONT Hélène\nTél. : 06 12 34 56 78, 04 78 00 00 01"


def test_agenda_list_shows_the_client_and_his_phone(ctx, marc, client, db_path, capsys):
    from extradesk.cli import main

    make(ctx, marc, client)
    assert main(["agenda", "list", "--db", str(db_path), "--from", "07/12/2026"]) == 0
    out = capsys.readouterr().out
    assert "Visite avant travaux  —  DUPONT Hélène, 06 12 34 56 78  —  12 route du Lac" in out
    assert main(["agenda", "list", "--db", str(db_path), "--from", "07/12/2026",
                 "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert (item["client"], item["phone"]) == ("DUPONT Hélène", "06 12 34 56 78")
