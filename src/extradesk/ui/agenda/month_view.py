"""The month view: six weeks of day cells, each listing its first appointments and « +n »."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from extradesk.services.agenda.dto import AgendaEntry
from extradesk.ui.agenda.calendar_text import DAYS_SHORT, hm, local, week_start
from extradesk.ui.agenda.paint import DEFAULT_COLOR, LINE, MUTED, TEXT, TODAY_BG, tint

HEAD = 22


class MonthView(QWidget):
    day_requested = Signal(object)  # a date: open that day
    open_requested = Signal(int)  # appointment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaMonth")
        self.month = date.today().replace(day=1)
        self.today: date | None = None
        self.entries: dict[date, list[AgendaEntry]] = {}
        self.colors: dict[int, str] = {}
        self.color_by = "user"
        self._hits: list[tuple[QRectF, int]] = []

    def first_day(self) -> date:
        return week_start(self.month)

    def days(self) -> list[date]:
        return [self.first_day() + timedelta(days=i) for i in range(42)]

    def set_month(self, day: date, colors: dict[int, str]) -> None:
        self.month, self.colors, self.entries = day.replace(day=1), colors, {}
        self.update()

    def set_entries(self, entries: list[AgendaEntry]) -> None:
        """One line per appointment and day (a planning lists each appointment once)."""
        self.entries = {}
        seen: set[tuple[int, date]] = set()
        for entry in entries:
            day, last = local(entry.start).date(), local(entry.end).date()
            if entry.all_day or local(entry.end).time() == local(entry.end).time().min:
                last -= timedelta(days=1)
            while day <= max(last, local(entry.start).date()):
                if (entry.appointment_id, day) not in seen:
                    seen.add((entry.appointment_id, day))
                    self.entries.setdefault(day, []).append(entry)
                day += timedelta(days=1)
        self.update()

    def cell(self, index: int) -> QRectF:
        w, h = self.width() / 7, (self.height() - HEAD) / 6
        return QRectF(index % 7 * w, HEAD + index // 7 * h, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        metrics = QFontMetricsF(self.font())
        line = metrics.height() + 1
        p.setPen(MUTED)
        for i, name in enumerate(DAYS_SHORT):
            p.drawText(QRectF(i * self.width() / 7, 0, self.width() / 7, HEAD),
                       Qt.AlignmentFlag.AlignCenter, name.rstrip(".").capitalize())
        bold = QFont(self.font())
        bold.setBold(True)
        self._hits = []
        for i, day in enumerate(self.days()):
            rect = self.cell(i)
            if day == self.today:
                p.fillRect(rect, TODAY_BG)
            elif day.month != self.month.month:
                p.fillRect(rect, QColor("#f7f7f7"))
            p.setPen(LINE)
            p.drawRect(rect)
            p.setFont(bold if day == self.today else self.font())
            p.setPen(TEXT if day.month == self.month.month else MUTED)
            p.drawText(rect.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignRight, str(day.day))
            p.setFont(self.font())
            self._day_entries(p, rect, self.entries.get(day, []), metrics, line)
        p.end()

    def _day_entries(self, p, rect: QRectF, entries, metrics, line: float) -> None:
        room = max(0, int((rect.height() - line - 4) // line))
        shown = entries if len(entries) <= room else entries[:max(0, room - 1)]
        y = rect.top() + line + 2
        for entry in shown:
            color = QColor((entry.color if self.color_by == "type" else None)
                           or self.colors.get(entry.user_id) or entry.color or DEFAULT_COLOR)
            chip = QRectF(rect.left() + 3, y, rect.width() - 6, line - 1)
            p.fillRect(chip, tint(color, 0.3))
            p.fillRect(QRectF(chip.left(), chip.top(), 3, chip.height()), color)
            text = entry.title if entry.all_day else f"{hm(local(entry.start))} {entry.title}"
            p.setPen(TEXT)
            p.drawText(QPointF(chip.left() + 5, chip.top() + metrics.ascent()),
                       metrics.elidedText(text, Qt.TextElideMode.ElideRight, chip.width() - 7))
            self._hits.append((chip, entry.appointment_id))
            y += line
        if len(shown) < len(entries):
            from extradesk.i18n import format as fmt

            p.setPen(MUTED)
            p.drawText(QPointF(rect.left() + 6, y + metrics.ascent()),
                       "+" + fmt.count(len(entries) - len(shown), "autre", "autres"))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        for rect, appointment_id in self._hits:
            if rect.contains(pos):
                self.open_requested.emit(appointment_id)
                return
        for i, day in enumerate(self.days()):
            if self.cell(i).contains(pos):
                self.day_requested.emit(day)
                return
