"""Defect 4 (issue 11): the whole application fits and stays usable on a 1,280 × 720
screen, every tab opened (the Agenda's toolbar used to force 1,354 px)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from ui_helpers import add_client

from extradesk.services import users
from extradesk.services.dto import UserInput


def inside(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture
def desktop_font(qapp):
    """The offscreen platform's font is smaller than a desktop's (GNOME: 11 pt): measure
    with a desktop-sized font, where the agenda's toolbar reached 1,354 px."""
    previous = qapp.font()
    font = QFont(previous)
    font.setPointSizeF(11)
    qapp.setFont(font)
    yield font
    qapp.setFont(previous)


def test_every_tab_fits_a_1280_by_720_screen(qtbot, desktop_font, window, ctx, idle):
    users.create_user(ctx, UserInput(name="Jean-Baptiste Delacourt-Martin", initials="JBD"))
    window.resize(1280, 720)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        idle()
        qtbot.waitUntil(lambda: window.width() <= 1280)
    page = window.agenda_page
    window.tabs.setCurrentWidget(page.parentWidget())  # « Envoi » comes after it now
    qtbot.waitUntil(lambda: page.me is not None)
    idle()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() <= 720)
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSize().width() <= 1280
    assert inside(window, window.gear) and inside(window, window.add_button)
    assert inside(window, window.user_button)
    for name in ("new_button", "today_button", "next_button"):
        assert inside(window, getattr(page, name)), name
    assert inside(window, page.menus.view_button) and inside(window, page.menus.users_button)
    client_id = add_client(ctx, last_name="Delacourt-Martin", first_name="Jean-Baptiste",
                           billing_line1="12 route du Lac", billing_city="Annecy")
    window.open_client(client_id)
    qtbot.waitUntil(lambda: window.client_view.detail is not None)
    idle()
    assert window.minimumSizeHint().width() <= 1280
    assert inside(window, window.gear) and inside(window, window.add_button)
    window.grab().save("/tmp/extradesk-1280x720.png")


def test_menu_arrows_sit_beside_their_text(qtbot, window, idle):
    """Defect 12: « Mon agenda », « Affichage » and the user switcher drew their arrow over
    their last letters: the button now makes room for text, arrow and margins."""
    page = window.agenda_page
    window.tabs.setCurrentWidget(page.parentWidget())
    qtbot.waitUntil(lambda: page.me is not None and window.user_button.text() != "…")
    for button in (page.menus.users_button, page.menus.view_button, window.user_button):
        text = button.fontMetrics().horizontalAdvance(button.text())
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        assert button.sizeHint().width() - text - icon >= 28, button.objectName()
