"""Two-way CalDAV sync of each user's agenda: read (db) -> exchange (network) -> write (db).

The UI runs `read_snapshot` and `write_outcome` on its database worker and `exchange` on the
network pool; `sync_user` chains the three for the CLI and tests. Local changes made while
the network step ran are not overwritten: incoming writes check the revision they read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, select

from extradesk.core.changes import Changes
from extradesk.core.errors import ExternalServiceError, NotFoundError, Problem
from extradesk.db.session import unit_of_work
from extradesk.i18n.messages import error_text, problem_text, text
from extradesk.models import CalDavAccount, SyncLogEntry, SyncStatus, User
from extradesk.services.agenda import store
from extradesk.services.agenda.accounts import Account, client_for, get_account, list_accounts
from extradesk.services.context import Context
from extradesk.sync import ical
from extradesk.sync.exchange import Outcome, Snapshot, exchange
from extradesk.sync.planner import Local, Status

_log = logging.getLogger(__name__)
A, AU = store.A, store.AU
_S = SyncStatus.__table__
_ACC = CalDavAccount.__table__
_LOG = SyncLogEntry.__table__


@dataclass
class SyncReport:
    user_id: int
    user_name: str
    sent: int = 0
    received: int = 0
    deleted: int = 0
    conflicts: int = 0
    errors: int = 0
    messages: list[str] = field(default_factory=list)  # French, one line each
    stopped: bool = False
    finished_at: datetime | None = None
    requests: int = 0
    bytes: int = 0

    def summary(self) -> str:
        return text("sync.report", sent=self.sent, received=self.received,
                    deleted=self.deleted, conflicts=self.conflicts, errors=self.errors)


def _user_name(conn: Connection, user_id: int) -> str:
    return conn.execute(select(User.__table__.c.name)
                        .where(User.__table__.c.id == user_id)).scalar() or ""


def read_snapshot(ctx: Context, account: Account, *, force: bool = False) -> Snapshot:
    """Status rows and the user's appointments; content built only where it may be sent."""
    now = ctx.clock.now()
    with ctx.db.engine.connect() as conn:
        status = {r.uid: Status(r.href, r.etag, r.local_revision, r.hash) for r in conn.execute(
            select(_S).where(_S.c.account_id == account.id))}
        token = conn.execute(select(_ACC.c.sync_token)
                             .where(_ACC.c.id == account.id)).scalar()
        rows = conn.execute(
            select(A).join(AU, AU.c.appointment_id == A.c.id)
            .where(AU.c.user_id == account.user_id, A.c.deleted_at.is_(None))).all()
        labels = store.type_labels(conn)
        people = store.contacts(conn, (r.client_id for r in rows))
    local, events, skipped = {}, {}, []
    for row in rows:
        if not store.readable(row):  # stored before dates were checked: left out, said
            skipped.append(Problem(text("ical.event_name", title=row.title[:60]),
                                   "ical.out_of_range",
                                   {"first": ical.FIRST_YEAR, "last": ical.LAST_YEAR}))
            status.pop(row.uid, None)
            continue
        old = status.get(row.uid)
        if force or old is None or old.local_revision != row.revision:
            event = store.event_of(row, labels.get(row.type_id), people.get(row.client_id))
            events[row.uid] = event
            digest = ical.content_hash(event)
        else:
            digest = old.hash  # unchanged since the last sync: no need to rebuild it
        local[row.uid] = Local(row.revision, digest, row.updated_at, upcoming=row.end_utc > now)
    return Snapshot(calendar=account.calendar_url, token=token, status=status, local=local,
                    events=events, policy=account.conflict_policy, force=force,
                    skipped=skipped)


def _take_in(conn: Connection, user_id: int, event: ical.EventData, types: dict, now
             ) -> tuple[int, int]:
    """Create or update the appointment with this UID; returns its id and new revision."""
    row = conn.execute(select(A.c.id, A.c.revision, A.c.type_id, A.c.deleted_at, A.c.client_id)
                       .where(A.c.uid == event.uid)).first()
    values = store.values_of(event, types, keep_type=row.type_id if row else None)
    if row is not None and row.client_id is not None:  # the client block we sent goes
        values = store.without_contact(values, store.contacts(conn, [row.client_id])
                                       .get(row.client_id))
    values["updated_at"] = now
    if row is None:
        new_id = store.insert(conn, values, [user_id], now=now, created_by=None)
        return new_id, conn.execute(select(A.c.revision).where(A.c.id == new_id)).scalar()
    users = store.users_of(conn, [row.id]).get(row.id, [])
    users = users if row.deleted_at is None else []
    store.update(conn, row.id, values, [*users, user_id] if user_id not in users else users,
                 now=now)
    return row.id, row.revision + 1


def _drop_here(conn: Connection, user_id: int, uid: str, now) -> int | None:
    """Deleted on this user's phone: he leaves the appointment; the last one deletes it."""
    row = conn.execute(select(A.c.id).where(A.c.uid == uid)).first()
    if row is None:
        return None
    users = store.users_of(conn, [row.id]).get(row.id, [])
    rest = [u for u in users if u != user_id]
    if rest:
        store.update(conn, row.id, {}, rest, now=now)
    else:
        store.tombstone(conn, row.id, now=now)
    return row.id


def write_outcome(ctx: Context, account: Account, *, snap: Snapshot, out: Outcome
                  ) -> tuple[SyncReport, Changes]:
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        report = SyncReport(account.user_id, _user_name(conn, account.user_id))
        types = store.type_ids_by_label(conn)
        touched: set[int] = set()  # local appointment ids: what the agenda views refresh
        revisions = dict(conn.execute(select(A.c.uid, A.c.revision).where(
            A.c.uid.in_([u for u in out.statuses if u in out.incoming] or [""]))).all())
        for uid, status in out.statuses.items():
            if status is not None and status.local_revision == -1:
                expected = snap.local[uid].revision if uid in snap.local else None
                if expected is not None and revisions.get(uid) != expected:
                    continue  # edited here during the network step: keep the old status
                taken, revision = _take_in(conn, account.user_id, out.incoming[uid], types,
                                           now)
                touched.add(taken)
                status = Status(status.href, status.etag, revision, status.hash)
                report.received += 1
            conn.execute(_S.delete().where(_S.c.account_id == account.id, _S.c.uid == uid))
            if status is not None:
                conn.execute(_S.insert().values(account_id=account.id, uid=uid, **vars(status)))
        for uid in out.delete_here:
            dropped = _drop_here(conn, account.user_id, uid, now)
            if dropped is not None:
                touched.add(dropped)
        report.sent, report.deleted = out.sent, out.deleted_there + len(out.delete_here)
        report.conflicts = len(out.conflicts)
        lines = [("conflict", text("sync.conflict", title=t, winner=text(f"sync.winner.{w}")))
                 for t, w in out.conflicts]
        lines += [("skipped", problem_text(p)) for p in [*snap.skipped, *out.problems]]
        if out.stopped:
            report.stopped = True
            count = len(snap.status)
            lines.append(("error", text("caldav.empty_guard" if out.stopped == "remote_empty"
                                        else "caldav.local_empty_guard", count=count)))
        if out.error is not None:
            lines.append(("error", error_text(out.error)))
        report.errors = sum(1 for kind, _ in lines if kind != "conflict")
        report.messages = [line for _, line in lines]
        if lines:
            conn.execute(_LOG.insert(), [{"account_id": account.id, "at": now, "kind": k,
                                          "message": m} for k, m in lines])
        failed = out.error is not None or out.stopped
        conn.execute(_ACC.update().where(_ACC.c.id == account.id).values(
            sync_token=out.token, last_error=report.messages[-1] if failed else None,
            **({} if failed else {"last_sync_at": now})))
    report.finished_at = now
    return report, Changes(appointments=frozenset(touched),
                           users=frozenset({account.user_id}) if touched else frozenset())


def sync_user(ctx: Context, user_id: int, *, force: bool = False,
              timeout: float | None = None) -> tuple[SyncReport, Changes]:
    """read -> exchange -> write in a row; `timeout`: seconds per HTTP request (default 20)."""
    account = get_account(ctx, user_id)
    if account is None:
        with ctx.db.engine.connect() as conn:
            raise NotFoundError("agenda.account_missing", name=_user_name(conn, user_id))
    snap = read_snapshot(ctx, account, force=force)
    client = None
    try:
        client = client_for(account, timeout=timeout)
        out = exchange(client, snap, now=ctx.clock.now())
    except ExternalServiceError as error:  # no password in the keyring, bad URL
        out = Outcome(token=snap.token, error=error)
    finally:
        if client is not None:
            client.close()
    report, changes = write_outcome(ctx, account, snap=snap, out=out)
    if client is not None:
        report.requests = client.traffic.requests
        report.bytes = client.traffic.sent + client.traffic.received
    return report, changes


def sync_all(ctx: Context, *, user_id: int | None = None, force: bool = False
             ) -> list[SyncReport]:
    """Every enabled account (or one user's): what `extradesk sync agenda` runs."""
    accounts = [a for a in list_accounts(ctx, enabled_only=user_id is None)
                if user_id is None or a.user_id == user_id]
    reports = []
    for account in accounts:  # one failing account never stops the others
        try:
            reports.append(sync_user(ctx, account.user_id, force=force)[0])
        except Exception:
            _log.exception("agenda sync of account %s failed", account.id)
            with ctx.db.engine.connect() as conn:
                name = _user_name(conn, account.user_id)
            reports.append(SyncReport(account.user_id, name, errors=1,
                                      messages=[text("sync.account_failed")],
                                      finished_at=ctx.clock.now()))
    return reports


def sync_log(ctx: Context, user_id: int, *, limit: int = 50) -> list[tuple[datetime, str, str]]:
    """The latest (when, kind, French message) the sync left for this user."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(
            select(_LOG.c.at, _LOG.c.kind, _LOG.c.message)
            .join(_ACC, _ACC.c.id == _LOG.c.account_id).where(_ACC.c.user_id == user_id)
            .order_by(_LOG.c.id.desc()).limit(limit)).all()
    return [tuple(r) for r in rows]
