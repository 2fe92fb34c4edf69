"""The « Accueil » tab on the hand-worked business of conftest.py: the tiles show the
services' figures in French, in the user's order; a tile opens its list; the big buttons
go where they say, with the user's pictures; the charts are painted; a background that is
not an image (any more) is ignored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from extradesk.core.workflow import DocumentKind, Status
from extradesk.services import preferences
from extradesk.services.dashboard import figures, texts, tiles
from extradesk.ui.main_window import MainWindow
from extradesk.ui.qt import guard_singleton_refcounts
from extradesk.ui.style import STYLESHEET
from extradesk.ui.tasks import Tasks

guard_singleton_refcounts()
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, qapp, ctx, scenario):
    from extradesk.services import company

    company.first_run_seen(ctx)
    qapp.setStyleSheet(STYLESHEET)
    tasks = Tasks(ctx)
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    with qtbot.waitSignal(main.home_page.filled, timeout=20_000):
        main.start_session()
    yield main
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)
    tasks.shutdown(dispose=False)


def test_the_home_page_is_first_and_shows_the_services_figures(ctx, window):
    assert window.tabs.tabText(0) == "Accueil"
    assert window.tabs.currentWidget() is window.home_page.parentWidget()
    page = window.home_page
    assert list(page.tiles) == ["revenue", "quotes", "followups", "overdue", "cash",
                                "appointments", "outbox", "audit"]
    revenue = page.tiles["revenue"]
    assert revenue.title.text() == "Chiffre d'affaires HT"
    assert revenue.headline.text() == "600,00\u00a0€"  # December to the 3rd: 700 − 100
    assert "Depuis le 1er janvier : 1\u202f560,00\u00a0€" in revenue.lines.text()
    assert page.tiles["quotes"].headline.text() == "66,7 %"
    assert page.tiles["quotes"].lines.text().startswith("3 envoyés · 2 acceptés · 1 refusé")
    for name in page.tiles:  # every tile says what the services say
        expected = texts.tile_text(name, tiles.TILES[name](ctx, user_id=ctx.user_id))
        assert page.tiles[name].headline.text() == expected.headline
        assert page.tiles[name].lines.text() == "\n".join(expected.lines)
    charts = page.charts
    assert [b[0] for b in charts.monthly][-2:] == ["nov. 26", "déc. 26"]
    assert [(b[1]) for b in charts.monthly][-2:] == [960, 600]
    assert [name for name, _v in charts.origins] == ["Salon", "Site web", "Bouche à oreille"]
    window.grab().save("/tmp/dash-home-test.png")


def test_a_tile_opens_its_list(ctx, qtbot, window):
    page = window.home_page
    qtbot.mouseClick(page.tiles["followups"], LEFT)
    documents = window.documents_page
    assert window.tabs.currentWidget() is documents.parentWidget()
    assert documents.model.query.kinds == frozenset({DocumentKind.QUOTE})
    assert documents.model.query.statuses == frozenset({Status.SENT})
    window.show_tab("home")
    qtbot.mouseClick(page.tiles["overdue"], LEFT)
    assert documents.model.query.kinds == frozenset({DocumentKind.INVOICE})
    assert documents.model.query.pay_states == frozenset({"en_retard"})
    late = figures.overdue(ctx, user_id=ctx.user_id).count  # none is past due here
    qtbot.waitUntil(lambda: documents.model.rowCount() == late)
    window.show_tab("home")
    qtbot.mouseClick(page.tiles["audit"], LEFT)
    assert window.audit_dialog.isVisible()  # the score opens the health check
    window.audit_dialog.close()
    window.show_tab("home")
    qtbot.mouseClick(page.tiles["outbox"], LEFT)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Envoi"
    window.show_tab("home")
    qtbot.mouseClick(page.tiles["revenue"], LEFT)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Exports"


def test_the_big_buttons(qtbot, window):
    page = window.home_page
    qtbot.mouseClick(page.buttons["articles"], LEFT)
    assert window.tabs.currentWidget() is window.articles_page.parentWidget()
    window.show_tab("home")
    qtbot.mouseClick(page.buttons["clients"], LEFT)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Clients"
    assert window.clients_stack.currentWidget() is window.clients_page


def test_tiles_in_the_users_order_and_a_bad_background(ctx, qtbot, window, tmp_path):
    from PySide6.QtGui import QColor, QImage

    page = window.home_page
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2e8b57"))
    replaced = tmp_path / "fond.png"
    assert picture.save(str(replaced))
    preferences.set_value(ctx, "dashboard.tiles", value=["overdue", "revenue"])
    preferences.set_value(ctx, "appearance.home_background", value=str(replaced))
    replaced.write_text("plus une image")  # the file changed after it was chosen
    with qtbot.waitSignal(page.filled, timeout=10_000):
        page.reload()
    assert list(page.tiles) == ["overdue", "revenue"]
    assert page.grid.itemAtPosition(0, 0).widget() is page.tiles["overdue"]
    assert page.background is None  # ignored, the page still shows


def test_a_background_image(ctx, qtbot, window, tmp_path):
    from PySide6.QtGui import QColor, QImage

    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2e8b57"))
    path = tmp_path / "fond.png"
    assert picture.save(str(path))
    preferences.set_value(ctx, "appearance.home_background", value=str(path))
    preferences.set_value(ctx, "appearance.home_buttons", value={"agenda": str(path)})
    page = window.home_page
    with qtbot.waitSignal(page.filled, timeout=10_000):
        page.reload()
    assert page.background is not None
    assert not page.buttons["agenda"].icon().isNull()  # the user's picture on the button
    assert page.buttons["articles"].icon().isNull()
    shot = page.grab().toImage()
    assert shot.pixelColor(3, shot.height() - 3) == QColor("#2e8b57")  # a corner: the image
