""".ics export and import: Paris time zone, French text intact, duplicates found by UID."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from extradesk.core.errors import StateError, ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import ics
from extradesk.services.agenda import rights as agenda_rights
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.dto import UserInput

PARIS = ZoneInfo("Europe/Paris")


def at(day, hour, month=12, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def marc(ctx):
    return users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))[0]


def make(ctx, user, start, title="Visite", **kw):
    return agenda.create_appointment(ctx, AppointmentInput(
        title=title, start=start, end=start + timedelta(hours=2), user_ids=(user,), **kw))[0]


def other_calendar(*events: str) -> bytes:
    """What another calendar application exports (LF endings, its own VTIMEZONE)."""
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Other//Agenda//FR\n"
            + "".join(events) + "END:VCALENDAR\n").encode()


def vevent(uid, start="20261207T083000", end="20261207T100000", title="Réunion chantier",
           extra=""):
    return (f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261101T080000Z\n"
            f"DTSTART;TZID=Europe/Paris:{start}\nDTEND;TZID=Europe/Paris:{end}\n"
            f"SUMMARY:{title}\n{extra}END:VEVENT\n")


def test_export_keeps_paris_hours_and_french_text(ctx, marc, tmp_path):
    notes = "Côté jardin ; prévoir bâche, échafaudage\nAccès par l'allée « B »"
    make(ctx, marc, at(15, 9, month=7), title="Pose poêle — Mme Hélène Dupré", notes=notes,
         location="12, rue de l'Église, 69003 Lyon")
    make(ctx, marc, at(3, 14), title="Entretien annuel")
    make(ctx, marc, at(20, 8, month=1), title="Hors période")
    path = tmp_path / "agenda.ics"
    count = ics.export_file(ctx, marc, path=path, start=at(1, 0, month=6),
                            end=datetime(2027, 1, 1, tzinfo=PARIS))
    data = path.read_bytes()
    assert count == 2 and b"\r\n" in data and not (tmp_path / "agenda.ics.partial").exists()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data.decode("utf-8"))
    assert str(calendar["X-WR-CALNAME"]) == "Agenda de Marc Lefèvre"
    [tz] = calendar.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Paris"
    summer, winter = calendar.walk("VEVENT")
    assert str(summer["SUMMARY"]) == "Pose poêle — Mme Hélène Dupré"
    assert str(summer["DESCRIPTION"]) == notes
    assert str(summer["LOCATION"]) == "12, rue de l'Église, 69003 Lyon"
    start = summer["DTSTART"].dt
    assert (start.hour, start.utcoffset()) == (9, timedelta(hours=2))
    assert winter["DTSTART"].dt.utcoffset() == timedelta(hours=1)


def test_export_then_import_into_the_same_agenda_changes_nothing(ctx, marc):
    make(ctx, marc, at(3, 14), title="Entretien", notes="Filtre à sable ; à changer")
    make(ctx, marc, at(4, 0), title="Congés", all_day=True)
    body, count = ics.export_calendar(ctx, marc)
    report, changes = ics.import_calendar(ctx, marc, data=body.encode(), name="agenda.ics")
    assert (count, report.created, report.updated, report.unchanged) == (2, 0, 0, 2)
    assert changes.empty


def test_import_creates_then_updates_by_uid_never_duplicates(ctx, marc):
    first = other_calendar(vevent("abc@other.example"), vevent("def@other.example",
                                                               title="Visite piscine"))
    report, changes = ics.import_calendar(ctx, marc, data=first, name="export.ics")
    assert (report.created, report.updated, report.skipped) == (2, 0, 0)
    assert len(changes.appointments) == 2 and report.summary() == (
        "2 créés, 0 mis à jour, 0 inchangé, 0 ignoré.")
    moved = other_calendar(vevent("abc@other.example", start="20261208T140000",
                                  end="20261208T150000"),
                           vevent("def@other.example", title="Visite piscine"))
    report, changes = ics.import_calendar(ctx, marc, data=moved, name="export.ics")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    entries = agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(31, 0))
    assert sorted((e.title, e.start) for e in entries) == [
        ("Réunion chantier", at(8, 14)), ("Visite piscine", at(7, 8, minute=30))]
    moved_id = next(e.appointment_id for e in entries if e.title == "Réunion chantier")
    assert changes.appointments == {moved_id}
    assert agenda.get_appointment(ctx, moved_id).sequence == 1  # date changed: SEQUENCE + 1


def test_recurring_and_malformed_events_are_reported_in_french_and_skipped(ctx, marc):
    data = other_calendar(
        vevent("ok-1", title="Pose liner"),
        vevent("weekly", title="Réunion d'équipe", extra="RRULE:FREQ=WEEKLY\n"),
        "BEGIN:VEVENT\nUID:nostart\nSUMMARY:Sans date\nEND:VEVENT\n",
        vevent("", title="Sans identifiant"),
        vevent("year", start="20260101T090000", end="20280101T090000", title="Chantier sans fin"),
        vevent("ok-2", title="Devis à faire", start="20261209", end="20261210").replace(
            "DTSTART;TZID=Europe/Paris:20261209", "DTSTART;VALUE=DATE:20261209").replace(
            "DTEND;TZID=Europe/Paris:20261210", "DTEND;VALUE=DATE:20261210"))
    report, _ = ics.import_calendar(ctx, marc, data=data, name="agenda-google.ics")
    assert (report.created, report.skipped) == (2, 4)
    assert report.messages == [
        "« Réunion d'équipe » : événement récurrent, non pris en charge par extradesk ; "
        "ignoré et laissé tel quel sur le serveur.",
        "« Sans date » : événement sans date de début, ignoré.",
        "« Sans identifiant » : événement sans identifiant (UID), ignoré.",
        "« Chantier sans fin » : dure plus de 366 jours, ignoré.",
    ]
    titles = {e.title: e for e in agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(31, 0))}
    assert sorted(titles) == ["Devis à faire", "Pose liner"] and titles["Devis à faire"].all_day


def test_a_file_that_is_not_icalendar_is_refused_and_changes_nothing(ctx, marc, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("nom;ville\nDupont;Lyon\n", encoding="cp1252")
    with pytest.raises(ValidationError) as caught:
        ics.import_file(ctx, marc, path=path)
    assert error_text(caught.value) == \
        "Le fichier « clients.csv » n'est pas un fichier iCalendar (.ics) lisible."
    assert agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(31, 0)) == []


def test_a_windows_ansi_file_keeps_its_accents(ctx, marc):
    data = other_calendar(vevent("ansi", title="Rendez-vous élagage")).decode().encode("cp1252")
    report, _ = ics.import_calendar(ctx, marc, data=data, name="outlook.ics")
    assert report.created == 1
    [entry] = agenda.list_appointments(ctx, [marc], start=at(1, 0), end=at(31, 0))
    assert entry.title == "Rendez-vous élagage"


def test_rights_are_enforced_for_export_and_import(ctx, marc):
    me = ctx.user_id
    ctx.user_id = marc
    agenda_rights.set_rights(ctx, marc, grants={})  # Marc keeps his agenda to himself
    ctx.user_id = me
    with pytest.raises(StateError) as caught:
        ics.export_calendar(ctx, marc)
    assert error_text(caught.value) == "Vous n'avez pas le droit de voir l'agenda de Marc Lefèvre."
    with pytest.raises(StateError):
        ics.import_calendar(ctx, marc, data=other_calendar(vevent("x")), name="a.ics")
    assert agenda.list_appointments(ctx.__class__(ctx.db, ctx.clock, None), [marc],
                                    start=at(1, 0), end=at(31, 0)) == []


def test_command_line_export_and_import(db_path, capsys, tmp_path):
    from extradesk.cli import main
    from extradesk.services.context import open_context

    ctx, _ = open_context(db_path)
    marc = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))[0]
    users.create_user(ctx, UserInput(name="Sophie Garnier", initials="SG"))
    make(ctx, marc, at(3, 9), title="Pose liner")
    make(ctx, marc, at(10, 9), title="Après la période")
    ctx.db.dispose()
    path = tmp_path / "marc.ics"
    assert main(["agenda", "export", "--db", str(db_path), "--user", "ML", "--from",
                 "01/12/2026", "--to", "09/12/2026", "-o", str(path)]) == 0
    assert capsys.readouterr().out == f"1 rendez-vous écrits dans {path}.\n"
    path.write_bytes(path.read_bytes().replace(
        b"END:VCALENDAR", other_calendar(vevent("w", title="Hebdo", extra="RRULE:FREQ=DAILY\n"))
        .split(b"PRODID:-//Other//Agenda//FR\n")[1]))
    assert main(["agenda", "import", "--db", str(db_path), "--user", "sophie garnier",
                 str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("Import de « marc.ics » : 0 créé, 1 mis à jour, 0 inchangé, "
                      "1 ignoré.")
    assert out[1].startswith("  « Hebdo » : événement récurrent")
    assert main(["agenda", "import", "--db", str(db_path), "--user", "ML",
                 str(tmp_path / "absent.ics")]) == 2
    assert "Impossible de lire le fichier" in capsys.readouterr().err
