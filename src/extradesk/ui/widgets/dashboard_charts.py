"""The home page's two charts in one small QPainter widget (QtCharts is in the 60 MB Addons
wheel): monthly revenue over 13 months against last year, and revenue by origin."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

THIS_COLOUR, LAST_COLOUR = QColor("#204a87"), QColor("#bac4d2")
TEXT, GRID, AXIS = QColor("#333333"), QColor("#e5e5e5"), QColor("#999999")
ORIGIN_COLOURS = tuple(QColor(c) for c in ("#204a87", "#4e9a06", "#c4a000", "#ce5c00",
                                           "#75507b", "#3465a4", "#8f5902", "#555753"))
MONTHLY_SHARE = 0.6  # of the width; the origins take the rest


class DashboardCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardCharts")
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.monthly: list[tuple[str, Decimal, Decimal]] | None = None  # None: not loaded
        self.origins: list[tuple[str, Decimal]] | None = None

    def set_monthly(self, bars) -> None:
        self.monthly = list(bars)
        self.update()

    def set_origins(self, shares) -> None:
        self.origins = list(shares)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        from extradesk.i18n import dashboard as words

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(255, 255, 255, 235))
        split = self.width() * MONTHLY_SHARE
        self._monthly(painter, QRectF(0, 0, split, self.height()), words)
        self._origins(painter, QRectF(split + 12, 0, self.width() - split - 12,
                                      self.height()), words)
        painter.end()

    def _title(self, painter: QPainter, area: QRectF, text: str) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(TEXT)
        painter.drawText(area.adjusted(8, 4, 0, 0), Qt.AlignmentFlag.AlignLeft, text)
        painter.setFont(self.font())

    def _monthly(self, painter: QPainter, area: QRectF, words) -> None:
        from extradesk.core.charts import nice_scale

        self._title(painter, area, words.CHART_MONTHLY)
        self._legend(painter, area)
        if not self.monthly:
            return
        metrics = painter.fontMetrics()
        largest = max([max(a, b) for _l, a, b in self.monthly] + [Decimal(0)])
        step, top = nice_scale(largest)
        left = area.left() + max(metrics.horizontalAdvance(words.compact_money(top)) + 12, 50)
        right, upper = area.right() - 6, area.top() + 2.6 * metrics.height()
        lower = area.bottom() - metrics.height() - 8
        for i in range(5):
            y = lower - (lower - upper) * i / 4
            painter.setPen(GRID if i else AXIS)
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(area.left(), y - 10, left - area.left() - 6, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             words.compact_money(step * i))
        slot = (right - left) / len(self.monthly)
        bar = slot * 0.36
        # Month and year under each bar when they all fit, else the month alone.
        full = all(slot > metrics.horizontalAdvance(b[0]) + 4 for b in self.monthly)
        for i, (label, now, before) in enumerate(self.monthly):
            x = left + slot * i + slot * 0.12
            for value, colour, shift in ((before, LAST_COLOUR, 0), (now, THIS_COLOUR, bar)):
                if value > 0:
                    height = (lower - upper) * float(value / top)
                    painter.fillRect(QRectF(x + shift, lower - height, bar - 1, height), colour)
            painter.setPen(TEXT)
            text = label if full else label.split()[0]
            painter.drawText(QRectF(left + slot * i, lower + 3, slot, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, text)

    def _legend(self, painter: QPainter, area: QRectF) -> None:
        from extradesk.i18n import dashboard as words

        metrics = painter.fontMetrics()
        x, y = area.right() - 6, area.top() + 1.3 * metrics.height()
        for text, colour in ((words.LAST_YEAR, LAST_COLOUR), (words.THIS_YEAR, THIS_COLOUR)):
            x -= metrics.horizontalAdvance(text)
            painter.setPen(TEXT)
            painter.drawText(QRectF(x, y, metrics.horizontalAdvance(text) + 2,
                                    metrics.height()), Qt.AlignmentFlag.AlignLeft, text)
            x -= 14
            painter.fillRect(QRectF(x, y + 3, 10, 10), colour)
            x -= 14

    def _origins(self, painter: QPainter, area: QRectF, words) -> None:
        self._title(painter, area, words.CHART_ORIGINS)
        if not self.origins:
            return
        metrics = painter.fontMetrics()
        names = min(max(metrics.horizontalAdvance(n) for n, _v in self.origins) + 10,
                    area.width() * 0.45)
        amounts = max(metrics.horizontalAdvance(words.compact_money(v))
                      for _n, v in self.origins) + 10
        left, right = area.left() + names, area.right() - amounts
        top = area.top() + 2.2 * metrics.height()
        row = min((area.bottom() - top) / len(self.origins), 2.0 * metrics.height())
        largest = max(v for _n, v in self.origins)
        for i, (name, value) in enumerate(self.origins):
            y = top + row * i
            painter.setPen(TEXT)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(names - 6))
            painter.drawText(QRectF(area.left(), y, names - 6, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            if largest > 0 and value > 0:
                length = max((right - left) * float(value / largest), 1)
                painter.fillRect(QRectF(left, y + row * 0.18, length, row * 0.64),
                                 ORIGIN_COLOURS[i % len(ORIGIN_COLOURS)])
            painter.drawText(QRectF(right + 6, y, amounts, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             words.compact_money(value))
