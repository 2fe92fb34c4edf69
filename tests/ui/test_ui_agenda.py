"""The Agenda tab driven like a person: double-click to create, drag to move, bottom edge to
resize, rights in the view, planning of several users, month view, French refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from ui_helpers import type_text

from extradesk.core.errors import StateError
from extradesk.services import users
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda import rights as agenda_rights
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.services.dto import UserInput
from extradesk.ui.agenda.agenda_page import AgendaPage

PARIS = ZoneInfo("Europe/Paris")
LEFT = Qt.MouseButton.LeftButton


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)  # the week of 23–29/11/2026


def make(ctx, who, start, hours=1, title="Visite technique"):
    data = AppointmentInput(title=title, start=start, end=start + timedelta(hours=hours),
                            user_ids=tuple(who))
    return agenda.create_appointment(ctx, data)[0]


@pytest.fixture
def page(qtbot, tasks, ctx):
    widget = AgendaPage(tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.start()
    return widget


def reload(qtbot, page):
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()


def point(grid, lane, minutes) -> QPoint:
    return QPoint(int(grid.lane_x(lane) + grid.lane_width / 2), int(grid.minute_y(minutes) + 3))


def drag(qtbot, grid, start: QPoint, end: QPoint) -> None:
    view = grid.viewport()
    QTest.mousePress(view, LEFT, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 5):  # several moves, like a hand
        QTest.mouseMove(view, start + (end - start) * step / 4)
    QTest.mouseRelease(view, LEFT, Qt.KeyboardModifier.NoModifier, end)


def only(ctx, user, day_from=23, day_to=30):
    entries = agenda.list_appointments(ctx, [user], start=at(day_from, 0),
                                       end=at(day_to, 0) if day_to <= 30 else at(30, 23))
    assert len(entries) == 1
    return entries[0]


def test_week_shows_french_days_and_today(page):
    assert page.title.text() == "Semaine du 23 au 29 novembre 2026"
    assert [lane.day.day for lane in page.grid.lanes] == [23, 24, 25, 26, 27, 28, 29]
    assert page.grid.today.day == 28  # the fixed clock's Saturday is highlighted
    top = page.grid.minutes_at(page.grid.header.height)
    assert 6 * 60 < top <= 7 * 60 + 1  # opens on the working day, 07:00 at the top


def test_create_by_double_click_and_the_dialog(qtbot, page, ctx, idle):
    grid = page.grid
    QTest.mouseDClick(grid.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                      point(grid, 2, 10 * 60 + 20))  # Wednesday 25/11, a bit after 10:15
    dialog = page.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert dialog.form.start.date.text() == "25/11/2026"
    assert dialog.form.start.time.text() == "10:15"
    type_text(qtbot, dialog.form.title, "Pose du liner, Hélène")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    entry = only(ctx, ctx.user_id)
    assert (entry.title, entry.start, entry.end) == ("Pose du liner, Hélène", at(25, 10, 15),
                                                      at(25, 11, 15))
    assert [p.entry.appointment_id for p in grid.pieces] == [entry.appointment_id]


def test_drag_moves_to_another_day_and_hour_on_quarter_hours(qtbot, page, ctx):
    make(ctx, [ctx.user_id], at(25, 10))
    reload(qtbot, page)
    grid = page.grid
    [piece] = grid.pieces
    start = point(grid, 2, 10 * 60 + 20)
    # one day right, 95 minutes down: snaps to 90 minutes
    end = QPoint(int(start.x() + grid.lane_width), int(start.y() + grid.hour_height * 95 / 60))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        drag(qtbot, grid, start, end)
    entry = only(ctx, ctx.user_id)
    assert (entry.start, entry.end) == (at(26, 11, 30), at(26, 12, 30))
    assert grid.pieces[0].lane == 3


def test_bottom_edge_resizes(qtbot, page, ctx):
    make(ctx, [ctx.user_id], at(24, 9))
    reload(qtbot, page)
    grid = page.grid
    rect = grid.piece_rect(grid.pieces[0])
    start = QPoint(int(rect.center().x()), int(rect.bottom() - 2))
    end = QPoint(start.x(), int(grid.minute_y(11 * 60 + 50)))  # 11:50 snaps to 11:45
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        drag(qtbot, grid, start, end)
    entry = only(ctx, ctx.user_id)
    assert (entry.start, entry.end) == (at(24, 9), at(24, 11, 45))


@pytest.fixture
def sophie(ctx):
    """Sophie lets me see her agenda but not modify it."""
    me = ctx.user_id
    sophie, _ = users.create_user(ctx, UserInput(name="Sophie Garnier", initials="SG",
                                                 color="#c4432b"))
    ctx.user_id = sophie
    agenda_rights.set_rights(ctx, sophie, grants={me: False})
    visit = make(ctx, [sophie], at(24, 14), title="Entretien poêle")
    ctx.user_id = me
    return sophie, visit


def test_a_read_only_appointment_cannot_be_dragged_and_the_service_refuses(
        qtbot, sophie, page, ctx, idle):
    sophie_id, visit = sophie
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.select_users([ctx.user_id, sophie_id])
    grid = page.grid
    [piece] = grid.pieces
    assert not piece.entry.can_modify and grid.lanes[piece.lane].user_id == sophie_id
    moves = []
    grid.move_requested.connect(lambda *args: moves.append(args))
    rect = grid.piece_rect(piece)
    start = rect.center().toPoint()
    drag(qtbot, grid, start, start + QPoint(0, int(grid.hour_height * 2)))
    idle()
    assert moves == []
    assert agenda.get_appointment(ctx, visit).start == at(24, 14)
    with pytest.raises(StateError):
        agenda.move_appointment(ctx, visit, start=at(24, 16), end=at(24, 17))
    assert agenda.get_appointment(ctx, visit).start == at(24, 14)


def test_planning_drag_to_another_users_lane(qtbot, page, ctx):
    marc, _ = users.create_user(ctx, UserInput(name="Marc Lefèvre", initials="ML"))
    visit = make(ctx, [ctx.user_id], at(26, 8))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.start()  # Marc is new: read the users again
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.select_users([ctx.user_id, marc])
    grid = page.grid
    assert len(grid.lanes) == 14 and grid.header.name_row > 0
    [piece] = grid.pieces
    marc_lane = next(i for i, lane in enumerate(grid.lanes)
                     if lane.user_id == marc and lane.day == piece.entry.start.date())
    start = grid.piece_rect(piece).center().toPoint()
    end = QPoint(int(grid.lane_x(marc_lane) + grid.lane_width / 2), start.y())
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        drag(qtbot, grid, start, end)
    moved = agenda.get_appointment(ctx, visit)
    assert moved.user_ids == (marc,) and moved.start == at(26, 8)


def test_month_view_lists_and_opens_a_day(qtbot, page, ctx):
    make(ctx, [ctx.user_id], at(12, 9), title="Ramonage")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_mode("month")
    month = page.month
    assert page.title.text() == "Novembre 2026"
    [entry] = month.entries[at(12, 0).date()]
    assert entry.title == "Ramonage"
    index = month.days().index(at(12, 0).date())
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        QTest.mouseDClick(month, LEFT, Qt.KeyboardModifier.NoModifier,
                          month.cell(index).bottomRight().toPoint() - QPoint(4, 4))
    assert page.mode == "day" and page.day == at(12, 0).date()
    assert page.day_list.list.item(0).text().startswith("09:00–10:00  Ramonage")


def test_bad_input_shows_french_and_saves_nothing(qtbot, page, ctx, idle):
    page.new_appointment(at(27, 9))
    dialog = page.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Donnez un titre au rendez-vous."
    type_text(qtbot, dialog.form.title, "Visite")
    dialog.form.end.set(at(27, 8))
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: "avant son début" in dialog.error.text())
    idle()
    assert dialog.error.text() == "La fin du rendez-vous est avant son début."
    assert dialog.isVisible()
    assert agenda.list_appointments(ctx, [ctx.user_id], start=at(1, 0), end=at(30, 0)) == []
