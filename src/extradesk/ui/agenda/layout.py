"""Where each appointment goes in a time grid: lane, minutes, and side-by-side columns.

Pure Python (no Qt), so the placement is computed once per data or size change, never per
paint: the paint only walks a ready list of rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from extradesk.services.agenda.dto import AgendaEntry
from extradesk.ui.agenda.calendar_text import local

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Lane:
    day: date
    user_id: int | None  # None: one merged lane for the day (no planning)


@dataclass
class Piece:
    """One day's part of a timed appointment, in one lane."""

    entry: AgendaEntry
    lane: int
    start: int  # minutes after local midnight
    end: int
    first: bool  # the piece holding the real start (a drag starts from there)
    last: bool  # the piece holding the real end (its bottom edge resizes)
    column: int = 0
    columns: int = 1


def lanes_for(days: list[date], user_ids: list[int]) -> list[Lane]:
    """Day-major: each day holds one lane per user (a planning), or one lane."""
    if len(user_ids) <= 1:
        return [Lane(d, user_ids[0] if user_ids else None) for d in days]
    return [Lane(d, u) for d in days for u in user_ids]


def _lane_index(lanes: list[Lane]) -> dict[tuple[date, int | None], int]:
    return {(lane.day, lane.user_id): i for i, lane in enumerate(lanes)}


def place(entries: list[AgendaEntry], lanes: list[Lane]) -> tuple[list[Piece], list[Piece]]:
    """(timed pieces, all-day pieces); all-day pieces use `column` as their row."""
    index = _lane_index(lanes)
    merged = all(lane.user_id is None for lane in lanes) or len(
        {lane.user_id for lane in lanes}) == 1
    timed: list[Piece] = []
    whole: list[Piece] = []
    seen: set[tuple[int, int]] = set()  # (appointment, lane): one user listed once per lane
    for entry in entries:
        start, end = local(entry.start), local(entry.end)
        user = lanes[0].user_id if merged and lanes else entry.user_id
        day = start.date()
        last_day = (end - timedelta(microseconds=1)).date() if end > start else day
        while day <= last_day:
            lane = index.get((day, user))
            if lane is not None and (entry.appointment_id, lane) not in seen:
                seen.add((entry.appointment_id, lane))
                if entry.all_day:
                    whole.append(Piece(entry, lane, 0, DAY_MINUTES, True, True))
                else:
                    a = start.hour * 60 + start.minute if day == start.date() else 0
                    b = end.hour * 60 + end.minute if day == end.date() else DAY_MINUTES
                    timed.append(Piece(entry, lane, a, max(b, a + 15), day == start.date(),
                                       day == end.date() or b == DAY_MINUTES and
                                       day == last_day))
            day += timedelta(days=1)
    _columns(timed)
    _rows(whole)
    return timed, whole


def _columns(pieces: list[Piece]) -> None:
    """Overlapping pieces of a lane share its width: greedy columns per overlap cluster."""
    by_lane: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_lane.setdefault(piece.lane, []).append(piece)
    for lane_pieces in by_lane.values():
        lane_pieces.sort(key=lambda p: (p.start, -p.end))
        cluster: list[Piece] = []
        ends: list[int] = []  # end minute of the last piece in each column
        cluster_end = -1
        for piece in lane_pieces:
            if piece.start >= cluster_end and cluster:
                _close(cluster, len(ends))
                cluster, ends = [], []
            for col, col_end in enumerate(ends):
                if col_end <= piece.start:
                    piece.column, ends[col] = col, piece.end
                    break
            else:
                piece.column = len(ends)
                ends.append(piece.end)
            cluster.append(piece)
            cluster_end = max(cluster_end, piece.end)
        _close(cluster, len(ends))


def _close(cluster: list[Piece], columns: int) -> None:
    for piece in cluster:
        piece.columns = columns


def _rows(pieces: list[Piece]) -> None:
    used: dict[int, int] = {}
    for piece in pieces:
        piece.column = used.get(piece.lane, 0)
        used[piece.lane] = piece.column + 1
