"""The supplier record, reached from Listes › Listes de référence and from the article form:
bad e-mail or phone refused in French with nothing saved, then saved and shown back."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import type_text, wait_for

from extradesk.services import references
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput, SupplierInput
from extradesk.services.catalogues import suppliers
from extradesk.ui.dialogs.references_dialog import ReferencesDialog
from extradesk.ui.dialogs.supplier_dialog import SupplierDialog
from extradesk.ui.pages.articles_page import ArticlesPage


def shot(widget, name: str) -> None:
    if os.environ.get("EXTRADESK_SHOTS"):
        QApplication.processEvents()  # a text set just now: its layout request is posted
        widget.grab().save(f"{os.environ['EXTRADESK_SHOTS']}/{name}.png")


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)


def test_supplier_record_from_the_lists_menu(qtbot, window, ctx, idle):
    aqua, _ = suppliers.save_supplier(ctx, None, data=SupplierInput(label="Aqua Distribution"))
    references.add_item(ctx, "status", label="Prospect chaud")
    window.references_action.trigger()
    lists = wait_for(qtbot, ReferencesDialog)
    idle()
    button = lists.buttons["supplierRecord"]
    assert button.isHidden()  # clients' statuses have no record beyond their name
    lists.chooser.setCurrentIndex(lists.chooser.findData("supplier"))
    idle()
    assert not button.isHidden() and not button.isEnabled()
    lists.select_labels("Aqua Distribution")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = wait_for(qtbot, SupplierDialog, "supplierDialog")
    qtbot.waitUntil(lambda: form.loaded)
    assert (form.name.text(), form.windowTitle()) == ("Aqua Distribution",
                                                      "Fournisseur Aqua Distribution")
    type_text(qtbot, form.contact, "M. Roux")
    type_text(qtbot, form.email, "commandes@aqua")
    type_text(qtbot, form.phone, "04 50 12")
    type_text(qtbot, form.customer_number, "C-4512")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    idle()
    assert form.isVisible()
    assert "La saisie contient 2 erreurs : rien n'a été enregistré." in \
        form.errors.summary.text()
    assert form.findChild(type(form.errors.summary), "emailError").text() == (
        "E-mail : « commandes@aqua » n'est pas une adresse e-mail valide.")
    assert form.findChild(type(form.errors.summary), "phoneError").text() == (
        "Téléphone : « 04 50 12 » n'est pas un numéro de téléphone reconnu.")
    assert suppliers.get_supplier(ctx, aqua) == SupplierInput(label="Aqua Distribution")
    shot(form, "supplier-form-errors")
    retype(qtbot, form.email, "Commandes@Aqua.example")
    retype(qtbot, form.phone, "04 50 12 34 56")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert suppliers.get_supplier(ctx, aqua) == SupplierInput(
        "Aqua Distribution", "M. Roux", "commandes@aqua.example", "+33450123456", "C-4512")

    # A double click opens it too, shown back the French way.
    idle()
    lists.select_labels("Aqua Distribution")
    row = next(r for r, i in enumerate(lists.items) if i.id == aqua)
    cell = lists.table.visualItemRect(lists.table.item(row, 0)).center()
    qtbot.mouseClick(lists.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(lists.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    again = wait_for(qtbot, SupplierDialog, "supplierDialog")
    qtbot.waitUntil(lambda: again.loaded)
    assert (again.phone.text(), again.email.text()) == ("04 50 12 34 56",
                                                        "commandes@aqua.example")
    shot(again, "supplier-form")
    again.reject()
    lists.reject()
    idle()


def test_a_new_supplier_from_the_article_form(qtbot, tasks, idle, ctx):
    article, _ = articles.create_article(ctx, ArticleInput(code="LIN-1", label="Liner"))
    page = ArticlesPage(tasks)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.count_known)
    assert page.count_label.text() == "1 article"
    shot(page, "articles-tab")
    dialog = page.open_article(article)
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.supplier.currentData() is None
    qtbot.mouseClick(dialog.supplier_button, Qt.MouseButton.LeftButton)
    form = wait_for(qtbot, SupplierDialog, "supplierDialog")
    assert form.windowTitle() == "Nouveau fournisseur"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # no name
    idle()
    assert form.findChild(type(form.errors.summary), "labelError").text() == (
        "Indiquez un libellé.")
    assert references.list_items(ctx, "supplier") == []
    type_text(qtbot, form.name, "Poêles Hélios")
    type_text(qtbot, form.phone, "+41 22 345 67 89")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    qtbot.waitUntil(lambda: dialog.supplier.currentText() == "Poêles Hélios")
    made = references.list_items(ctx, "supplier")[0]
    assert suppliers.get_supplier(ctx, made.id).phone == "+41223456789"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert articles.get_article(ctx, article).supplier == "Poêles Hélios"
