"""The SMS reminder of an appointment, driven in the appointment dialog: the planned sending
time follows the start and the delay as they are edited, the reminder is queued by the
application's reminder runner when due and sent by its outbox sender to the local fake
gateway; moved after it went out, « prévenir le client du déplacement » sends a notice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sms_ui_helpers as helpers
from PySide6.QtCore import QDate, Qt, QTime

from extradesk.core.clock import PARIS, FixedClock
from extradesk.services.agenda import appointments
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.outbox import items
from extradesk.services.sms import reminders
from extradesk.ui.agenda.appointment_dialog import AppointmentDialog
from extradesk.ui.mail.sender_runner import OutboxRunner
from extradesk.ui.sms.reminder_runner import ReminderRunner


@pytest.fixture(scope="module")
def gateway_server():
    with helpers.serve() as server:
        yield server


@pytest.fixture
def fake(gateway_server, memory_keyring):
    gateway_server.reset()
    yield gateway_server
    gateway_server.reset()


@pytest.fixture
def client(tasks, fake):
    helpers.business(tasks.ctx)
    helpers.configure(tasks.ctx, fake)
    return helpers.add_client(tasks.ctx, "Dupont", "06 12 34 56 78")


def open_dialog(qtbot, tasks, **kwargs) -> AppointmentDialog:
    dialog = AppointmentDialog(tasks, None, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sms.loaded and dialog.save_button.isEnabled())
    return dialog


def set_start(dialog, day: QDate, hour: int) -> None:
    dialog.form.start.date.setDate(day)
    dialog.form.start.time.setTime(QTime(hour, 0))
    dialog.form.end.date.setDate(day)
    dialog.form.end.time.setTime(QTime(hour + 1, 0))


def save(qtbot, dialog) -> int:
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return saved.args[0]


def run_reminders(qtbot, tasks) -> list:
    runner = ReminderRunner(tasks)
    with qtbot.waitSignal(runner.queued, timeout=10_000) as queued:
        runner.run()
    return queued.args[0]


def drain(qtbot, tasks) -> None:
    runner = OutboxRunner(tasks)
    with qtbot.waitSignal(runner.finished, timeout=15_000):
        runner.start()


def test_plan_an_appointment_with_a_reminder_see_it_planned_queued_and_sent(
        qtbot, tasks, client, fake):
    ctx = tasks.ctx
    dialog = open_dialog(qtbot, tasks, data=AppointmentInput(
        title=None, start=None, end=None, client_id=client))
    box = dialog.sms
    qtbot.waitUntil(lambda: box.mobile == "+33612345678")
    assert box.enabled.isChecked() and box.delay.currentData() == "1d"  # the preference
    set_start(dialog, QDate(2026, 12, 3), 14)
    assert box.planned.text().replace("\u00a0", " ") == (
        "SMS prévu le mercredi 02/12/2026 à 14:00 au 06 12 34 56 78.")
    box.delay.setCurrentIndex(box.delay.findData("same_day"))
    assert box.planned.text().startswith("SMS prévu le jeudi 03/12/2026 à 08:00")
    box.delay.setCurrentIndex(box.delay.findData("1w"))
    assert box.planned.text().startswith("SMS prévu le jeudi 26/11/2026 à 14:00")
    box.delay.setCurrentIndex(box.delay.findData("1d"))
    dialog.form.start.time.setTime(QTime(15, 30))
    assert box.planned.text().startswith("SMS prévu le mercredi 02/12/2026 à 15:30")
    dialog.form.start.time.setTime(QTime(14, 0))
    assert not box.notify_moved.isVisible()  # nothing went out yet
    appointment = save(qtbot, dialog)
    assert reminders.pending_reminders(ctx, appointment) == [
        ("rappel", datetime(2026, 12, 2, 14, 0, tzinfo=PARIS), "planned")]

    assert run_reminders(qtbot, tasks) == []  # not due yet
    ctx.clock = FixedClock(datetime(2026, 12, 2, 14, 0, tzinfo=PARIS))
    [queued] = run_reminders(qtbot, tasks)
    assert queued.text == ("Bonjour Mme Dupont, nous vous confirmons notre rendez-vous du "
                           "03/12/2026 à 14:00 (3 chemin des Vignes, 69003 Lyon). "
                           "Piscines Azur 04 78 12 34 56")
    assert items.get_item(ctx, queued.outbox_id).state == "pending"
    assert run_reminders(qtbot, tasks) == []  # idempotent: nothing twice
    drain(qtbot, tasks)
    assert items.get_item(ctx, queued.outbox_id).state == "sent"
    assert [a["text"] for a in fake.accepted] == [queued.text]

    # Moved after the reminder went out: the tick appears, a notice and a new reminder.
    dialog = open_dialog(qtbot, tasks, appointment_id=appointment)
    box = dialog.sms
    qtbot.waitUntil(lambda: box.mobile is not None)
    assert box.sent and not box.notify_moved.isVisible()
    set_start(dialog, QDate(2026, 12, 4), 16)
    assert box.notify_moved.isVisible()
    assert box.planned.text().startswith("SMS prévu le jeudi 03/12/2026 à 16:00")
    box.notify_moved.setChecked(True)
    save(qtbot, dialog)
    [notice] = run_reminders(qtbot, tasks)
    assert notice.kind == "deplace" and notice.text.startswith(
        "Bonjour Mme Dupont, notre rendez-vous est déplacé au 04/12/2026 à 16:00")
    assert [(kind, state) for kind, _at, state in reminders.pending_reminders(
        ctx, appointment)] == [("rappel", "replaced"), ("rappel", "planned"),
                               ("deplace", "queued")]


def test_a_client_without_mobile_and_a_reminder_switched_off(qtbot, tasks, fake):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.configure(ctx, fake)
    client = helpers.add_client(ctx, "Petit", None, phone_home="04 78 00 00 00")
    dialog = open_dialog(qtbot, tasks, data=AppointmentInput(
        title="Visite", start=None, end=None, client_id=client))
    box = dialog.sms
    assert box.planned.text() == ("Pas de numéro de portable pour ce client : aucun rappel "
                                  "SMS possible.")
    box.enabled.setChecked(False)
    assert not box.delay.isEnabled()
    assert box.planned.text() == "Aucun rappel SMS pour ce rendez-vous."
    appointment = save(qtbot, dialog)
    settings = reminders.get_settings(ctx, appointment)
    assert (settings.enabled, settings.planned_at) == (False, None)
    assert reminders.pending_reminders(ctx, appointment) == []


def test_an_appointment_dragged_elsewhere_has_its_reminder_replanned(qtbot, window, tasks,
                                                                     client):
    """A move in the agenda (not through the dialog) publishes its Changes; the window's
    reminder runner re-plans shortly after, as `extradesk reminders` would."""
    ctx = tasks.ctx
    start = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    appointment, _ = appointments.create_appointment(ctx, AppointmentInput(
        title="Visite", start=start, end=start + timedelta(hours=1), user_ids=(ctx.user_id,),
        client_id=client))
    runner = window.reminder_runner
    with qtbot.waitSignal(runner.queued, timeout=15_000):
        runner.start()
    assert reminders.pending_reminders(ctx, appointment) == [
        ("rappel", datetime(2026, 12, 2, 14, 0, tzinfo=PARIS), "planned")]
    moved = datetime(2026, 12, 10, 9, 0, tzinfo=PARIS)
    changes = appointments.move_appointment(ctx, appointment, start=moved,
                                            end=moved + timedelta(hours=1))
    tasks.changed.emit(changes)  # as the agenda's move op publishes it
    qtbot.waitUntil(lambda: reminders.pending_reminders(ctx, appointment) == [
        ("rappel", datetime(2026, 12, 9, 9, 0, tzinfo=PARIS), "planned")], timeout=15_000)
