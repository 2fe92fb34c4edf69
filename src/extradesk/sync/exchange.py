"""The network step of a calendar sync: list, download what moved, plan, write to the server.

It takes a snapshot read from the database and returns what the database must now record;
it never touches the database itself (DESIGN.md: read -> network -> write). If the network
fails half-way, the outcome holds what was done so far (statuses of completed writes) and the
error: the next sync resumes from there without duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from extradesk.core.errors import ExternalServiceError, Problem
from extradesk.sync import ical
from extradesk.sync.caldav_client import CalDavClient, PreconditionFailed, SyncTokenInvalid
from extradesk.sync.planner import Kind, Local, Plan, Remote, Status, plan


@dataclass
class Snapshot:
    calendar: str  # calendar URL
    token: str | None
    status: dict[str, Status]
    local: dict[str, Local]
    events: dict[str, ical.EventData]  # local events whose content may have to be sent
    policy: str = "most_recent"
    force: bool = False
    skipped: list[Problem] = field(default_factory=list)  # local events that cannot be sent


@dataclass
class Outcome:
    token: str | None = None
    statuses: dict[str, Status | None] = field(default_factory=dict)  # None: forget
    incoming: dict[str, ical.EventData] = field(default_factory=dict)  # create/update here
    delete_here: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (title, winner side)
    problems: list[Problem] = field(default_factory=list)
    sent: int = 0
    deleted_there: int = 0
    stopped: str | None = None
    error: ExternalServiceError | None = None


def _href(calendar: str, client: CalDavClient, uid: str) -> str:
    """Our own UIDs are plain UUIDs; an imported one ('x@google.com', 'a/b') would be
    mangled or split in a URL, so its file name is a hash of it (the UID stays inside)."""
    import hashlib
    import re

    from extradesk.sync.caldav_client import canonical

    name = uid if re.fullmatch(r"[A-Za-z0-9._-]{1,200}", uid) else \
        hashlib.sha256(uid.encode()).hexdigest()[:40]
    return canonical(client.absolute(canonical(calendar)) + f"{name}.ics")


def _remote_view(client: CalDavClient, snap: Snapshot, out: Outcome):
    """uid -> Remote for the whole calendar, downloading only bodies whose etag moved."""
    by_href = {s.href: uid for uid, s in snap.status.items()}
    listing = None
    if snap.token and not snap.force:
        try:
            changed, deleted, out.token = client.changes(snap.calendar, snap.token)
        except SyncTokenInvalid:
            changed = None
        if changed is not None:
            listing = {s.href: s.etag for s in snap.status.values()}
            for href in deleted:
                listing.pop(href, None)
            listing.update(changed)
    if listing is None:
        listing, out.token = client.list_etags(snap.calendar)
    wanted = [h for h, etag in listing.items() if snap.force or h not in by_href
              or snap.status[by_href[h]].etag != etag]
    bodies = client.fetch(snap.calendar, wanted) if wanted else {}
    remote: dict[str, Remote] = {}
    for href, etag in listing.items():
        if href not in bodies:
            if href in by_href:  # unchanged (or unreadable but known): the status holds it
                uid = by_href[href]
                remote[uid] = Remote(href, snap.status[uid].etag if href not in wanted
                                     else etag, snap.status[uid].hash)
            continue
        etag, text = bodies[href]
        events, problems = ical.parse(text, where=href)
        out.problems += problems
        if not events:
            if href in by_href:  # became unreadable (e.g. made recurring): leave it alone
                uid = by_href[href]
                remote[uid] = Remote(href, snap.status[uid].etag, snap.status[uid].hash)
            continue
        event = events[0]
        out.incoming[event.uid] = event
        remote[event.uid] = Remote(href, etag, ical.content_hash(event), event.modified)
    return remote


def _send(client: CalDavClient, snap: Snapshot, out: Outcome, uid: str, href: str,
          etag: str | None, now: datetime) -> None:
    event = snap.events[uid]
    try:
        new_etag = client.put(href, ical.to_ics(event, now=now), etag=etag)
    except PreconditionFailed:
        # Changed on the server since our listing: read it again and let the policy decide.
        fresh = client.fetch(snap.calendar, [href]).get(href)
        events = ical.parse(fresh[1])[0] if fresh else []
        if not events:
            raise
        theirs = events[0]
        local = snap.local[uid]
        remote = Remote(href, fresh[0], ical.content_hash(theirs), theirs.modified)
        side = plan({}, {uid: local}, {uid: remote}, policy=snap.policy).actions
        out.conflicts.append((event.title, "local" if side and side[0].conflict == "local"
                              else "remote"))
        if side and side[0].kind is Kind.UPDATE_LOCAL:
            out.incoming[uid] = theirs
            out.statuses[uid] = Status(href, fresh[0], -1, remote.hash)
            return
        new_etag = client.put(href, ical.to_ics(event, now=now), etag=fresh[0])
    out.sent += 1
    out.statuses[uid] = Status(href, new_etag, snap.local[uid].revision,
                               ical.content_hash(event))


def _apply(client: CalDavClient, snap: Snapshot, result: Plan, remote: dict[str, Remote],
           out: Outcome, now: datetime) -> None:
    for action in result.actions:
        uid, kind = action.uid, action.kind
        if action.conflict:
            title = (snap.events.get(uid) or out.incoming.get(uid)).title
            out.conflicts.append((title, action.conflict))
        if kind in (Kind.UPLOAD, Kind.UPDATE_REMOTE):
            if kind is Kind.UPLOAD:
                old = snap.status.get(uid)
                href, etag = (old.href if old else _href(snap.calendar, client, uid)), None
            else:
                href, etag = remote[uid].href, remote[uid].etag
            try:
                _send(client, snap, out, uid, href, etag, now)
            except (OverflowError, ValueError):  # one event that cannot be written: the rest go
                out.problems.append(Problem(f"« {snap.events[uid].title[:60]} »",
                                            "ical.unreadable"))
        elif kind is Kind.DELETE_REMOTE:
            client.delete(remote[uid].href, etag=remote[uid].etag)
            out.deleted_there += 1
            out.statuses[uid] = None
        elif kind in (Kind.CREATE_LOCAL, Kind.UPDATE_LOCAL):
            out.statuses[uid] = Status(remote[uid].href, remote[uid].etag, -1, remote[uid].hash)
        elif kind is Kind.DELETE_LOCAL:
            out.delete_here.append(uid)
            out.statuses[uid] = None
        elif kind is Kind.FORGET:
            out.statuses[uid] = None
        elif kind is Kind.SAVE_STATUS:
            local = snap.local[uid]
            out.statuses[uid] = Status(remote[uid].href, remote[uid].etag, local.revision,
                                       local.hash)


def exchange(client: CalDavClient, snap: Snapshot, *, now: datetime) -> Outcome:
    """Run one sync against the server; local writes are left to the caller (see Outcome).

    A status with local_revision -1 means "set it to the revision our local write makes".
    """
    out = Outcome(token=snap.token)
    try:
        remote = _remote_view(client, snap, out)
        result = plan(snap.status, snap.local, remote, policy=snap.policy, force=snap.force)
        if result.stopped:
            out.stopped = result.stopped
            out.token = snap.token  # nothing was applied: keep the old starting point
            out.incoming.clear()
            return out
        wanted = {a.uid for a in result.actions
                  if a.kind in (Kind.CREATE_LOCAL, Kind.UPDATE_LOCAL)}
        out.incoming = {u: e for u, e in out.incoming.items() if u in wanted}
        _apply(client, snap, result, remote, out, now)
    except ExternalServiceError as error:
        out.error = error
        out.token = snap.token  # re-list next time: some changes were not taken in
    return out
