"""The pure sync plan: both sides end equal, nothing edited is lost, a second run is a no-op."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from extradesk.sync.planner import Kind, Local, Remote, Status, plan

T0 = datetime(2026, 1, 1, tzinfo=UTC)
FATES = st.sampled_from(["same", "edit", "delete"])


class World:
    """Two stores and the status, as the executor would keep them."""

    def __init__(self) -> None:
        self.local: dict[str, tuple[int, str]] = {}  # uid -> (revision, content)
        self.remote: dict[str, tuple[str, str]] = {}  # uid -> (etag, content)
        self.status: dict[str, Status] = {}
        self.etags = 0

    def etag(self) -> str:
        self.etags += 1
        return f"e{self.etags}"

    def views(self, when: dict[str, datetime]):
        local = {u: Local(r, c, when.get(u, T0)) for u, (r, c) in self.local.items()}
        remote = {u: Remote(f"/{u}.ics", e, c, T0) for u, (e, c) in self.remote.items()}
        return local, remote

    def remember(self, uid: str) -> None:
        revision, content = self.local[uid]
        self.status[uid] = Status(f"/{uid}.ics", self.remote[uid][0], revision, content)

    def apply(self, actions) -> None:
        for action in actions:
            uid, kind = action.uid, action.kind
            if kind in (Kind.UPLOAD, Kind.UPDATE_REMOTE):
                self.remote[uid] = (self.etag(), self.local[uid][1])
            elif kind in (Kind.CREATE_LOCAL, Kind.UPDATE_LOCAL):
                old = self.local.get(uid, (0, ""))[0]
                self.local[uid] = (old + 1, self.remote[uid][1])
            elif kind is Kind.DELETE_LOCAL:
                del self.local[uid]
            elif kind is Kind.DELETE_REMOTE:
                del self.remote[uid]
            if kind is Kind.FORGET or kind in (Kind.DELETE_LOCAL, Kind.DELETE_REMOTE):
                self.status.pop(uid, None)
            elif kind is not Kind.FORGET:
                self.remember(uid)


@st.composite
def worlds(draw):
    world = World()
    synced = draw(st.integers(0, 6))
    for i in range(synced):
        uid = f"s{i}"
        world.local[uid] = (1, f"c{i}")
        world.remote[uid] = (world.etag(), f"c{i}")
        world.remember(uid)
    newer_here: dict[str, datetime] = {}
    for i in range(synced):
        uid = f"s{i}"
        local_fate, remote_fate = draw(FATES), draw(FATES)
        same_edit = draw(st.booleans())
        if local_fate == "edit":
            world.local[uid] = (2, f"L{i}")
            newer_here[uid] = T0 + timedelta(hours=draw(st.sampled_from([-1, 1])))
        elif local_fate == "delete":
            del world.local[uid]
        if remote_fate == "edit":
            world.remote[uid] = (world.etag(), f"L{i}" if same_edit else f"R{i}")
        elif remote_fate == "delete":
            del world.remote[uid]
    for i in range(draw(st.integers(0, 3))):
        world.local[f"nl{i}"] = (1, f"nl{i}")
    for i in range(draw(st.integers(0, 3))):
        world.remote[f"nr{i}"] = (world.etag(), f"nr{i}")
    return world, newer_here


@settings(max_examples=300, deadline=None)
@given(worlds(), st.sampled_from(["most_recent", "local", "remote"]), st.booleans())
def test_a_sync_converges_loses_no_edit_and_is_idempotent(case, policy, force):
    world, when = case
    edited_here = {u for u, (rev, _) in world.local.items() if rev == 2}
    edited_there = {u for u, (_, c) in world.remote.items() if c.startswith(("R", "L"))}
    local, remote = world.views(when)
    result = plan(dict(world.status), local, remote, policy=policy, force=force)
    if result.stopped:
        assert not world.local or not world.remote
        assert not result.actions
        return
    world.apply(result.actions)
    assert {u: c for u, (_, c) in world.local.items()} == \
        {u: c for u, (_, c) in world.remote.items()}
    for uid in edited_here | edited_there:  # an edit on either side is never deleted
        assert uid in world.local
    local, remote = world.views(when)
    again = plan(dict(world.status), local, remote, policy=policy, force=force)
    assert again.actions == [] and again.stopped is None


def test_conflict_policies():
    status = {"a": Status("/a.ics", "e1", 1, "h0")}
    local = {"a": Local(2, "hL", T0 + timedelta(hours=1))}
    remote = {"a": Remote("/a.ics", "e2", "hR", T0)}
    won = {p: plan(status, local, remote, policy=p).actions[0] for p in
           ("most_recent", "local", "remote")}
    assert won["most_recent"].kind is Kind.UPDATE_REMOTE and won["most_recent"].conflict == "local"
    assert won["local"].kind is Kind.UPDATE_REMOTE
    assert won["remote"].kind is Kind.UPDATE_LOCAL and won["remote"].conflict == "remote"
    later = {"a": Remote("/a.ics", "e2", "hR", T0 + timedelta(hours=2))}
    assert plan(status, local, later).actions[0].kind is Kind.UPDATE_LOCAL


def test_an_empty_server_stops_instead_of_wiping_the_agenda():
    status = {u: Status(f"/{u}.ics", "e", 1, u) for u in "abc"}
    local = {u: Local(1, u, T0) for u in "abc"}
    result = plan(status, local, {})
    assert result.stopped == "remote_empty" and result.actions == []
    forced = plan(status, local, {}, force=True)
    assert forced.of(Kind.UPLOAD) == ["a", "b", "c"] and not forced.of(Kind.DELETE_LOCAL)


def test_forced_resync_repushes_upcoming_events_deleted_on_the_phone_only():
    status = {u: Status(f"/{u}.ics", "e", 1, u) for u in "abc"}
    local = {"a": Local(1, "a", T0, upcoming=True), "b": Local(1, "b", T0, upcoming=False),
             "c": Local(1, "c", T0)}
    remote = {"c": Remote("/c.ics", "e", "c")}
    assert plan(status, local, remote).of(Kind.DELETE_LOCAL) == ["a", "b"]
    forced = plan(status, local, remote, force=True)
    assert forced.of(Kind.UPLOAD) == ["a"] and forced.of(Kind.DELETE_LOCAL) == ["b"]
