"""Per-user usage of a few features (`**name` searches, each export), for the health check.

One row per (user, feature) with a count and the last time; nothing per event, so the table
stays as small as the number of users times the features recorded."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Integer, String, and_, column, select, table

from extradesk.models.types import UTCDateTime
from extradesk.services.context import Context

# A Core view: `**` searches record from the search path, which must not load SQLModel
# (tests/ui/test_startup_imports.py); writes go through the same columns, with no defaults.
_T = table("usage_events", column("id", Integer), column("user_id", Integer),
           column("what", String), column("count", Integer), column("first_at", UTCDateTime),
           column("last_at", UTCDateTime))

DOCUMENTS_SEARCH = "search.documents"
EXPORT_PREFIX = "export."


def _who(user_id: int | None):
    return _T.c.user_id.is_(None) if user_id is None else _T.c.user_id == user_id


def record(ctx: Context, what: str, *, quiet_seconds: int = 0) -> bool:
    """Count one use of `what` by the current user (None on the command line). With
    `quiet_seconds`, a use within that many seconds of the last one is not written: the
    search box searches at every pause in typing, and one `**dupont` is one use, not seven
    fsyncs. Returns whether a row was written; a read-only database records nothing."""
    if ctx.db.read_only:
        return False
    from extradesk.db.session import unit_of_work

    now = ctx.clock.now()
    where = and_(_who(ctx.user_id), _T.c.what == what)
    if quiet_seconds:
        with ctx.db.engine.connect() as conn:
            last = conn.execute(select(_T.c.last_at).where(where)).scalar()
        if last is not None and last > now - timedelta(seconds=quiet_seconds):
            return False
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        done = conn.execute(_T.update().where(where).values(count=_T.c.count + 1,
                                                            last_at=now))
        if done.rowcount == 0:
            conn.execute(_T.insert().values(user_id=ctx.user_id, what=what, count=1,
                                            first_at=now, last_at=now))
    return True


def users_who_used(ctx: Context, what: str) -> set[int | None]:
    with ctx.db.engine.connect() as conn:
        return set(conn.execute(select(_T.c.user_id).where(_T.c.what == what)).scalars())


def used_prefixed(ctx: Context, prefix: str) -> dict[str, int]:
    """{what: total count over every user} for the features whose name starts with
    `prefix` (`export.` gives every export used at least once)."""
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(select(_T.c.what, _T.c.count).where(_T.c.what.like(prefix + "%")))
        totals: dict[str, int] = {}
        for what, count in rows:
            totals[what] = totals.get(what, 0) + count
    return totals
