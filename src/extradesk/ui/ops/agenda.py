"""Operations on the agenda: the page's state, appointments, rights, the phone (CalDAV) sync."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING, Any

from extradesk.ui.ops import OnDone, OnError, mutate, network, query

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from extradesk.services.agenda.dto import AppointmentInput
    from extradesk.ui.tasks import Tasks


# -- the page -----------------------------------------------------------------------------------

def page_state(tasks: Tasks, parent: QObject | None, *, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    """{"me", "users" (the agendas I may see), "today", "now", and the display preferences
    "frozen", "vertical", "color_by"}."""

    def job(ctx):
        from extradesk.services import preferences as prefs
        from extradesk.services.agenda import rights

        return {"me": ctx.user_id, "users": rights.visible_users(ctx),
                "today": ctx.clock.today(), "now": ctx.clock.now(),
                "frozen": prefs.get(ctx, prefs.AGENDA_FROZEN_HEADER.key),
                "vertical": prefs.get(ctx, prefs.AGENDA_VERTICAL_NAMES.key),
                "color_by": prefs.get(ctx, prefs.AGENDA_COLOR_BY.key)}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def list_appointments(tasks: Tasks, parent: QObject | None, *, user_ids: list[int],
                      start: datetime, end: datetime, on_done: OnDone = None,
                      on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.agenda import appointments

        return appointments.list_appointments(ctx, user_ids, start=start, end=end)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- appointments -------------------------------------------------------------------------------

def appointment_form(tasks: Tasks, parent: QObject | None, *, appointment_id: int | None,
                     client_id: int | None, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """{"users", "me", "types" (active), "appointment" (None when new), "today", "client"
    (the appointment's, else `client_id`'s, ClientDetail or None)}."""

    def job(ctx):
        from extradesk.services import references
        from extradesk.services.agenda import appointments, rights
        from extradesk.services.clients import records

        appointment = (appointments.get_appointment(ctx, appointment_id)
                       if appointment_id else None)
        client = appointment.client_id if appointment else client_id
        return {"users": rights.visible_users(ctx), "me": ctx.user_id,
                "types": [t for t in references.list_items(ctx, "appointment_type")
                          if t.active],
                "appointment": appointment, "today": ctx.clock.today(),
                "client": records.get_client(ctx, client) if client else None}

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_appointment(tasks: Tasks, parent: QObject | None, *, appointment_id: int | None,
                     data: AppointmentInput, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    """Create (appointment_id None) or update; the result is (appointment id, changes)."""

    def job(ctx):
        from extradesk.services.agenda import appointments

        if appointment_id is None:
            return appointments.create_appointment(ctx, data)
        return appointment_id, appointments.update_appointment(ctx, appointment_id, data=data)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def move_appointment(tasks: Tasks, parent: QObject | None, *, appointment_id: int,
                     start: datetime, end: datetime, from_user: int | None,
                     to_user: int | None, on_done: OnDone = None,
                     on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.agenda import appointments

        return appointments.move_appointment(ctx, appointment_id, start=start, end=end,
                                             from_user=from_user, to_user=to_user)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def delete_appointment(tasks: Tasks, parent: QObject | None, *, appointment_id: int,
                       on_done: OnDone = None, on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.agenda import appointments

        return appointments.delete_appointment(ctx, appointment_id)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- rights -------------------------------------------------------------------------------------

def rights_form(tasks: Tasks, parent: QObject | None, *, owner_id: int,
                on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(the AgendaRights of `owner_id`'s agenda, every user)."""

    def job(ctx):
        from extradesk.services import users
        from extradesk.services.agenda import rights

        return rights.get_rights(ctx, owner_id), users.list_users(ctx)

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_rights(tasks: Tasks, parent: QObject | None, *, owner_id: int,
               grants: dict[int, bool] | None, on_done: OnDone = None,
               on_error: OnError = None) -> Future:
    def job(ctx):
        from extradesk.services.agenda import rights

        return rights.set_rights(ctx, owner_id, grants=grants)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


# -- the phone account and its sync ------------------------------------------------------------

def account(tasks: Tasks, parent: QObject | None, *, user_id: int | None,
            on_done: OnDone = None, on_error: OnError = None) -> Future:
    """(the user: `user_id` or the current one, the providers offered, their Account or None)."""

    def job(ctx):
        from extradesk.services.agenda import accounts

        user = user_id if user_id is not None else ctx.user_id
        found = accounts.get_account(ctx, user) if user is not None else None
        return user, accounts.PROVIDERS, found

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def has_enabled_account(tasks: Tasks, parent: QObject | None, *, user_id: int | None,
                        on_done: OnDone = None, on_error: OnError = None) -> Future:
    """For the timer: an incremental sync only when this user's account is set and on."""

    def job(ctx):
        from extradesk.services.agenda import accounts

        found = accounts.get_account(ctx, user_id) if user_id is not None else None
        return found is not None and found.enabled

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def list_calendars(tasks: Tasks, parent: QObject | None, *, url: str, login: str,
                   password: str, on_done: OnDone = None, on_error: OnError = None) -> Future:
    """[(url, name)] of the calendars on the server (network pool)."""

    def job():
        from extradesk.services.agenda import accounts

        return accounts.list_calendars(url, login, password)

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def save_account(tasks: Tasks, parent: QObject | None, *, user_id: int,
                 values: dict[str, Any], on_done: OnDone = None,
                 on_error: OnError = None) -> Future:
    """Check the account on the server, then save it: on the network pool, as the service
    documents (it reads and writes two small rows around its network calls, and a slow
    server must not hold the database worker). Its Changes are published here."""
    ctx = tasks.ctx

    def job():
        from extradesk.services.agenda import accounts

        return accounts.save_account(ctx, user_id, **values)

    def saved(result) -> None:
        tasks.changed.emit(result[1])  # saved off the DB worker: tell the pages here
        if on_done is not None:
            on_done(result)

    return network(tasks, parent, job, on_done=saved, on_error=on_error)


def sync_read(tasks: Tasks, parent: QObject | None, *, user_id: int, force: bool,
              on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The sync's first step: (account, snapshot of what to send, now)."""

    def job(ctx):
        from extradesk.core.errors import NotFoundError
        from extradesk.services import users
        from extradesk.services.agenda import accounts, sync

        found = accounts.get_account(ctx, user_id)
        if found is None:
            raise NotFoundError("agenda.account_missing", name=users.get_user(ctx, user_id).name)
        return found, sync.read_snapshot(ctx, found, force=force), ctx.clock.now()

    return query(tasks, parent, job, on_done=on_done, on_error=on_error)


def sync_exchange(tasks: Tasks, parent: QObject | None, *, account: Any, snap: Any,
                  now: datetime, on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The network step; a server's refusal becomes part of the outcome, as in sync_user
    (services.agenda.sync re-exports the sync layer's exchange and Outcome: the UI may not
    import sync/ itself)."""

    def job():
        from extradesk.core.errors import ExternalServiceError
        from extradesk.services.agenda import accounts, sync

        client = None
        try:
            client = accounts.client_for(account)
            return sync.exchange(client, snap, now=now)
        except ExternalServiceError as error:  # no password in the keyring, bad URL, refused…
            return sync.Outcome(token=snap.token, error=error)
        finally:
            if client is not None:
                client.close()

    return network(tasks, parent, job, on_done=on_done, on_error=on_error)


def sync_write(tasks: Tasks, parent: QObject | None, *, account: Any, snap: Any, out: Any,
               on_done: OnDone = None, on_error: OnError = None) -> Future:
    """The last step: what the server answered, written; the result is (SyncReport, changes)."""

    def job(ctx):
        from extradesk.services.agenda import sync

        return sync.write_outcome(ctx, account, snap=snap, out=out)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)


def set_sync_enabled(tasks: Tasks, parent: QObject | None, *, enabled: bool,
                     on_done: OnDone = None, on_error: OnError = None) -> Future:
    """Automatic phone sync of the current user's agenda on or off (the preferences)."""

    def job(ctx):
        from extradesk.services.agenda import accounts

        return accounts.set_enabled(ctx, ctx.user_id, enabled=enabled)

    return mutate(tasks, parent, job, on_done=on_done, on_error=on_error)
