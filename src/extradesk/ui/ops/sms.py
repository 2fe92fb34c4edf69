"""Operations on SMS: the gateway and its test (read on the worker, the SMS on the network
pool), the outbox's SMS steps, appointment reminders, quote follow-ups, templates and the
user's SMS settings (consent and campaigns: ops/sms_campaigns.py)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, network, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.agenda.dto import AppointmentInput
    from extradesk.ui.tasks import Tasks


# -- the gateway ------------------------------------------------------------------------------

def gateway_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """{"gateway" (Gateway or None), "secrets" ({kind: names}), "stored" (the saved kind's
    keys are in the keyring), "mobile" (the user's own), "window", "defaults" (URLs)}."""

    def job(ctx):
        from extradesk.core.errors import ExternalServiceError
        from extradesk.services import users
        from extradesk.services.outbox import sms_channel
        from extradesk.services.sms import gateway

        current = gateway.get_gateway(ctx)
        stored = False
        if current is not None:
            try:
                stored = bool(sms_channel.secrets_of(current.kind))
            except ExternalServiceError:
                stored = False
        me = users.get_user(ctx, ctx.user_id) if ctx.user_id else None
        return {"gateway": current, "secrets": dict(gateway.SECRETS), "stored": stored,
                "mobile": me.mobile if me else None, "defaults": dict(gateway.DEFAULT_URLS)}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_gateway(tasks: Tasks, parent: QObject | None, *, kind: str, url: str | None,
                 sender: str | None, account: str | None, stop_number: str | None,
                 secrets: Sequence[str], on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """Keep the settings; blank secrets of the provider already saved keep their stored
    values. The result is (Gateway, changes)."""

    def job(ctx):
        from extradesk.core.errors import ExternalServiceError
        from extradesk.services.outbox import sms_channel
        from extradesk.services.sms import gateway

        given = list(secrets)
        current = gateway.get_gateway(ctx)
        if current is not None and current.kind == kind and not all(given):
            try:
                stored = sms_channel.secrets_of(kind)
            except ExternalServiceError:
                stored = ()
            if stored:
                given = [new or old for new, old in zip(given, stored, strict=True)]
        changes = gateway.save_gateway(ctx, data=gateway.GatewayInput(
            kind=kind, url=url or None, sender=sender or None, account=account or None,
            stop_number=stop_number or ""), secrets=given)
        return gateway.get_gateway(ctx), changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def test_read(tasks: Tasks, parent: QObject | None, *, to: str | None,
              on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The test's read step: a TestTrial (settings, keys, the number)."""

    def job(ctx):
        from extradesk.services.sms import gateway

        return gateway.prepare_test(ctx, to=to or None)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def test_send(tasks: Tasks, parent: QObject | None, *, trial: Any, on_done: OnDone = None,
              on_error: OnError = None) -> Future:
    """The network step: (number, the gateway's reference)."""

    def job():
        from extradesk.services.sms import gateway

        return gateway.deliver_test(trial)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- the outbox's SMS, as three steps -----------------------------------------------------------

def claim(tasks: Tasks, parent: QObject | None, *, limit: int, on_done: OnDone = None,
          on_error: OnError = None) -> Future:
    """(SmsBatch or None, the count still waiting, the ids claimed, no changes yet)."""

    def job(ctx):
        from extradesk.core.changes import Changes
        from extradesk.services.outbox import items, sms_steps

        batch = sms_steps.claim_sms_batch(ctx, limit=limit)
        ids = frozenset(i.id for i in batch.items) if batch else frozenset()
        return batch, items.count_waiting(ctx), ids, Changes()

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def deliver(tasks: Tasks, parent: QObject | None, *, batch: Any, on_done: OnDone = None,
            on_error: OnError = None) -> Future:
    def job():
        from extradesk.services.outbox import sms_steps

        return sms_steps.deliver_sms(batch)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def record(tasks: Tasks, parent: QObject | None, *, outcomes: list, on_done: OnDone = None,
           on_error: OnError = None) -> Future:
    """(SendReport, changes)."""

    def job(ctx):
        from extradesk.services.outbox import sms_steps

        return sms_steps.record_sms(ctx, outcomes=outcomes)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def queue_reminders(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                    on_error: OnError = None) -> Future:
    """Re-plan and queue the due appointment reminders (idempotent, as `extradesk
    reminders`): ([QueuedReminder], changes)."""

    def job(ctx):
        from extradesk.services.sms import reminders

        return reminders.queue_due(ctx)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- appointment reminders ---------------------------------------------------------------------

def reminder_form(tasks: Tasks, parent: QObject | None, *, appointment_id: int | None,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """{"settings": ReminderSettings or None (new appointment), "default_delay",
    "notify_moved", "sent": a reminder already left for the current time}."""

    def job(ctx):
        from extradesk.services import preferences as prefs
        from extradesk.services.sms import reminders

        state = {"default_delay": prefs.get(ctx, prefs.SMS_REMINDER_DELAY.key),
                 "notify_moved": prefs.get(ctx, prefs.SMS_NOTIFY_MOVED.key),
                 "settings": None, "sent": False}
        if appointment_id is not None:
            state["settings"] = reminders.get_settings(ctx, appointment_id)
            state["sent"] = any(kind == "rappel" and status == reminders.QUEUED for kind, _at,
                                status in reminders.pending_reminders(ctx, appointment_id))
        return state

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def client_mobile(tasks: Tasks, parent: QObject | None, *, client_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The client's first mobile in E.164, or None."""

    def job(ctx):
        from extradesk.services.clients import records
        from extradesk.services.sms import reminders

        d = records.get_client(ctx, client_id).data
        return reminders.first_mobile(d.phone_mobile, d.phone_home, d.phone_work)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_appointment(tasks: Tasks, parent: QObject | None, *, appointment_id: int | None,
                     data: AppointmentInput, reminder: tuple[bool, str, bool] | None,
                     on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Create or update the appointment, then keep its reminder choice (enabled, delay,
    notify when moved) and re-plan it: (appointment id, changes)."""

    def job(ctx):
        from extradesk.services.agenda import appointments
        from extradesk.services.sms import reminders

        if appointment_id is None:
            new_id, changes = appointments.create_appointment(ctx, data)
        else:
            new_id, changes = appointment_id, appointments.update_appointment(
                ctx, appointment_id, data=data)
        if reminder is not None:
            enabled, delay, notify = reminder
            changes = changes | reminders.set_settings(ctx, new_id, enabled=enabled,
                                                       delay=delay, notify_moved=notify)
        return new_id, changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def reminders_of(tasks: Tasks, parent: QObject | None, *, appointment_id: int,
                 on_done: OnDone = None, on_error: OnError = None) -> Future:
    """[(kind, planned time, state)] of an appointment's reminders."""

    def job(ctx):
        from extradesk.services.sms import reminders

        return reminders.pending_reminders(ctx, appointment_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- templates and quote follow-ups ------------------------------------------------------------

def templates(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
              on_error: OnError = None) -> Future:
    """{kind: its text} for rappel, deplace, relance."""

    def job(ctx):
        from extradesk.services.sms import texts

        return {kind: texts.get_template(ctx, kind) for kind in ("rappel", "deplace",
                                                                   "relance")}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_template(tasks: Tasks, parent: QObject | None, *, kind: str, body: str,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Keep the text (an empty one restores the default): (the text now, changes)."""

    def job(ctx):
        from extradesk.services.sms import texts

        changes = texts.save_template(ctx, kind, body=body)
        return texts.get_template(ctx, kind), changes

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def quotes_to_follow(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """([QuoteToFollow], the days setting)."""

    def job(ctx):
        from extradesk.services import preferences as prefs
        from extradesk.services.sms import followups

        return followups.quotes_to_follow(ctx), prefs.get(ctx, prefs.QUOTE_FOLLOWUP_DAYS.key)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def followup_text(tasks: Tasks, parent: QObject | None, *, quote_id: int,
                  on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.sms import followups

        return followups.preview_text(ctx, quote_id)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def send_followup(tasks: Tasks, parent: QObject | None, *, quote_id: int, channel: str,
                  text: str | None, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """Queue the follow-up and record it on the quote: (outbox item id, changes)."""

    def job(ctx):
        from extradesk.services.sms import followups

        return followups.send_followup(ctx, quote_id, channel=channel, text=text)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- the user's SMS settings -------------------------------------------------------------------

def settings_form(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    """SmsSettingsForm: default delay, notice when moved, follow-up days, price, window."""

    def job(ctx):
        from extradesk.services.sms import settings

        return settings.load(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_settings(tasks: Tasks, parent: QObject | None, *, delay: str, notify_moved: bool,
                  followup_days: int, price: str, window: Any, on_done: OnDone = None,
                  on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.sms import settings

        return settings.save(ctx, delay=delay, notify_moved=notify_moved,
                             followup_days=followup_days, price=price, window=window)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
