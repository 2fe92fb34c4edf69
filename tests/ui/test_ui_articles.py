"""The Articles tab driven like a person: lazy model, filters, « Classer… », the article
form proposing the family's account and VAT, refusals in French, notices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import type_text, wait_for

from extradesk.services.articles import accounts, families, notices
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleFilter, ArticleInput
from extradesk.ui.pages.articles_page import ArticlesPage
from extradesk.ui.tablemodels.articles_model import ArticlesModel


def account(ctx, code):
    return next(a.id for a in accounts.list_accounts(ctx) if a.code == code)


@pytest.fixture
def base(ctx):
    pool, _ = families.add_family(ctx, "Piscine", account_id=account(ctx, "707000"),
                                  vat_rate="5,5")
    sub, _ = families.add_family(ctx, "Filtration", parent_id=pool)
    ids = [articles.create_article(ctx, ArticleInput(code=f"A{i:03d}", label=f"Article {i}",
                                                     sale_price=str(i)))[0] for i in range(450)]
    return {"pool": pool, "sub": sub, "ids": ids}


@pytest.fixture
def page(qtbot, tasks, idle, base):
    widget = ArticlesPage(tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.count_known)
    idle()
    return widget


def test_model_is_lazy_and_passes_the_model_tester(qtbot, qtmodeltester, tasks, idle, base):
    model = ArticlesModel(tasks)
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload()
    # The first page alone is on screen: the count and the other ids are still to come.
    assert model.rowCount() == 200 and not model.count_known and not model.complete
    assert model.article_id(199) == base["ids"][199] and model.article_id(200) is None
    qtmodeltester.check(model)  # stays connected: rows arriving are checked too
    with qtbot.waitSignal(model.ids_loaded):
        pass
    assert model.rowCount() == 450 and model.count_known and model.total == 450
    assert model.is_page_loaded(0) and not model.is_page_loaded(2)
    idle()
    assert model.index(0, 0).data() == "A000" and model.index(3, 7).data() == "à classer"
    assert model.index(449, 0).data() is None  # asked for, arrives by page
    qtbot.waitUntil(lambda: model.index(449, 0).data() == "A449")
    qtmodeltester.check(model)


def test_a_newer_filter_cancels_the_older_load(qtbot, tasks, idle, base, ctx):
    model = ArticlesModel(tasks)
    installed = []
    model.snapshot_loaded.connect(lambda: installed.append(model.query.filters.reference))
    model.reload()
    model.reload(filters=ArticleFilter(reference="a04"))  # typed before the first answer
    qtbot.waitUntil(lambda: model.count_known)
    idle()
    assert installed == ["a04"]  # the older snapshot never reached the screen
    assert model.rowCount() == 10 and model.complete and model.count_known
    assert [model.index(r, 0).data() for r in (0, 9)] == ["A040", "A049"]
    assert model.total == 450


def test_filter_to_classify_then_classify_the_selection(qtbot, page, idle, base, ctx):
    page.to_classify.setChecked(True)
    idle()  # the first page; the count and the other ids follow in later jobs
    qtbot.waitUntil(lambda: page.model.count_known and page.model.complete)
    assert page.count_label.text().replace("\u202f", " ") == "450 affichés sur 450" or \
        page.model.rowCount() == 450
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(1, 0), page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows)
    dialog = page.classify()
    idle()
    dialog.family.setCurrentIndex(dialog.family.findData(base["pool"]))
    dialog.sub_family.setCurrentIndex(dialog.sub_family.findData(base["sub"]))
    assert dialog.account.currentData() == account(ctx, "707000")  # the family's account
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: page.model.rowCount() == 448)
    a = articles.get_article(ctx, base["ids"][0])
    assert (a.family, a.sub_family, a.to_classify) == ("Piscine", "Filtration", False)


def test_article_form_proposes_family_defaults_and_refuses_in_french(qtbot, page, idle, ctx,
                                                                     base, tmp_path):
    dialog = page.open_article(None)
    qtbot.waitUntil(lambda: dialog.loaded)
    type_text(qtbot, dialog.code, "a001")  # taken, in another case
    type_text(qtbot, dialog.label_edit, "Pompe Hélios")
    type_text(qtbot, dialog.sale, "-12")
    dialog.family.setCurrentIndex(dialog.family.findData(base["pool"]))
    assert dialog.vat.currentText() == "5,5 %"
    assert dialog.account.currentData() == account(ctx, "707000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    assert "Prix de vente HT : -12 est négatif" in dialog.errors.summary.text() + \
        dialog.findChild(type(dialog.errors.summary), "sale_priceError").text()
    dialog.sale.setText("690")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    assert "est déjà celui de l'article « A001 »" in dialog.errors.summary.text()
    assert articles.count_articles(ctx) == 450
    dialog.code.setText("HELIOS-1")
    notice = tmp_path / "notice.pdf"
    notice.write_bytes(b"%PDF-1.4 x")
    dialog.notices.add_files([str(notice)])
    assert dialog.notices.title() == "Notices (1)"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    made = articles.find_by_code(ctx, "helios-1")
    assert (made.sale_price, made.vat_rate, made.notice_count, made.family) == (
        Decimal("690"), Decimal("5.5"), 1, "Piscine")


def test_a_notice_that_is_no_file_is_refused_and_nothing_changes(qtbot, page, idle, ctx,
                                                                 base, tmp_path):
    dialog = page.open_article(base["ids"][0])
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog.notices.add_files([str(tmp_path)])
    box = wait_for(qtbot, QMessageBox)
    assert "n'est pas un fichier lisible : aucune notice n'a été ajoutée" in box.text()
    box.close()
    idle()
    assert notices.list_notices(ctx, base["ids"][0]) == []
    dialog.reject()
