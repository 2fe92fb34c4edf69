"""Defect 12 (issue 11): week-view blocks used their width badly and cut titles to a few
letters ("Ramonage DUPON…", "Entreti…"): the title now wraps over the block's lines."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QPainter, QPixmap

from extradesk.services.agenda.dto import AgendaEntry
from extradesk.ui.agenda import paint
from extradesk.ui.agenda.layout import Piece
from extradesk.ui.agenda.week_view import TimeGrid

PARIS = ZoneInfo("Europe/Paris")


class Recorder(QPainter):
    """A painter that remembers the text it draws."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args):  # noqa: N802 (Qt's name)
        self.texts.append(str(args[-1]))
        return super().drawText(*args)


def entry(title, hours, location=None):
    start = datetime(2026, 11, 23, 8, tzinfo=PARIS)
    return AgendaEntry(appointment_id=1, user_id=1, title=title, start=start,
                       end=start + timedelta(hours=hours), all_day=False, status="planned",
                       type_id=None, color=None, client_id=None, location=location,
                       can_modify=True)


def drawn(qtbot, width, hours, title, location=None) -> list[str]:
    grid = TimeGrid()
    qtbot.addWidget(grid)
    grid.hour_height = 38.0  # what a 1,280 × 720 window gives
    piece = Piece(entry(title, hours, location), lane=0, start=8 * 60,
                  end=int(8 * 60 + hours * 60), first=True, last=True)
    rect = grid.piece_rect(piece)
    rect.setWidth(width)
    pixmap = QPixmap(400, 400)
    painter = Recorder(pixmap)
    font = painter.font()
    font.setPointSizeF(9)
    painter.setFont(font)
    paint._block(painter, grid, piece, rect, {1: QColor("#3465a4")})
    painter.end()
    return painter.texts


@pytest.mark.parametrize(("width", "hours", "title"), [
    (124, 1, "Ramonage DUPONT Hélène"),
    (124, 2, "Pose poêle à granulés — MARTIN Paul"),
    (60, 1.5, "Entretien chaudière"),
])
def test_the_whole_title_is_shown_when_the_block_has_room(qtbot, width, hours, title):
    texts = drawn(qtbot, width, hours, title, location="3 chemin des Vignes, 69003 Lyon")
    shown = " ".join(texts)
    assert all(word in shown.split() for word in title.split()), texts
    assert not any("…" in t for t in texts if any(w in t for w in title.split())), texts


def test_a_title_too_long_for_the_block_ends_with_an_ellipsis(qtbot):
    texts = drawn(qtbot, 124, 1, "Remplacement complet de l'installation de chauffage central "
                  "au sol avec reprise des collecteurs")
    assert texts[-1].endswith("…") and len(texts) == 2
