"""Search as you type: results under the box, FTS syntax harmless, a hit opens the record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import add_client, type_text


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
