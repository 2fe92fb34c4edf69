"""Defect 6 (issue 11) through a real server: the phone shows who and the phone number, and
an edit made on the phone comes back without the client block in the title or notes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import radicale_server
from extradesk.services import users
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import sync as agenda_sync
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput, UserInput

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 7, 9, tzinfo=PARIS)


def test_the_phone_sees_the_client_and_its_edit_comes_back_clean(ctx, radicale, calendar,
                                                                  phone):
    marc, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    agenda_accounts.save_account(ctx, marc, url=radicale.url, login="marc",
                                 password=radicale_server.PASSWORDS["marc"],
                                 calendar=calendar.rstrip("/").rsplit("/", 1)[-1])
    client, _ = clients.create_client(ctx, ClientInput(
        last_name="Dupont", first_name="Hélène", phone_mobile="06 12 34 56 78",
        billing_line1="3 chemin des Vignes", billing_postal_code="69003",
        billing_city="Lyon"))
    appointment, _ = agenda.create_appointment(ctx, AppointmentInput(
        title="Ramonage", start=START, end=START + timedelta(hours=1), user_ids=(marc,),
        client_id=client, notes="Chien dans le jardin"))
    assert agenda_sync.sync_user(ctx, marc)[0].sent == 1
    [event] = phone.events().values()
    component = event.icalendar_component
    assert str(component["SUMMARY"]) == "Ramonage — DUPONT Hélène"
    assert str(component["DESCRIPTION"]) == ("DUPONT Hélène\nTél. : 06 12 34 56 78\n\n"
                                             "Chien dans le jardin")
    assert str(component["LOCATION"]) == "3 chemin des Vignes, 69003 Lyon"
    component["DTSTART"].dt += timedelta(hours=2)
    component["DTEND"].dt += timedelta(hours=2)
    del component["LAST-MODIFIED"]
    event.save()
    assert agenda_sync.sync_user(ctx, marc)[0].received == 1
    saved = agenda.get_appointment(ctx, appointment)
    assert (saved.title, saved.notes, saved.start) == ("Ramonage", "Chien dans le jardin",
                                                       START + timedelta(hours=2))
    assert agenda_sync.sync_user(ctx, marc)[0].sent == 0
