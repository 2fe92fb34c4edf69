"""Drawing the time grid: lanes, hours, blocks, the header (day names, users, all-day band).

Kept apart from week_view.py (which holds state and mouse handling) so each stays small.
Only what intersects the viewport is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from extradesk.ui.agenda.calendar_text import day_header, hm, local
from extradesk.ui.agenda.layout import Piece

if TYPE_CHECKING:
    from extradesk.ui.agenda.week_view import TimeGrid

DEFAULT_COLOR = "#3465a4"
DAY_ROW, NAME_ROW, ALL_DAY_ROW, MAX_ALL_DAY_ROWS = 24, 20, 18, 3
TODAY_BG, TODAY_HEAD, WEEKEND_BG = QColor("#fffbe6"), QColor("#d7e6f8"), QColor("#f5f5f5")
LINE, HALF_LINE, DAY_LINE = QColor("#dcdcdc"), QColor("#efefef"), QColor("#a8a8a8")
TEXT, MUTED, NOW = QColor("#1d1d1d"), QColor("#666666"), QColor("#d62728")


@dataclass(frozen=True)
class HeaderMetrics:
    day_row: int = DAY_ROW
    name_row: int = 0
    all_day_rows: int = 0

    @property
    def height(self) -> int:
        band = self.all_day_rows * ALL_DAY_ROW + (4 if self.all_day_rows else 0)
        return self.day_row + self.name_row + band


def header_metrics(view: TimeGrid, *, rows: int, planning: bool, vertical: bool,
                   names: list[str]) -> HeaderMetrics:
    name_row = 0
    if planning:
        metrics = QFontMetricsF(view.font())
        longest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        name_row = int(min(120, longest + 10)) if vertical else NAME_ROW
    return HeaderMetrics(DAY_ROW, name_row, min(rows, MAX_ALL_DAY_ROWS))


def tint(color: QColor, amount: float = 0.3) -> QColor:
    """The colour mixed with white: light enough for dark text to stay readable."""
    return QColor(int(255 - (255 - color.red()) * amount),
                  int(255 - (255 - color.green()) * amount),
                  int(255 - (255 - color.blue()) * amount))


def color_of(view: TimeGrid, piece: Piece) -> QColor:
    entry = piece.entry
    if view.color_by == "type" and entry.color:
        return QColor(entry.color)
    users = {u[0]: u[2] for u in view.users}
    return QColor(users.get(entry.user_id) or entry.color or DEFAULT_COLOR)


def _visible_lanes(view: TimeGrid) -> range:
    if not view.lanes:
        return range(0)
    first = max(0, int(view.horizontalScrollBar().value() // view.lane_width))
    count = ceil((view.viewport().width() - view.gutter) / view.lane_width) + 2
    return range(first, min(len(view.lanes), first + count))


def grid(p: QPainter, view: TimeGrid) -> None:
    width, height = view.viewport().width(), view.viewport().height()
    head_top = 0 if view.frozen_header else -view.verticalScrollBar().value()
    head_bottom = head_top + view.header.height
    p.fillRect(0, 0, width, height, Qt.GlobalColor.white)
    lanes = _visible_lanes(view)
    p.save()
    p.setClipRect(QRectF(view.gutter, head_bottom, width, height))
    _lanes(p, view, lanes, height)
    _hours(p, view, width)
    colors = {u[0]: QColor(u[2] or DEFAULT_COLOR) for u in view.users}
    font = QFont(view.font())
    font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
    p.setFont(font)
    for piece in view.pieces:
        if piece.lane in lanes:
            rect = view.piece_rect(piece)
            if rect.bottom() >= head_bottom and rect.top() <= height:
                _block(p, view, piece, rect, colors)
    _preview(p, view)
    _now_line(p, view, lanes)
    p.restore()
    _gutter(p, view, head_bottom, height)
    _header(p, view, lanes, head_top, width)


def _lanes(p: QPainter, view: TimeGrid, lanes: range, height: int) -> None:
    top = view.grid_top()
    bottom = top + view.hour_height * 24
    per_day = max(1, len(view.users)) if view.planning else 1
    for i in lanes:
        lane = view.lanes[i]
        x = view.lane_x(i)
        if lane.day == view.today:
            p.fillRect(QRectF(x, top, view.lane_width, bottom - top), TODAY_BG)
        elif lane.day.weekday() >= 5:
            p.fillRect(QRectF(x, top, view.lane_width, bottom - top), WEEKEND_BG)
        p.setPen(DAY_LINE if i % per_day == 0 else LINE)
        p.drawLine(QPointF(x, top), QPointF(x, bottom))


def _hours(p: QPainter, view: TimeGrid, width: int) -> None:
    for half in range(48):
        y = view.minute_y(half * 30)
        p.setPen(LINE if half % 2 == 0 else HALF_LINE)
        p.drawLine(QPointF(view.gutter, y), QPointF(width, y))


def _block(p: QPainter, view: TimeGrid, piece: Piece, rect: QRectF,
           colors: dict[int, QColor]) -> None:
    entry = piece.entry
    if view.color_by == "type" and entry.color:
        color = QColor(entry.color)
    else:
        color = colors.get(entry.user_id) or QColor(entry.color or DEFAULT_COLOR)
    cancelled = entry.status == "cancelled"
    p.fillRect(rect, tint(color, 0.12 if cancelled else 0.28))
    p.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), color)
    p.setPen(QPen(color.darker(115), 1))
    p.drawRect(rect)
    if rect.width() < 16:
        return
    text_rect = rect.adjusted(5, 1, -1 - (11 if not entry.can_modify else 0), -1)
    p.save()  # the font changes below are this block's only
    if text_rect.width() < 70:  # two appointments side by side: a smaller font, more words
        small = QFont(p.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        p.setFont(small)
    metrics = QFontMetricsF(p.font())
    line = metrics.height()
    lines = block_lines(metrics, entry, text_rect.width(), text_rect.height())
    p.setPen(MUTED if cancelled else TEXT)
    font = p.font()
    font.setStrikeOut(cancelled)
    p.setFont(font)
    y = text_rect.top()
    for text in lines:
        p.drawText(QPointF(text_rect.left(), y + metrics.ascent()), text)
        y += line
    p.restore()
    if not entry.can_modify:
        lock(p, QPointF(rect.right() - 10, rect.top() + 3))


def wrap(metrics: QFontMetricsF, text: str, width: float, count: int) -> list[str]:
    """`text` over at most `count` lines of `width`, cut between words; what does not fit
    ends the last line with an ellipsis (a word wider than a line is elided alone)."""
    words, lines = text.split(), []
    while words and len(lines) < count:
        current = words.pop(0)
        while words and metrics.horizontalAdvance(f"{current} {words[0]}") <= width:
            current += " " + words.pop(0)
        if len(lines) == count - 1 and words:  # the last line: the rest, elided
            current = " ".join([current, *words])
            words = []
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines


def _fits(metrics: QFontMetricsF, text: str, width: float, count: int) -> bool:
    lines = wrap(metrics, text, width, count)
    return " ".join(lines) == " ".join(text.split())


def block_lines(metrics: QFontMetricsF, entry, width: float, height: float) -> list[str]:
    """The lines of a timed block: hours, the title wrapped over the room there is, then the
    place if lines are left. A short block starts the title on the hour's line."""
    count = max(1, int(height // metrics.height()))
    start, end = hm(local(entry.start)), hm(local(entry.end))
    hours = f"{start}–{end}" if metrics.horizontalAdvance("00:00–00:00") <= width else start
    if count > 1 and _fits(metrics, entry.title, width, count - 1):
        lines = [hours, *wrap(metrics, entry.title, width, count - 1)]
    else:  # not enough room: the start hour leads the title, the end shows in the height
        lines = wrap(metrics, f"{start} {entry.title}", width, count)
    if entry.location and len(lines) < count:
        lines += wrap(metrics, entry.location, width, count - len(lines))
    return lines


def lock(p: QPainter, at: QPointF) -> None:
    """A small padlock (drawn: emoji fonts are not everywhere)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor("#444444"), 1.3))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(at.x() + 1.5, at.y(), 5, 6), 0, 180 * 16)
    p.setBrush(QColor("#444444"))
    p.drawRect(QRectF(at.x(), at.y() + 3.5, 8, 5.5))
    p.restore()


def _preview(p: QPainter, view: TimeGrid) -> None:
    drag = view.drag_preview()
    if drag is None:
        return
    start, end = local(drag["start"]), local(drag["end"])
    lane = drag["to_lane"]
    a = start.hour * 60 + start.minute
    b = a + (end - start).total_seconds() / 60
    rect = QRectF(view.lane_x(lane) + 1, view.minute_y(a), view.lane_width - 4,
                  max(14.0, (b - a) / 60 * view.hour_height - 1))
    p.setPen(QPen(QColor("#1f4e8c"), 1.5, Qt.PenStyle.DashLine))
    p.setBrush(QColor(31, 78, 140, 40))
    p.drawRect(rect)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(TEXT)
    p.drawText(rect.adjusted(4, 2, -2, -2), Qt.AlignmentFlag.AlignLeft
               | Qt.AlignmentFlag.AlignTop, f"{hm(start)}–{hm(end)}")


def _now_line(p: QPainter, view: TimeGrid, lanes: range) -> None:
    if view.now is None:
        return
    now = local(view.now)
    y = view.minute_y(now.hour * 60 + now.minute)
    p.setPen(QPen(NOW, 2))
    for i in lanes:
        if view.lanes[i].day == now.date():
            x = view.lane_x(i)
            p.drawLine(QPointF(x, y), QPointF(x + view.lane_width, y))


def _gutter(p: QPainter, view: TimeGrid, top: float, height: int) -> None:
    p.fillRect(QRectF(0, top, view.gutter, height), QColor("#fafafa"))
    p.setPen(LINE)
    p.drawLine(QPointF(view.gutter, top), QPointF(view.gutter, height))
    p.setPen(MUTED)
    for hour in range(24):
        y = view.minute_y(hour * 60)
        if y + 14 > top and y < height:
            p.drawText(QRectF(0, y + 1, view.gutter - 6, 14), Qt.AlignmentFlag.AlignRight,
                       f"{hour:02d}:00")


def _header(p: QPainter, view: TimeGrid, lanes: range, top: float, width: int) -> None:
    h = view.header
    p.fillRect(QRectF(0, top, width, h.height), QColor("#f3f3f3"))
    p.save()
    p.setClipRect(QRectF(view.gutter, top, width, h.height))
    per_day = len(view.users) if view.planning else 1
    bold = QFont(view.font())
    bold.setBold(True)
    for i in lanes:
        lane = view.lanes[i]
        x = view.lane_x(i)
        if i % per_day == 0 or i == lanes.start:
            first = i - i % per_day
            day_rect = QRectF(view.lane_x(first), top, view.lane_width * per_day, h.day_row)
            today = lane.day == view.today
            if today:
                p.fillRect(day_rect, TODAY_HEAD)
            p.setFont(bold if today else view.font())
            p.setPen(TEXT)
            p.drawText(day_rect, Qt.AlignmentFlag.AlignCenter, day_header(lane.day))
        p.setFont(view.font())
        if h.name_row:
            _name(p, view, i, QRectF(x, top + h.day_row, view.lane_width, h.name_row))
        # Between users of one day the line starts below the day's title, which spans them.
        day_edge = i % per_day == 0
        p.setPen(DAY_LINE if day_edge else LINE)
        p.drawLine(QPointF(x, top if day_edge else top + h.day_row), QPointF(x, top + h.height))
    for piece in view.all_day:
        if piece.lane in lanes and piece.column < h.all_day_rows:
            _chip(p, view, piece, _chip_rect(view, piece, top))
    p.restore()
    p.setPen(DAY_LINE)
    p.drawLine(QPointF(0, top + h.height - 1), QPointF(width, top + h.height - 1))


def _name(p: QPainter, view: TimeGrid, lane: int, rect: QRectF) -> None:
    user = next((u for u in view.users if u[0] == view.lanes[lane].user_id), None)
    if user is None:
        return
    p.fillRect(QRectF(rect.left() + 1, rect.bottom() - 3, rect.width() - 2, 3),
               QColor(user[2] or DEFAULT_COLOR))
    p.setPen(TEXT)
    metrics = QFontMetricsF(p.font())
    if view.vertical_names:
        p.save()
        p.translate(rect.center().x() + metrics.ascent() / 2 - 2, rect.bottom() - 5)
        p.rotate(-90)
        text = metrics.elidedText(user[1], Qt.TextElideMode.ElideRight, rect.height() - 8)
        p.drawText(QPointF(0, 0), text)
        p.restore()
    else:
        text = metrics.elidedText(user[1], Qt.TextElideMode.ElideRight, rect.width() - 4)
        p.drawText(rect.adjusted(2, 0, -2, -3), Qt.AlignmentFlag.AlignCenter, text)


def _chip_rect(view: TimeGrid, piece: Piece, top: float) -> QRectF:
    h = view.header
    y = top + h.day_row + h.name_row + 2 + piece.column * ALL_DAY_ROW
    return QRectF(view.lane_x(piece.lane) + 2, y, view.lane_width - 4, ALL_DAY_ROW - 2)


def _chip(p: QPainter, view: TimeGrid, piece: Piece, rect: QRectF) -> None:
    color = color_of(view, piece)
    p.fillRect(rect, tint(color, 0.35))
    p.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), color)
    p.setPen(TEXT)
    metrics = QFontMetricsF(p.font())
    p.drawText(rect.adjusted(5, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter,
               metrics.elidedText(piece.entry.title, Qt.TextElideMode.ElideRight,
                                  rect.width() - 8))


def all_day_at(view: TimeGrid, pos: QPointF) -> Piece | None:
    top = 0 if view.frozen_header else -view.verticalScrollBar().value()
    for piece in view.all_day:
        if piece.column < view.header.all_day_rows and \
                _chip_rect(view, piece, top).contains(pos):
            return piece
    return None
