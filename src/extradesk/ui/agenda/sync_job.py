"""« Synchroniser maintenant » and the timer's incremental sync, in three steps:
read the snapshot (database worker) → exchange with the server (network pool, no database)
→ write the outcome (database worker). The window never waits on the server."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from extradesk.ui import errors
from extradesk.ui.tasks import Tasks


def _read(ctx, user_id: int, force: bool):
    from extradesk.core.errors import NotFoundError
    from extradesk.services import users
    from extradesk.services.agenda import accounts as agenda_accounts
    from extradesk.services.agenda import sync as agenda_sync

    account = agenda_accounts.get_account(ctx, user_id)
    if account is None:
        raise NotFoundError("agenda.account_missing", name=users.get_user(ctx, user_id).name)
    return account, agenda_sync.read_snapshot(ctx, account, force=force), ctx.clock.now()


def _exchange(account, snap, now):
    """The network step. agenda_sync re-exports the sync layer's exchange and Outcome (the
    UI may not import sync/ itself); errors become part of the outcome, as in sync_user."""
    from extradesk.core.errors import ExternalServiceError
    from extradesk.services.agenda import accounts as agenda_accounts
    from extradesk.services.agenda import sync as agenda_sync

    client = None
    try:
        client = agenda_accounts.client_for(account)
        return agenda_sync.exchange(client, snap, now=now)
    except ExternalServiceError as error:  # no password in the keyring, bad URL, refused…
        return agenda_sync.Outcome(token=snap.token, error=error)
    finally:
        if client is not None:
            client.close()


class SyncRunner(QObject):
    started = Signal()
    finished = Signal(object)  # SyncReport
    summary = Signal(str)  # its French one-line summary
    failed = Signal(str)  # French

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False

    def start(self, user_id: int | None, *, force: bool = True) -> bool:
        """False when a sync is already running (the timer then simply skips its turn)."""
        if self.running or user_id is None:
            return False
        self.running = True
        self.started.emit()
        self.tasks.run_in_db(lambda ctx: _read(ctx, user_id, force), self._network,
                             on_error=self._failed, owner=self)
        return True

    def _network(self, read) -> None:
        account, snap, now = read
        self.tasks.run_network(lambda: _exchange(account, snap, now),
                               lambda out: self._write(account, snap, out),
                               on_error=self._failed, owner=self)

    def _write(self, account, snap, out) -> None:
        def job(ctx):
            from extradesk.services.agenda import sync as agenda_sync

            return agenda_sync.write_outcome(ctx, account, snap=snap, out=out)

        self.tasks.mutate(job, self._done, on_error=self._failed, owner=self)

    def _done(self, result) -> None:
        self.running = False
        self.finished.emit(result[0])
        self.summary.emit(f"Synchronisation : {result[0].summary()}")

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(errors.describe(error))


def has_enabled_account(ctx, user_id: int | None) -> bool:
    """For the timer: an incremental sync only when this user's account is set and on."""
    from extradesk.services.agenda import accounts as agenda_accounts

    account = agenda_accounts.get_account(ctx, user_id) if user_id is not None else None
    return account is not None and account.enabled
