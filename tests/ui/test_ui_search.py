"""Search as you type: results under the box, FTS syntax harmless, a hit opens the record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from ui_helpers import add_client, type_text

from extradesk.services.demo import dataset


def wait_results(qtbot, search):
    qtbot.waitUntil(lambda: search.shown_seq == search.seq and search.popup.isVisible())


def shown(search) -> list[str]:
    return [search.popup.item(i).text() for i in range(search.popup.count())]


def test_results_appear_as_you_type(qtbot, window, ctx):
    add_client(ctx, last_name="Dupuis", first_name="Anne", billing_postal_code="74000",
               billing_city="Annecy", phone_mobile="0611223344")
    add_client(ctx, last_name="Martin", first_name="Paul")
    search = window.search
    type_text(qtbot, search.edit, "dup")
    wait_results(qtbot, search)
    assert [h.label for h in search.hits] == ["DUPUIS Anne"]
    assert shown(search) == ["DUPUIS Anne   —   74000 Annecy · 06 11 22 33 44"]


def test_typing_a_phone_number_finds_the_client(qtbot, window, ctx):
    add_client(ctx, last_name="Dupuis", phone_mobile="0611223344")
    type_text(qtbot, window.search.edit, "06 11 22")
    wait_results(qtbot, window.search)
    assert [h.label for h in window.search.hits] == ["DUPUIS"]


def test_quotes_and_fts_syntax_find_nothing_and_do_not_crash(qtbot, window, ctx):
    add_client(ctx, last_name="Near", first_name="Anne")
    search = window.search
    for text in ('"', "NEAR(", 'a" OR "b', "*", "**"):
        search.edit.clear()
        type_text(qtbot, search.edit, text)
        wait_results(qtbot, search)
        assert search.hits == [], text
    assert shown(search) == [
        "Aucune pièce trouvée (tapez un nom de client ou un numéro après **)."]
    search.edit.clear()
    type_text(qtbot, search.edit, "zzz")
    wait_results(qtbot, search)
    assert shown(search) == ["Aucun client trouvé."]


def test_only_the_latest_text_is_shown(qtbot, window, ctx):
    add_client(ctx, last_name="Durand")
    add_client(ctx, last_name="Dubois")
    search = window.search
    qtbot.keyClicks(search.edit, "dubo")  # four keystrokes in one go: older results dropped
    wait_results(qtbot, search)
    assert [h.label for h in search.hits] == ["DUBOIS"]


def test_choosing_a_hit_opens_the_record(qtbot, window, ctx):
    client_id = add_client(ctx, last_name="Dupuis", first_name="Anne")
    search = window.search
    type_text(qtbot, search.edit, "anne")
    wait_results(qtbot, search)
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.client_view.detail is not None)
    assert window.client_view.detail.id == client_id
    assert window.clients_stack.currentWidget() is window.client_view
    assert not search.popup.isVisible()


def test_escape_hides_the_results(qtbot, window, ctx):
    add_client(ctx, last_name="Dupuis")
    search = window.search
    type_text(qtbot, search.edit, "dup")
    wait_results(qtbot, search)
    qtbot.keyClick(search.edit, Qt.Key.Key_Escape)
    assert not search.popup.isVisible()



@pytest.fixture
def demo_clients(ctx):
    dataset.generate(ctx, clients=2000, documents=False)


def test_results_popup_is_opaque_over_the_clients_table(qtbot, demo_clients, window):
    """Defect 1: every row after the first was drawn see-through over the table underneath."""
    window.resize(1280, 720)
    search = window.search
    type_text(qtbot, search.edit, "lefev")
    wait_results(qtbot, search)
    popup = search.popup
    assert popup.count() >= 6
    image = window.grab().toImage()
    image.save("/tmp/search_popup.png")  # for a person to look at
    viewport = popup.viewport()
    origin = viewport.mapTo(window, QPoint(0, 0))
    x = origin.x() + viewport.width() - 12  # right of every label, left of the scroll bar
    for row in range(1, popup.count()):
        rect = popup.visualItemRect(popup.item(row))
        if rect.bottom() >= viewport.height():
            break
        for y in (rect.top() + 2, rect.center().y(), rect.bottom() - 3):
            colour = image.pixelColor(x, origin.y() + y)
            assert colour.name() == "#ffffff", (row, y, colour.name())
