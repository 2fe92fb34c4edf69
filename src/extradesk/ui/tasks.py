"""The database worker: one thread runs every service call, results come back on the GUI thread.

Network jobs (CalDAV) run on a small separate pool, so a slow server never delays a search.

Services are plain functions taking a Context; the worker owns that Context. Widgets hand it
a function `fn(ctx)` and a callback; the callback runs on the GUI thread, and is dropped when
the widget that asked (`owner`) has been destroyed in the meantime.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

# Imported before the first paint: no Qt namespace, no dataclass modules at import time
# (see app.py); core.changes and ui.errors are imported where first needed.

PROGRESS_INTERVAL = 0.05  # seconds between two progress updates posted to the GUI
NETWORK_THREADS = 2


class _Bridge(QObject):
    """Lives on the GUI thread; the worker emits closures that run there."""

    call = Signal(object)


def changes_of(result: Any):
    """Services return Changes, or a tuple whose last item is Changes (`(new_id, changes)`)."""
    from extradesk.core.changes import Changes

    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    raise TypeError(f"a mutation must return Changes, got {type(result).__name__}")


class Tasks(QObject):
    """Owner of the Context and of the one thread that may touch the database."""

    changed = Signal(object)  # Changes, after every successful mutation

    def __init__(self, ctx=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx  # services.context.Context; only the worker thread uses it
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extradesk-db")
        # Network jobs never get the Context: they take what a DB job read and return what a
        # DB job will write (read -> network -> write).
        # One more on a shared PostgreSQL database: the listener of the other PCs keeps one.
        self._network = ThreadPoolExecutor(max_workers=NETWORK_THREADS + 1,
                                           thread_name_prefix="extradesk-net")
        self._bridge = _Bridge()
        # Emitted from the worker thread, so Qt queues the call to this (GUI) thread.
        self._bridge.call.connect(self._call)
        self.pending = 0
        self.closed = False  # after shutdown(): new jobs are dropped, not raised
        self._listening: threading.Event | None = None  # set: the other-PCs listener stops

    # -- running jobs ------------------------------------------------------------------------

    def run_in_db(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        owner: QObject | None = None,
    ) -> Future:
        """Run `fn(ctx)` (or `fn(ctx, report)` when `progress` is given) on the worker.

        `on_done(result)` or `on_error(exception)` then runs on the GUI thread; without
        `on_error` the error goes to the error presenter, shown over `owner`.
        """
        return self._submit(fn, on_done, on_error, progress, owner, mutation=False)

    def mutate(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        owner: QObject | None = None,
    ) -> Future:
        """Like run_in_db for a service that changes data; `changed` then tells every page what.

        `changed` is emitted even when `owner` is gone: the data changed all the same.
        """
        return self._submit(fn, on_done, on_error, progress, owner, mutation=True)

    def run_network(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Future:
        """Run `fn()` on the network pool (no Context: no database here); callbacks as run_in_db."""
        return self._submit(lambda _ctx: fn(), on_done, on_error, None, owner, mutation=False,
                            pool=self._network)

    def open(self, target: str | Path, on_done: Callable[[Any], None], *,
             on_error: Callable[[BaseException], None]) -> Future:
        """Open (create or upgrade) the database in the worker; later jobs see the Context."""

        def job(_ctx: Any) -> Any:
            from extradesk.services.context import open_context  # sqlalchemy: after first paint

            ctx, report = open_context(target)
            self.ctx = ctx
            if not ctx.db.is_sqlite:
                self._listen_to_other_pcs(ctx)
            return report

        return self.run_in_db(job, on_done, on_error=on_error)

    def shutdown(self, *, dispose: bool = True) -> None:
        """Let the running job finish, drop queued ones, close the database."""
        self.closed = True
        if self._listening is not None:
            self._listening.set()  # ends within its poll (0.5 s), before the pool waits on it
        self._network.shutdown(wait=True, cancel_futures=True)  # requests have a timeout
        self._pool.shutdown(wait=True, cancel_futures=True)
        if dispose and self.ctx is not None:
            self.ctx.db.dispose()

    # -- plumbing ----------------------------------------------------------------------------

    def _submit(self, fn, on_done, on_error, progress, owner, *, mutation: bool,
                pool: ThreadPoolExecutor | None = None) -> Future:
        if self.closed:  # a timer or late callback of a window being closed: nothing to do
            dropped: Future = Future()
            dropped.cancel()
            return dropped
        report = self._reporter(progress, owner) if progress is not None else None
        self.pending += 1

        def job() -> None:
            try:
                result = fn(self.ctx, report) if report is not None else fn(self.ctx)
            except Exception as exc:  # every failure goes back to the GUI, none is lost
                self._post(lambda error=exc: self._failed(error, on_error, owner))
            else:
                if mutation:
                    self._announce(result)
                self._post(lambda: self._succeeded(result, on_done, owner, mutation))

        return (pool or self._pool).submit(job)

    # -- several PCs on one PostgreSQL database ---------------------------------------------

    def _listen_to_other_pcs(self, ctx: Any) -> None:
        """What other PCs commit arrives as their Changes, published like our own."""
        from extradesk.services import shared_db

        self._listening = threading.Event()
        self._network.submit(shared_db.listen, ctx,
                             lambda changes: self._post(lambda: self.changed.emit(changes)),
                             self._listening)

    def _announce(self, result: Any) -> None:
        """On the worker, after the commit: tell the other PCs (PostgreSQL only). A lost
        notice costs them a late refresh, never the mutation: failures are only logged."""
        if self.ctx is None or self.ctx.db.is_sqlite:
            return
        from extradesk.services import shared_db

        try:
            shared_db.announce(self.ctx, changes_of(result))
        except Exception:  # noqa: BLE001 - the data is committed whatever happens here
            import logging

            logging.getLogger("extradesk").warning("changes not announced", exc_info=True)

    def _post(self, fn: Callable[[], None]) -> None:
        self._bridge.call.emit(fn)

    def _call(self, fn: Callable[[], None]) -> None:
        fn()

    def _finish(self) -> None:
        self.pending -= 1  # jobs queued or running; tests and the benchmark wait for 0

    def _succeeded(self, result: Any, on_done, owner, mutation: bool) -> None:
        try:
            if mutation:
                self.changed.emit(changes_of(result))
            if on_done is not None and _alive(owner):
                on_done(result)
        finally:
            self._finish()

    def _failed(self, exc: BaseException, on_error, owner) -> None:
        from extradesk.ui import errors

        try:
            if not _alive(owner):
                errors.describe(exc)  # still logged when unexpected
            elif on_error is not None:
                on_error(exc)
            else:
                errors.show_error(owner if isinstance(owner, QWidget) else None, exc)
        finally:
            self._finish()

    def _reporter(self, progress: Callable[[int, int], None], owner) -> Callable[[int, int], None]:
        """A thread-safe `report(done, total)` that posts at most every PROGRESS_INTERVAL."""
        last = [0.0]
        lock = threading.Lock()

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            with lock:
                if done < total and now - last[0] < PROGRESS_INTERVAL:
                    return
                last[0] = now
            self._post(lambda: progress(done, total) if _alive(owner) else None)

        return report


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)
