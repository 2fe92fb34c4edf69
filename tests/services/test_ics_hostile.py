"""Hostile .ics files (issue 11): dates out of range, no event, mixed encodings, control
characters, library text. Every refusal is in French and never stops the other events."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import ics
from extradesk.services.dto import UserInput
from extradesk.sync import ical

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def marc(ctx):
    return users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))[0]


def calendar(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Other//Agenda//FR\n"
            + "".join(events) + "END:VCALENDAR\n").encode()


def vevent(uid, start="20261207T083000", end="20261207T100000", title="Réunion chantier",
           extra=""):
    return (f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261101T080000Z\n"
            f"DTSTART;TZID=Europe/Paris:{start}\nDTEND;TZID=Europe/Paris:{end}\n"
            f"SUMMARY:{title}\n{extra}END:VEVENT\n")


def everything(ctx, user):
    return agenda.list_appointments(ctx, [user], start=datetime(1900, 1, 1, tzinfo=PARIS),
                                    end=datetime(2201, 1, 1, tzinfo=PARIS))


def test_dates_outside_1900_2200_are_refused_and_export_still_works(ctx, marc):
    data = calendar(vevent("far", start="99991231T090000", end="99991231T100000",
                           title="Fin du monde"),
                    vevent("old", start="18991231T090000", end="18991231T100000",
                           title="Trop ancien"),
                    vevent("ok", title="Pose liner"))
    report, _ = ics.import_calendar(ctx, marc, data=data, name="hostile.ics")
    assert (report.created, report.skipped) == (1, 2)
    assert report.messages == [
        "« Fin du monde » : date hors de la plage acceptée (1900 à 2200), ignoré.",
        "« Trop ancien » : date hors de la plage acceptée (1900 à 2200), ignoré.",
    ]
    assert [e.title for e in everything(ctx, marc)] == ["Pose liner"]
    body, count = ics.export_calendar(ctx, marc)
    assert count == 1 and "Pose liner" in body


def test_a_file_without_any_event_says_so(ctx, marc):
    report, changes = ics.import_calendar(ctx, marc, data=calendar(), name="vide.ics")
    assert report.created == report.skipped == 0 and not changes.appointments
    assert report.messages == ["Aucun événement dans ce fichier."]


def test_skip_reasons_are_french_never_library_text(ctx, marc):
    broken = vevent("bad", title="Date cassée").replace(
        "DTSTART;TZID=Europe/Paris:20261207T083000", "DTSTART:2026-12-07 pas une date")
    report, _ = ics.import_calendar(ctx, marc, data=calendar(broken, vevent("ok")),
                                    name="a.ics")
    assert report.created == 1 and report.skipped == 1
    assert report.messages == ["« Date cassée » : événement illisible (une date ou une "
                               "propriété est mal formée), ignoré."]


def test_a_file_mixing_utf8_and_latin1_is_decoded_line_by_line(ctx, marc):
    data = (calendar(vevent("u", title="Hélène Dupré"))
            + b"")
    data = data.replace(b"END:VCALENDAR", vevent("l", title="Élagage à Noël",
                                                 start="20261208T083000",
                                                 end="20261208T100000")
                        .encode("cp1252") + b"END:VCALENDAR")
    report, _ = ics.import_calendar(ctx, marc, data=data, name="mixte.ics")
    assert report.created == 2
    assert sorted(e.title for e in everything(ctx, marc)) == ["Hélène Dupré", "Élagage à Noël"]
    assert report.messages == [
        "Certaines lignes du fichier n'étaient pas en UTF-8 : lues en Windows-1252 (ANSI) ; "
        "vérifiez les accents."]


def test_control_characters_are_stripped_from_imported_text(ctx, marc):
    event = vevent("c", title="Pose\x00 liner\x07", extra="LOCATION:12 rue\x1b des Lilas\n"
                   "DESCRIPTION:Appeler\\nla veille\x00\n")
    ics.import_calendar(ctx, marc, data=calendar(event), name="c.ics")
    [entry] = everything(ctx, marc)
    full = agenda.get_appointment(ctx, entry.appointment_id)
    assert (full.title, full.location, full.notes) == ("Pose liner", "12 rue des Lilas",
                                                        "Appeler\nla veille")


def test_parse_refuses_out_of_range_dates_from_a_server_body():
    text = calendar(vevent("far", start="99991231T090000", end="99991231T100000")).decode()
    events, problems = ical.parse(text, where="/cal/far.ics")
    assert events == [] and [p.message_id for p in problems] == ["ical.out_of_range"]


def test_an_appointment_outside_1900_2200_is_refused_in_french(ctx, marc):
    from extradesk.core.errors import ValidationError
    from extradesk.i18n.messages import error_text
    from extradesk.services.agenda.dto import AppointmentInput

    start = datetime(9999, 12, 31, 9, tzinfo=PARIS)
    with pytest.raises(ValidationError) as caught:
        agenda.create_appointment(ctx, AppointmentInput(
            title="Fin du monde", start=start, end=start, user_ids=(marc,)))
    assert error_text(caught.value) == \
        "Les dates d'un rendez-vous doivent être comprises entre 1900 et 2200."
