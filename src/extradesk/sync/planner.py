"""The pure sync plan (vdirsyncer's algorithm): status rows + both sides -> actions.

No I/O here. The caller lists the server (etags only), downloads the bodies whose etag moved,
hashes what changed locally, then asks `plan` what to do. A side "changed" when its version
(etag, local revision) moved *and* its content hash differs from the status: a server that
rewrites PRODID or VTIMEZONE is not a change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

POLICIES = ("most_recent", "local", "remote")


class Kind(Enum):
    UPLOAD = "upload"  # create on the server (If-None-Match: *)
    UPDATE_REMOTE = "update_remote"  # overwrite on the server (If-Match: status etag)
    DELETE_REMOTE = "delete_remote"
    CREATE_LOCAL = "create_local"
    UPDATE_LOCAL = "update_local"
    DELETE_LOCAL = "delete_local"
    SAVE_STATUS = "save_status"  # both sides equal: only the status row moves
    FORGET = "forget"  # gone on both sides


@dataclass(frozen=True)
class Status:
    href: str
    etag: str | None
    local_revision: int
    hash: str


@dataclass(frozen=True)
class Local:
    revision: int
    hash: str
    modified: datetime
    upcoming: bool = True  # ends after now: a forced resync re-pushes it


@dataclass(frozen=True)
class Remote:
    href: str
    etag: str | None
    hash: str
    modified: datetime | None = None


@dataclass(frozen=True)
class Action:
    kind: Kind
    uid: str
    conflict: str | None = None  # "local" or "remote": which side won a conflict


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    stopped: str | None = None  # "remote_empty" / "local_empty": nothing was done

    def of(self, kind: Kind) -> list[str]:
        return [a.uid for a in self.actions if a.kind is kind]


class EmptySide(Exception):
    """One side is suddenly empty while the status says it held items: do not mirror a wipe."""


def _winner(policy: str, local: Local, remote: Remote) -> str:
    if policy in ("local", "remote"):
        return policy
    if remote.modified is None or local.modified >= remote.modified:
        return "local"  # ties and undated phone edits: the office copy wins
    return "remote"


def _conflict(uid: str, policy: str, local: Local, remote: Remote) -> Action:
    side = _winner(policy, local, remote)
    kind = Kind.UPDATE_REMOTE if side == "local" else Kind.UPDATE_LOCAL
    return Action(kind, uid, conflict=side)


def _one(uid: str, status: Status | None, local: Local | None, remote: Remote | None, *,
         policy: str, force: bool) -> Action | None:
    if status is None:
        if local and remote:
            if local.hash == remote.hash:
                return Action(Kind.SAVE_STATUS, uid)
            return _conflict(uid, policy, local, remote)
        if local:
            return Action(Kind.UPLOAD, uid)
        return Action(Kind.CREATE_LOCAL, uid) if remote else None
    local_changed = local is not None and local.revision != status.local_revision \
        and local.hash != status.hash
    remote_changed = remote is not None and remote.etag != status.etag \
        and remote.hash != status.hash
    if local and remote:
        if local_changed and remote_changed:
            if local.hash == remote.hash:
                return Action(Kind.SAVE_STATUS, uid)
            return _conflict(uid, policy, local, remote)
        if local_changed:
            return Action(Kind.UPDATE_REMOTE, uid)
        if remote_changed:
            return Action(Kind.UPDATE_LOCAL, uid)
        if force and local.upcoming and local.hash != remote.hash:
            return Action(Kind.UPDATE_REMOTE, uid)  # the server copy is not ours: re-push
        if local.revision != status.local_revision or remote.etag != status.etag:
            return Action(Kind.SAVE_STATUS, uid)
        return None
    if local:  # deleted on the server
        if local_changed or (force and local.upcoming):
            return Action(Kind.UPLOAD, uid)  # a local edit outlives a remote delete
        return Action(Kind.DELETE_LOCAL, uid)
    if remote:  # deleted here
        return Action(Kind.CREATE_LOCAL, uid) if remote_changed else \
            Action(Kind.DELETE_REMOTE, uid)
    return Action(Kind.FORGET, uid)


def plan(status: dict[str, Status], local: dict[str, Local], remote: dict[str, Remote], *,
         policy: str = "most_recent", force: bool = False) -> Plan:
    """What to do so that both sides hold the same events. Keys are UIDs."""
    if policy not in POLICIES:
        raise ValueError(policy)
    result = Plan()
    # "Synchroniser maintenant" on a wiped calendar: send everything again, delete nothing.
    refill = force and bool(status) and not remote and bool(local)
    # vdirsyncer's guard: a server answering an empty calendar (wrong calendar, server
    # reset, account switched) must not delete the whole local agenda, nor the reverse.
    if not refill and status and (not remote or not local) and any(u in status for u in (local or remote)):
        result.stopped = "remote_empty" if not remote else "local_empty"
        return result
    for uid in sorted(set(status) | set(local) | set(remote)):
        action = _one(uid, status.get(uid), local.get(uid), remote.get(uid),
                      policy=policy, force=force)
        if refill and action is not None and action.kind is Kind.DELETE_LOCAL:
            action = Action(Kind.UPLOAD, uid)
        if action is not None:
            result.actions.append(action)
    return result
