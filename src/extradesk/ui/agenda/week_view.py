"""The time grid of the day, week and planning views: hours down, days (× users) across.

One painted widget (a QAbstractScrollArea), not a widget per appointment: placement is
computed once per data or size change (layout.py) and a paint walks the visible rectangles
only, so a week of 30 users × 50 appointments stays well under the 200 ms budget.
Dragging a block moves it (15-minute steps, to another day or another user's lane); its
bottom edge resizes it; a block the user may not modify shows a lock and does not move.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from extradesk.services.agenda.dto import AgendaEntry
from extradesk.ui.agenda import paint
from extradesk.ui.agenda.calendar_text import at, local
from extradesk.ui.agenda.layout import DAY_MINUTES, Lane, Piece, lanes_for, place

SNAP = 15  # minutes: drags, resizes and double-clicks land on quarter hours
FIRST_HOUR, LAST_HOUR = 7, 20  # shown without scrolling when the window is tall enough
EDGE = 5  # pixels above a block's bottom edge that grab it for a resize


class TimeGrid(QAbstractScrollArea):
    create_requested = Signal(object, object)  # start (aware datetime), user id or None
    open_requested = Signal(int)  # appointment id
    # entry, new start, new end, from user, to user (the same user unless dragged across)
    move_requested = Signal(object, object, object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaTimeGrid")
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.days: list[date] = []
        self.users: list[tuple[int, str, str]] = []  # (id, name, colour) of the lanes
        self.entries: list[AgendaEntry] = []
        self.lanes: list[Lane] = []
        self.pieces: list[Piece] = []
        self.all_day: list[Piece] = []
        self.color_by = "user"  # or "type"
        self.frozen_header = True
        self.vertical_names = False
        self.today: date | None = None
        self.now: datetime | None = None
        self.hour_height = 44.0
        self.gutter = 52
        self.lane_width = 100.0
        self.header = paint.HeaderMetrics()
        self._drag: dict | None = None
        self._scrolled_once = False

    # -- data --------------------------------------------------------------------------------

    def set_period(self, days: list[date], users: list[tuple[int, str, str]]) -> None:
        self.days, self.users = list(days), list(users)
        self.lanes = lanes_for(self.days, [u[0] for u in self.users])
        self.entries = []
        self._relayout()

    def set_entries(self, entries: list[AgendaEntry]) -> None:
        self.entries = list(entries)
        self._drag = None
        self._relayout()

    def set_options(self, *, frozen: bool, vertical: bool, color_by: str) -> None:
        self.frozen_header, self.vertical_names, self.color_by = frozen, vertical, color_by
        self._relayout()

    @property
    def planning(self) -> bool:
        return len(self.users) > 1

    def _relayout(self) -> None:
        self.pieces, self.all_day = place(self.entries, self.lanes)
        rows = max((p.column + 1 for p in self.all_day), default=0)
        self.header = paint.header_metrics(self, rows=rows, planning=self.planning,
                                           vertical=self.vertical_names,
                                           names=[u[1] for u in self.users])
        self._resize_grid()

    def _resize_grid(self) -> None:
        view = self.viewport()
        usable = max(1, view.width() - self.gutter)
        minimum = 26.0 if self.planning else 60.0
        self.lane_width = max(minimum, usable / max(1, len(self.lanes)))
        self.hour_height = max(32.0, (view.height() - self.header.height)
                               / (LAST_HOUR - FIRST_HOUR))
        content_w = self.lane_width * len(self.lanes)
        self.horizontalScrollBar().setRange(0, max(0, int(content_w - usable)))
        self.horizontalScrollBar().setPageStep(usable)
        grid_h = int(self.hour_height * 24)
        self.verticalScrollBar().setRange(0, max(0, grid_h - (view.height() - self.header.height)))
        self.verticalScrollBar().setPageStep(max(1, view.height() - self.header.height))
        self.verticalScrollBar().setSingleStep(int(self.hour_height / 2))
        if not self._scrolled_once and view.height() > 0:
            self.verticalScrollBar().setValue(int(FIRST_HOUR * self.hour_height))
        self.viewport().update()

    def scroll_to_hour(self, hour: int) -> None:
        self._scrolled_once = True
        self.verticalScrollBar().setValue(int(hour * self.hour_height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hour = self.verticalScrollBar().value() / self.hour_height if self._scrolled_once \
            else FIRST_HOUR
        self._resize_grid()
        self.verticalScrollBar().setValue(int(hour * self.hour_height))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._scrolled_once = True
        self.viewport().update()

    # -- geometry (viewport coordinates) -----------------------------------------------------

    def grid_top(self) -> float:
        return self.header.height - self.verticalScrollBar().value()

    def lane_x(self, lane: int) -> float:
        return self.gutter + lane * self.lane_width - self.horizontalScrollBar().value()

    def minute_y(self, minutes: float) -> float:
        return self.grid_top() + minutes / 60 * self.hour_height

    def piece_rect(self, piece: Piece) -> QRectF:
        inner = self.lane_width - 4
        width = inner / piece.columns
        x = self.lane_x(piece.lane) + 1 + piece.column * width
        top = self.minute_y(piece.start)
        height = max(14.0, (piece.end - piece.start) / 60 * self.hour_height - 1)
        return QRectF(x, top, max(3.0, width - 1), height)

    def lane_at(self, x: float) -> int | None:
        if x < self.gutter or not self.lanes:
            return None
        lane = int((x - self.lane_x(0)) // self.lane_width)
        return lane if 0 <= lane < len(self.lanes) else None

    def minutes_at(self, y: float) -> float:
        return (y - self.grid_top()) / self.hour_height * 60

    def piece_at(self, pos: QPointF) -> Piece | None:
        if pos.y() < self.header.height:
            return None
        for piece in reversed(self.pieces):
            if self.piece_rect(piece).contains(pos):
                return piece
        return None

    def slot_at(self, pos: QPointF) -> tuple[datetime, int | None] | None:
        """The quarter hour and the user under a point of the grid (for a double-click)."""
        lane = self.lane_at(pos.x())
        if lane is None or pos.y() < self.header.height:
            return None
        minutes = int(self.minutes_at(pos.y()) // SNAP * SNAP)
        if not 0 <= minutes < DAY_MINUTES:
            return None
        return at(self.lanes[lane].day, minutes), self.lanes[lane].user_id

    # -- painting (paint.py holds the drawing helpers) --------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        paint.grid(painter, self)
        painter.end()

    # -- mouse: double-click, drag to move, bottom edge to resize ---------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        piece = self.piece_at(pos) or paint.all_day_at(self, pos)
        if piece is not None:
            self.open_requested.emit(piece.entry.appointment_id)
            return
        slot = self.slot_at(pos)
        if slot is not None:
            self.create_requested.emit(*slot)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        pos = event.position()
        piece = self.piece_at(pos)
        if event.button() != Qt.MouseButton.LeftButton or piece is None \
                or not piece.entry.can_modify:
            return  # a locked block stays where it is; a double-click still opens it
        rect = self.piece_rect(piece)
        mode = "resize" if piece.last and pos.y() >= rect.bottom() - EDGE else "move"
        self._drag = {"piece": piece, "mode": mode, "press": pos, "active": False,
                      "start": piece.entry.start, "end": piece.entry.end,
                      "lane": self.lane_at(pos.x())}

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        drag = self._drag
        if drag is None:
            self._hover_cursor(pos)
            return
        if not drag["active"]:
            moved = (pos - drag["press"]).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            drag["active"] = True
        drag["start"], drag["end"], drag["to_lane"] = self._target(drag, pos)
        self.viewport().update()

    def _target(self, drag: dict, pos: QPointF) -> tuple[datetime, datetime, int]:
        entry = drag["piece"].entry
        start, end = local(entry.start), local(entry.end)
        if drag["mode"] == "resize":
            day = self.lanes[drag["piece"].lane].day
            minutes = round(self.minutes_at(pos.y()) / SNAP) * SNAP
            new_end = at(day, max(0, min(DAY_MINUTES, minutes)))
            return start, max(new_end, start + timedelta(minutes=SNAP)), drag["piece"].lane
        delta = round((pos.y() - drag["press"].y()) / self.hour_height * 60 / SNAP) * SNAP
        lane = self.lane_at(pos.x())
        lane = drag["lane"] if lane is None or drag["lane"] is None else lane
        days = (self.lanes[lane].day - self.lanes[drag["lane"]].day).days
        naive = start.replace(tzinfo=None) + timedelta(days=days, minutes=delta)
        new_start = at(naive.date(), naive.hour * 60 + naive.minute)
        return new_start, new_start + (end - start), lane

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None or not drag["active"]:
            return
        entry = drag["piece"].entry
        self.viewport().update()
        if (drag["start"], drag["end"]) == (entry.start, entry.end) \
                and drag["to_lane"] == drag["lane"]:
            return
        from_user = self.lanes[drag["lane"]].user_id if drag["lane"] is not None else None
        to_user = self.lanes[drag["to_lane"]].user_id
        if not self.planning:
            from_user = to_user = None
        self.move_requested.emit(entry, drag["start"], drag["end"], from_user, to_user)

    def _hover_cursor(self, pos: QPointF) -> None:
        piece = self.piece_at(pos)
        if piece is None:
            self.viewport().unsetCursor()
        elif not piece.entry.can_modify:
            self.viewport().setCursor(Qt.CursorShape.ForbiddenCursor)
        elif piece.last and pos.y() >= self.piece_rect(piece).bottom() - EDGE:
            self.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    def drag_preview(self) -> dict | None:
        return self._drag if self._drag and self._drag["active"] else None
