"""`*ref` in the main search box: an article hit opens its form, a catalogue hit the
Articles tab filtered on its reference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import type_text, wait_for

from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.ui.dialogs.article_dialog import ArticleDialog

CATALOGUE = (
    "Référence;Désignation;Prix achat HT;TVA\n"
    "LIN-75;Liner 75/100 bleu adriatique;18,50;20\n")


def wait_results(qtbot, search):
    qtbot.waitUntil(lambda: search.shown_seq == search.seq and search.popup.isVisible())


def test_choosing_an_article_hit_opens_its_form(qtbot, window, ctx, idle):
    liner, _ = articles.create_article(ctx, ArticleInput(
        code="LINER-8X4", label="Liner 8 × 4 m bleu", sale_price="1290"))
    articles.create_article(ctx, ArticleInput(code="POMPE-1", label="Pompe"))
    search = window.search
    type_text(qtbot, search.edit, "*liner")
    wait_results(qtbot, search)
    assert [(h.kind, h.id) for h in search.hits] == [("article", liner)]
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)  # the first hit is the current one
    dialog = wait_for(qtbot, ArticleDialog, "articleDialog")
    qtbot.waitUntil(lambda: dialog.loaded)
    assert (dialog.article_id, dialog.code.text(), dialog.windowTitle()) == (
        liner, "LINER-8X4", "Article LINER-8X4")
    assert not search.popup.isVisible()
    dialog.reject()
    idle()


def test_choosing_a_catalogue_hit_shows_the_articles_with_its_reference(
        qtbot, window, ctx, idle, tmp_path):
    path = tmp_path / "aqua.csv"
    path.write_bytes(CATALOGUE.encode("cp1252"))
    imports.import_file(ctx, catalogue.supplier_by_name(ctx, "Aqua Distribution"), path=path)
    mine, _ = articles.create_article(ctx, ArticleInput(code="LB-75", label="Liner posé",
                                                        supplier_ref="lin-75"))
    articles.create_article(ctx, ArticleInput(code="AUTRE", label="Autre liner"))
    search = window.search
    type_text(qtbot, search.edit, "*lin-75")
    wait_results(qtbot, search)
    item = next(i for i in range(search.popup.count())
                if search.hits[i].kind == "catalogue")
    rect = search.popup.visualItemRect(search.popup.item(item))
    qtbot.mouseClick(search.popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.articles_page
    qtbot.waitUntil(lambda: page.isVisible() and page.reference.text() == "LIN-75")
    qtbot.waitUntil(lambda: page.model.query.filters.reference == "LIN-75"
                    and page.model.rowCount() == 1 and page.model.article_id(0) == mine)
    idle()
    assert page.active_filter.currentData() is None  # inactive ones are shown too
