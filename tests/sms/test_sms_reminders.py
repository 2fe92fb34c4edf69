"""Appointment reminders with a fixed clock: created, moved before and after the reminder
went out, cancelled, delay changed, two runs in a row, and summer time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sms_helpers import add_client

from extradesk.cli import main
from extradesk.core.clock import PARIS, FixedClock
from extradesk.services import preferences
from extradesk.services.agenda import appointments
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.outbox import items, sender
from extradesk.services.sms import reminders


@pytest.fixture
def plan(android):
    """A client with a mobile, the clock on 10 June 2027 at noon (summer time)."""
    android.clock = FixedClock(datetime(2027, 6, 10, 12, 0, tzinfo=PARIS))
    client = add_client(android, "Dupont", "06 12 34 56 78")

    def make(day: int, hour: int = 9, **extra) -> int:
        start = datetime(2027, 6, day, hour, 0, tzinfo=PARIS)
        appointment_id, _ = appointments.create_appointment(android, AppointmentInput(
            title="Entretien", start=start, end=start + timedelta(hours=1),
            user_ids=(android.user_id,), client_id=client, location="Les Hauts, Nyons",
            **extra))
        return appointment_id
    return make


def move(ctx, appointment_id: int, *, day: int, hour: int = 9) -> None:
    start = datetime(2027, 6, day, hour, 0, tzinfo=PARIS)
    appointments.move_appointment(ctx, appointment_id, start=start,
                                  end=start + timedelta(hours=1))


def to(ctx, day: int, hour: int, minute: int = 0) -> None:
    ctx.clock = FixedClock(datetime(2027, 6, day, hour, minute, tzinfo=PARIS))


def test_a_reminder_the_day_before_in_paris_time_once(android, plan, fake):
    appointment = plan(15)
    settings = reminders.get_settings(android, appointment)
    assert (settings.enabled, settings.delay, settings.mobile) == (True, "1d", "+33612345678")
    assert settings.planned_at == datetime(2027, 6, 14, 9, 0, tzinfo=PARIS)
    assert reminders.queue_due(android)[0] == []  # planned, not due
    assert reminders.pending_reminders(android, appointment) == [
        ("rappel", datetime(2027, 6, 14, 9, 0, tzinfo=PARIS), "planned")]
    to(android, 14, 9)
    [queued], _ = reminders.queue_due(android)
    assert queued.text == ("Bonjour Mme Dupont, nous vous confirmons notre rendez-vous du "
                           "15/06/2027 à 09:00 (Les Hauts, Nyons). Piscines Azur "
                           "04 78 12 34 56")
    assert reminders.queue_due(android)[0] == []  # a second run queues nothing new
    android.clock.advance(timedelta(hours=1))
    assert reminders.queue_due(android)[0] == []
    assert sender.send_due(android)[0].sent == 1 and len(fake.accepted) == 1
    assert items.get_item(android, queued.outbox_id).kind == "rappel"


def test_moved_before_the_reminder_went_out_it_is_rescheduled(android, plan):
    appointment = plan(15)
    reminders.queue_due(android)
    move(android, appointment, day=18, hour=14)
    reminders.queue_due(android)
    assert reminders.pending_reminders(android, appointment) == [
        ("rappel", datetime(2027, 6, 17, 14, 0, tzinfo=PARIS), "planned")]


def test_moved_after_it_was_queued_but_not_sent_takes_the_message_back(android, plan):
    appointment = plan(15)
    to(android, 14, 9)
    [queued], _ = reminders.queue_due(android)
    move(android, appointment, day=16)
    assert reminders.queue_due(android)[0] == []
    assert items.get_item(android, queued.outbox_id).state == "cancelled"
    assert reminders.pending_reminders(android, appointment) == [
        ("rappel", datetime(2027, 6, 15, 9, 0, tzinfo=PARIS), "planned")]


def test_moved_after_the_reminder_went_out_a_new_one_and_the_moved_notice(android, plan,
                                                                         fake):
    appointment = plan(15)
    reminders.set_settings(android, appointment, enabled=True, delay="1d", notify_moved=True)
    to(android, 14, 9)
    reminders.queue_due(android)
    sender.send_due(android)
    move(android, appointment, day=17, hour=10)
    [notice], _ = reminders.queue_due(android)
    assert notice.kind == "deplace"
    assert "déplacé au 17/06/2027 à 10:00" in notice.text
    assert [(k, s) for k, _, s in reminders.pending_reminders(android, appointment)] == [
        ("rappel", "replaced"), ("rappel", "planned"), ("deplace", "queued")]
    to(android, 16, 10)
    [again], _ = reminders.queue_due(android)
    assert again.kind == "rappel" and "17/06/2027 à 10:00" in again.text
    sender.send_due(android)
    assert len(fake.accepted) == 3
    assert reminders.queue_due(android)[0] == []


def test_cancelled_or_deleted_no_reminder(android, plan):
    first, second = plan(15), plan(16)
    reminders.queue_due(android)  # what the application does after each agenda change
    appointments.delete_appointment(android, first)
    data = appointments.get_appointment(android, second).as_input()
    data.status = "cancelled"
    appointments.update_appointment(android, second, data=data)
    to(android, 16, 8)
    assert reminders.queue_due(android)[0] == []
    assert [s for _, _, s in reminders.pending_reminders(android, first)] == ["cancelled"]
    assert [s for _, _, s in reminders.pending_reminders(android, second)] == ["cancelled"]


def test_delay_changed_off_and_on_and_the_users_default(android, plan):
    appointment = plan(20)
    reminders.set_settings(android, appointment, enabled=True, delay="2d")
    assert reminders.pending_reminders(android, appointment)[0][1] == datetime(
        2027, 6, 18, 9, 0, tzinfo=PARIS)
    reminders.set_settings(android, appointment, enabled=True, delay="same_day")
    assert reminders.get_settings(android, appointment).planned_at == datetime(
        2027, 6, 20, 8, 0, tzinfo=PARIS)
    assert reminders.pending_reminders(android, appointment)[0][1] == datetime(
        2027, 6, 20, 8, 0, tzinfo=PARIS)
    reminders.set_settings(android, appointment, enabled=False, delay="1d")
    assert reminders.pending_reminders(android, appointment)[0][2] == "cancelled"
    reminders.set_settings(android, appointment, enabled=True, delay="1w")
    assert reminders.pending_reminders(android, appointment)[0][1:] == (
        datetime(2027, 6, 13, 9, 0, tzinfo=PARIS), "planned")
    preferences.set_value(android, "sms.reminder_delay", value="none")
    assert reminders.get_settings(android, plan(21)).planned_at is None


def test_no_mobile_no_reminder(android):
    client = add_client(android, "Sansportable", None, phone_home="04 78 00 00 00")
    start = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    appointment, _ = appointments.create_appointment(android, AppointmentInput(
        title="Visite", start=start, end=start + timedelta(hours=1),
        user_ids=(android.user_id,), client_id=client))
    assert reminders.get_settings(android, appointment).planned_at is None
    android.clock = FixedClock(datetime(2026, 11, 30, 10, 0, tzinfo=PARIS))
    assert reminders.queue_due(android)[0] == []


def test_the_reminders_command_dry_run_then_real_then_nothing(android, db_path, capsys):
    """The command runs on the real clock: an appointment 20 hours from now has its
    one-day reminder due."""
    client = add_client(android, "Dupont", "06 12 34 56 78")
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=20)
    android.clock = FixedClock(datetime.now(UTC))
    appointments.create_appointment(android, AppointmentInput(
        title="Entretien", start=start, end=start + timedelta(hours=1),
        user_ids=(android.user_id,), client_id=client))
    db = ["--db", str(db_path)]
    assert main(["reminders", "--dry-run", *db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 rappel à mettre en file.\n") and "→ 06 12 34 56 78" in out
    assert items.list_items(android) == []
    assert main(["reminders", *db]) == 0
    assert capsys.readouterr().out.startswith("1 rappel mis en file.")
    assert main(["reminders", *db]) == 0
    assert capsys.readouterr().out == "0 rappel mis en file.\n"
    assert len(items.list_items(android)) == 1
