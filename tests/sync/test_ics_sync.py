"""An event imported from another calendar's .ics (UID with '@' and '/') syncs like ours."""

from __future__ import annotations

import re

from extradesk.services import users
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import ics
from extradesk.services.agenda import sync as agenda_sync
from extradesk.services.dto import UserInput

FILE = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
        "BEGIN:VEVENT\r\nUID:7kq1/r2@google.com\r\nDTSTAMP:20261101T080000Z\r\n"
        "DTSTART:20261207T083000Z\r\nDTEND:20261207T093000Z\r\n"
        "SUMMARY:Salon de l'habitat\\, stand B12\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_imported_uid_reaches_the_phone_once(ctx, radicale, calendar, phone):
    marc, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    agenda_accounts.save_account(ctx, marc, url=radicale.url, login="marc",
                                 password="secret-marc",
                                 calendar=calendar.rstrip("/").rsplit("/", 1)[-1])
    assert ics.import_calendar(ctx, marc, data=FILE.encode(), name="google.ics")[0].created == 1
    assert agenda_sync.sync_user(ctx, marc)[0].sent == 1
    [(uid, event)] = phone.events().items()
    assert uid == "7kq1/r2@google.com"
    assert str(event.icalendar_component["SUMMARY"]) == "Salon de l'habitat, stand B12"
    assert re.fullmatch(r"[0-9a-f]{40}\.ics", str(event.url).rsplit("/", 1)[-1])
    again = agenda_sync.sync_user(ctx, marc)[0]
    assert (again.sent, again.received, again.errors) == (0, 0, 0)
    report, _ = ics.import_calendar(ctx, marc, data=FILE.encode(), name="google.ics")
    assert report.unchanged == 1
