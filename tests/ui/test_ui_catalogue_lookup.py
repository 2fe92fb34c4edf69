"""The quote flow: an unknown reference is found in a supplier catalogue and imported."""

from __future__ import annotations

import os
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QTableWidget
from ui_helpers import add_client, type_text, wait_for

from extradesk.services.articles import accounts, families
from extradesk.services.articles import edit as articles
from extradesk.services.catalogues import importing as imports
from extradesk.services.catalogues import lookup as catalogue
from extradesk.services.documents import drafts as documents
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.article_lookup import ArticleLookup
from extradesk.ui.documents.editor import open_editor

CATALOGUE = (
    "Référence;Désignation;Famille;Sous-famille;Unité;Prix achat HT;Prix public HT;TVA\n"
    "W1245ER;Pompe de filtration 1 CV;Piscine;Filtration;u;412,00;690,00;20\n"
    "W1245-ERX;Pompe de filtration 1,5 CV;Piscine;Filtration;u;468,00;780,00;20\n"
    "SK-88;Skimmer grande bouche;Piscine;Pièces à sceller;u;189,00;310,00;20\n")


def shot(widget, name: str) -> None:
    if os.environ.get("EXTRADESK_SHOTS"):
        widget.grab().save(f"{os.environ['EXTRADESK_SHOTS']}/{name}.png")


def open_cells(editor) -> list[QLineEdit]:
    return [w for w in editor.tree.viewport().findChildren(QLineEdit, "cellEditor")
            if w.isVisible()]


def test_not_found_then_search_then_import_puts_the_line_on_the_quote(
        qtbot, ctx, tasks, idle, tmp_path):
    path = tmp_path / "aqua.csv"
    path.write_bytes(CATALOGUE.encode("cp1252"))
    supplier = catalogue.supplier_by_name(ctx, "Aqua Distribution")
    imports.import_file(ctx, supplier, path=path)
    travaux = next(a.id for a in accounts.list_accounts(ctx) if a.code == "704000")
    piscine, _ = families.add_family(ctx, "Piscine", account_id=travaux)
    quote, _ = documents.create_quote(ctx, add_client(ctx, last_name="Dupont"))
    editor = open_editor(tasks, quote)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        type_text(qtbot, editor.lines.code, "w 1245-er")
        qtbot.keyClick(editor.lines.code, Qt.Key.Key_Return)
        lookup = wait_for(qtbot, ArticleLookup, "articleLookup")
        shot(lookup, "lookup-1-choice")
        lookup.findChild(QPushButton, "searchCatalogues").click()
        assert lookup.findChild(QLineEdit, "lookupQuery").text() == "w 1245-er"
        # Searched at once with the typed code: no "Lancer la recherche" to press first.
        table = lookup.findChild(QTableWidget, "lookupResults")
        qtbot.waitUntil(lambda: table.rowCount() == 2)
        assert lookup.status.text() == (
            "2 lignes trouvées dans les catalogues fournisseurs.")
        query = lookup.findChild(QLineEdit, "lookupQuery")
        query.setText("SK-88")
        lookup.findChild(QPushButton, "runSearch").click()
        qtbot.waitUntil(lambda: table.rowCount() == 1)
        assert lookup.status.text() == "1 ligne trouvée dans les catalogues fournisseurs."
        query.setText("w 1245-er")
        qtbot.keyClick(query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.rowCount() == 2)
        assert [table.item(r, 1).text() for r in range(2)] == ["W1245ER", "W1245-ERX"]
        assert table.item(0, 0).text() == "Aqua Distribution"
        assert table.item(0, 3).text().replace("\u202f", " ") == "412,00\u00a0€"
        # Family and account from the catalogue and the family; not the sub-family.
        lookup.findChild(QCheckBox, "take_sub_family").setChecked(False)
        lookup.findChild(QCheckBox, "take_account").setChecked(True)
        shot(lookup, "lookup-2-results")
        lookup.findChild(QPushButton, "importArticle").click()
        qtbot.waitUntil(lambda: editor.detail is not None and len(editor.detail.lines) == 1)
        qtbot.waitUntil(lambda: bool(open_cells(editor)))
        qtbot.keyClick(open_cells(editor)[-1], Qt.Key.Key_Escape)
        idle()
        [line] = editor.detail.lines
        assert (line.code, line.label, line.unit, line.unit_price, line.vat_rate) == (
            "W1245ER", "Pompe de filtration 1 CV", "u", Decimal("690"), Decimal("20"))
        article = articles.find_by_code(ctx, "W1245ER")
        assert (article.family_id, article.sub_family_id, article.account_id) == (
            piscine, None, travaux)
        assert (article.purchase_price, article.supplier) == (Decimal("412"),
                                                              "Aqua Distribution")
        assert editor.lines.code.text() == ""
    finally:
        for opened in list(editor_module._open.values()):
            opened.close()


def test_without_any_catalogue_an_unknown_code_stays_a_free_line(qtbot, ctx, tasks, idle):
    quote, _ = documents.create_quote(ctx, add_client(ctx, last_name="Martin"))
    editor = open_editor(tasks, quote)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None)
        type_text(qtbot, editor.lines.code, "XYZ-1")
        qtbot.keyClick(editor.lines.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.detail is not None and len(editor.detail.lines) == 1)
        assert editor.detail.lines[0].label == "XYZ-1"
        qtbot.waitUntil(lambda: bool(open_cells(editor)))
        qtbot.keyClick(open_cells(editor)[-1], Qt.Key.Key_Escape)
        idle()
    finally:
        for opened in list(editor_module._open.values()):
            opened.close()
