"""Benchmark: the agenda week view with 30 users × 50 appointments (a planning of 210 lanes).

    .venv/bin/python bench/bench_agenda_gui.py [--users 30] [--per-user 50] [--runs 7]

A temporary database gets the users and appointments through the services (random quarter
hours between 07:00 and 19:00 over one week, 15–180 minutes, a few all-day ones, some of them
shared by two users). In one process, offscreen, 1200 × 800 window:

- extradesk: `agenda.list_appointments` for the week (SQL), then TimeGrid.set_period +
  set_entries (placement) + a full repaint of the view (grab()), timed together and apart.
- baseline, same entries: the naive widget way, one QLabel per appointment (styled, word
  wrapped, positioned in its lane) inside a QScrollArea, built and painted (grab()).
Target from issue 5: the week view renders in ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget  # noqa: E402

from extradesk.core.clock import FixedClock  # noqa: E402
from extradesk.services import users  # noqa: E402
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda.dto import AppointmentInput  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402
from extradesk.services.dto import UserInput  # noqa: E402
from extradesk.ui.agenda.calendar_text import at  # noqa: E402
from extradesk.ui.agenda.week_view import TimeGrid  # noqa: E402

MONDAY = date(2026, 11, 30)
COLORS = ("#3465a4", "#c4432b", "#4e9a06", "#75507b", "#c17d11", "#06989a")


def build(ctx, n_users: int, per_user: int) -> list[tuple[int, str, str]]:
    rng = random.Random(1)
    people = []
    for i in range(n_users):
        uid, _ = users.create_user(ctx, UserInput(name=f"Technicien {i + 1:02d}",
                                                  initials=f"T{i:02d}", color=COLORS[i % 6]))
        people.append((uid, f"Technicien {i + 1:02d}", COLORS[i % 6]))
    ctx.user_id = None  # the system: may write every agenda
    for uid, _name, _color in people:
        for k in range(per_user):
            day = MONDAY + timedelta(days=rng.randrange(7))
            start = at(day, rng.randrange(7 * 4, 19 * 4) * 15)
            who = (uid,) if k % 10 else (uid, rng.choice(people)[0])
            data = AppointmentInput(title=f"Pose liner piscine {k}", start=start,
                                    end=start + timedelta(minutes=15 * rng.randrange(1, 13)),
                                    user_ids=tuple(dict.fromkeys(who)),
                                    all_day=k % 25 == 0, location="12 rue des Lilas, Lyon")
            agenda.create_appointment(ctx, data)
    ctx.user_id = people[0][0]
    return people


def naive(entries, people, days) -> QScrollArea:
    """One QLabel per appointment, positioned in its lane: what a first version would do."""
    lane_w, hour_h = 60, 44
    index = {(d, u[0]): i for i, (d, u) in enumerate((d, u) for d in days for u in people)}
    colors = {u[0]: u[2] for u in people}
    content = QWidget()
    content.resize(lane_w * len(index), hour_h * 24)
    for e in entries:
        lane = index.get((e.start.date(), e.user_id))
        if lane is None:
            continue
        block = QLabel(f"{e.start:%H:%M}–{e.end:%H:%M}\n{e.title}\n{e.location}", content)
        block.setWordWrap(True)
        block.setStyleSheet(f"background: {colors[e.user_id]}40; border-left: 3px solid "
                            f"{colors[e.user_id]}; font-size: 8pt;")
        minutes = e.start.hour * 60 + e.start.minute
        height = max(14, int((e.end - e.start).total_seconds() / 3600 * hour_h))
        block.setGeometry(lane * lane_w, int(minutes / 60 * hour_h), lane_w - 2, height)
    area = QScrollArea()
    area.setWidget(content)
    area.resize(1200, 800)
    area.verticalScrollBar().setValue(7 * hour_h)
    return area


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--per-user", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        ctx, _ = open_context(Path(folder) / "bench.sqlite3",
                              clock=FixedClock(datetime(2026, 12, 2, 9, tzinfo=UTC)))
        t0 = time.perf_counter()
        people = build(ctx, args.users, args.per_user)
        print(f"built {args.users} users × {args.per_user} appointments in "
              f"{time.perf_counter() - t0:.1f} s")
        ids = [u[0] for u in people]
        days = [MONDAY + timedelta(days=i) for i in range(7)]
        start, end = at(MONDAY, 0), at(MONDAY + timedelta(days=7), 0)
        sql, place, paint, total, base = [], [], [], [], []
        grid = TimeGrid()
        grid.resize(1200, 800)
        grid.show()
        app.processEvents()
        for _ in range(args.runs):
            t0 = time.perf_counter()
            entries = agenda.list_appointments(ctx, ids, start=start, end=end)
            t1 = time.perf_counter()
            grid.set_period(days, people)
            grid.set_entries(entries)
            t2 = time.perf_counter()
            grid.viewport().grab()
            t3 = time.perf_counter()
            sql.append(t1 - t0)
            place.append(t2 - t1)
            paint.append(t3 - t2)
            total.append(t3 - t0)
            t0 = time.perf_counter()
            area = naive(entries, people, days)
            area.show()
            area.grab()
            base.append(time.perf_counter() - t0)
            area.close()
            area.deleteLater()
            app.processEvents()
        ctx.db.dispose()
    ms = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms"  # noqa: E731
    print(f"week view, {len(ids)} users × 7 days = {len(grid.lanes)} lanes, "
          f"{len(entries)} entries ({len(grid.pieces)} timed pieces, "
          f"{len(grid.all_day)} all-day), median of {args.runs}:")
    print(f"  extradesk  list_appointments (SQL)      {ms(sql)}")
    print(f"  extradesk  placement (set_entries)      {ms(place)}")
    print(f"  extradesk  paint (grab of the viewport) {ms(paint)}")
    print(f"  extradesk  total                        {ms(total)}   (target ≤ 200 ms)")
    print(f"  baseline   one QLabel per appointment, built + painted   {ms(base)}")


if __name__ == "__main__":
    main()
