"""The Pièces tab and the client record's documents, driven like a person over a real database."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox
from ui_helpers import add_client, type_text, visible, wait_for

from extradesk.core.workflow import Status
from extradesk.services import users
from extradesk.services.context import open_context
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.ui.dialogs.client_picker import ClientPicker
from extradesk.ui.tablemodels.documents_model import PAGE_SIZE, DocumentsModel

NBSP = "\u202f"


@pytest.fixture
def shop(ctx):
    """Two clients and five documents over three months (today is 28/11/2026)."""
    dupont = add_client(ctx, last_name="Dupont", first_name="Hélène")
    martin = add_client(ctx, last_name="Martin", first_name="Paul")
    ids = {}
    ids["quote"], _ = documents.create_quote(ctx, dupont, issue_date=date(2026, 11, 20),
                                             subject="Piscine 8 × 4 m")
    lines.add_line(ctx, ids["quote"], data=LineInput(label="Bassin", quantity="1",
                                                unit_price="10288,80", vat_rate="20"))
    ids["sent"], _ = documents.create_quote(ctx, martin, issue_date=date(2026, 11, 5),
                                            subject="Poêle à granulés")
    documents.set_status(ctx, ids["sent"], target=Status.SENT)
    ids["order"], _ = documents.create_order(ctx, dupont, issue_date=date(2026, 10, 12))
    ids["invoice"], _ = documents.create_invoice(ctx, martin, issue_date=date(2026, 10, 2))
    ids["old"], _ = documents.create_quote(ctx, martin, issue_date=date(2025, 6, 1))
    return {"dupont": dupont, "martin": martin, **ids}


def open_tab(qtbot, window):
    window.tabs.setCurrentIndex(1)
    page = window.documents_page
    qtbot.waitUntil(lambda: page.model.complete, timeout=10_000)
    return page


def wait_reloaded(qtbot, page, action):
    with qtbot.waitSignal(page.model.ids_loaded, timeout=10_000):
        action()


def column(page, col: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def numbers(page) -> list[str]:
    return column(page, 0)


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def test_the_tab_lists_documents_newest_first_in_french(qtbot, window, shop, idle):
    page = open_tab(qtbot, window)
    idle()
    model = page.model
    assert model.rowCount() == 5
    assert page.count_label.text() == "5 pièces"
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first == ["D-2026-00001", "Devis", "20/11/2026", "DUPONT Hélène", "Piscine 8 × 4 m",
                     "Brouillon", f"10{NBSP}288,80\u00a0€", f"12{NBSP}346,56\u00a0€",
                     None, None]  # paid and remaining: issued invoices only
    assert column(page, 2) == ["20/11/2026", "05/11/2026", "12/10/2026", "02/10/2026",
                               "01/06/2025"]
    assert column(page, 1)[3] == "Facture" and numbers(page)[3] == "(brouillon)"
    right = model.data(model.index(0, 7), Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    assert model.headerData(7, Qt.Orientation.Horizontal) == "Total TTC"


def test_filters_change_the_rows_and_the_count(qtbot, window, shop):
    page = open_tab(qtbot, window)
    wait_reloaded(qtbot, page, lambda: choose(page.kind_filter, "Devis"))
    assert column(page, 1) == ["Devis"] * 3
    assert page.count_label.text() == "3 pièces"
    statuses = [page.status_filter.itemText(i) for i in range(page.status_filter.count())]
    assert statuses == ["Tous les statuts", "Brouillon", "Envoyé", "Accepté", "Refusé", "Expiré"]
    wait_reloaded(qtbot, page, lambda: choose(page.status_filter, "Envoyé"))
    assert numbers(page) == ["D-2026-00002"]
    assert page.count_label.text() == "1 pièce"

    # An order has no "Envoyé": the status filter goes back to every status.
    wait_reloaded(qtbot, page, lambda: choose(page.kind_filter, "Commande"))
    assert page.status_filter.currentText() == "Tous les statuts"
    assert "Confirmée" in [page.status_filter.itemText(i)
                           for i in range(page.status_filter.count())]
    assert numbers(page) == ["C-2026-00001"]

    wait_reloaded(qtbot, page, lambda: choose(page.kind_filter, "Tous les types"))
    wait_reloaded(qtbot, page, lambda: choose(page.period_filter, "Ce mois"))
    assert column(page, 2) == ["20/11/2026", "05/11/2026"]
    wait_reloaded(qtbot, page, lambda: choose(page.period_filter, "Mois dernier"))
    assert column(page, 2) == ["12/10/2026", "02/10/2026"]
    assert page.count_label.text() == "2 pièces"
    wait_reloaded(qtbot, page, lambda: choose(page.period_filter, "12 derniers mois"))
    assert page.model.rowCount() == 4
    wait_reloaded(qtbot, page, lambda: choose(page.period_filter, "Tout"))
    assert page.model.rowCount() == 5


def test_a_filter_that_matches_nothing_says_so(qtbot, window, shop):
    page = open_tab(qtbot, window)
    wait_reloaded(qtbot, page, lambda: choose(page.kind_filter, "Avoir"))
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 pièce"
    assert page.no_match.isVisible()
    assert page.stack.currentWidget() is not page.empty  # the filters stay at hand


def test_a_custom_period(qtbot, window, shop):
    page = open_tab(qtbot, window)
    wait_reloaded(qtbot, page, lambda: choose(page.period_filter, "Personnalisée…"))
    assert page.date_from.isVisible() and page.date_to.isVisible()
    assert page.date_from.date() == QDate(2026, 11, 1)  # starts as this month
    assert numbers(page) == ["D-2026-00001", "D-2026-00002"]
    wait_reloaded(qtbot, page, lambda: page.date_from.setDate(QDate(2025, 1, 1)))
    assert page.model.rowCount() == 5


def test_a_period_ending_before_it_starts_is_refused_in_french(qtbot, window, shop, idle):
    page = open_tab(qtbot, window)
    wait_reloaded(qtbot, page, lambda: choose(page.period_filter, "Personnalisée…"))
    before = (page.model.query, numbers(page))
    page.date_to.setFocus()
    page.date_to.setDate(QDate(2026, 10, 15))  # ends before the 1st of November
    idle()
    assert page.period_error.isVisible()
    assert page.period_error.text() == (
        "La période se termine le 15/10/2026, avant son début le 01/11/2026 : "
        "corrigez l'une des deux dates.")
    assert (page.model.query, numbers(page)) == before
    wait_reloaded(qtbot, page, lambda: page.date_from.setDate(QDate(2026, 10, 1)))
    assert not page.period_error.isVisible()
    assert numbers(page) == ["C-2026-00001", "(brouillon)"]


def test_filter_on_one_client_with_the_picker_then_clear(qtbot, window, shop):
    page = open_tab(qtbot, window)
    qtbot.mouseClick(page.client_button, Qt.MouseButton.LeftButton)
    picker = wait_for(qtbot, ClientPicker, "clientPicker")
    type_text(qtbot, picker.edit, "helene")
    qtbot.waitUntil(lambda: picker.shown_seq == picker.seq and picker.results.count() == 1)
    assert picker.results.item(0).text().startswith("DUPONT Hélène")
    with qtbot.waitSignal(page.model.ids_loaded):
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert visible(ClientPicker) == []
    assert page.client_button.text() == "DUPONT Hélène"
    assert column(page, 3) == ["DUPONT Hélène"] * 2
    assert page.count_label.text() == "2 pièces"
    wait_reloaded(qtbot, page, lambda: qtbot.mouseClick(page.clear_client,
                                                        Qt.MouseButton.LeftButton))
    assert page.model.rowCount() == 5
    assert page.client_button.text() == "Tous les clients"


def test_sorting_by_total_and_unsortable_columns(qtbot, window, shop, ctx):
    lines.add_line(ctx, shop["order"], data=LineInput(label="Pompe", quantity="2",
                                                 unit_price="450", vat_rate="20"))
    page = open_tab(qtbot, window)
    header = page.table.horizontalHeader()

    def click(section: int) -> None:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=_section_center(header, section))

    wait_reloaded(qtbot, page, lambda: click(7))  # "Total TTC": smallest first
    zero, pump, pool = "0,00\u00a0€", f"1{NBSP}080,00\u00a0€", f"12{NBSP}346,56\u00a0€"
    assert column(page, 7) == [zero, zero, zero, pump, pool]
    wait_reloaded(qtbot, page, lambda: click(7))  # again: largest first
    assert column(page, 7)[:2] == [pool, pump]
    wait_reloaded(qtbot, page, lambda: click(3))
    assert column(page, 3) == ["DUPONT Hélène"] * 2 + ["MARTIN Paul"] * 3
    sorted_query = page.model.query
    click(1)  # "Type": SQL cannot sort on it
    assert page.model.query == sorted_query
    assert header.sortIndicatorSection() == 3


def _section_center(header, section: int):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                  header.height() // 2)


def test_enter_on_a_row_opens_the_document(qtbot, window, shop):
    page = open_tab(qtbot, window)
    page.table.setFocus()
    page.table.selectRow(1)
    with qtbot.waitSignal(page.open_document) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [shop["sent"]]


def test_changes_refresh_the_list(qtbot, window, shop, tasks):
    page = open_tab(qtbot, window)
    with qtbot.waitSignal(page.model.ids_loaded):
        tasks.mutate(lambda c: documents.create_order(c, shop["martin"],
                                                      issue_date=date(2026, 11, 27)))
    assert page.model.rowCount() == 6
    assert numbers(page)[0] == "C-2026-00002"
    with qtbot.waitSignal(page.model.page_loaded):
        tasks.mutate(lambda c: documents.set_status(c, shop["quote"], target=Status.SENT))
    assert column(page, 5)[1] == "Envoyé"
    assert page.model.rowCount() == 6


def test_no_document_yet_shows_an_offer_and_a_new_quote_asks_for_the_client(
        qtbot, window, ctx):
    client_id = add_client(ctx, last_name="Morel", first_name="Lucie")
    page = open_tab(qtbot, window)
    assert page.stack.currentWidget() is page.empty
    qtbot.mouseClick(page.empty.findChild(type(page.new_button), "emptyNewQuote"),
                     Qt.MouseButton.LeftButton)
    picker = wait_for(qtbot, ClientPicker, "clientPicker")
    assert window.dialog is picker
    type_text(qtbot, picker.edit, "mor")
    qtbot.waitUntil(lambda: picker.shown_seq == picker.seq and picker.results.count() == 1)
    with qtbot.waitSignal(page.model.ids_loaded, timeout=10_000):
        qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert [r.client_id for r in documents.documents_of_client(ctx, client_id)] == [client_id]
    assert page.stack.currentWidget() is not page.empty
    assert numbers(page) == ["D-2026-00001"]


def test_the_client_record_lists_its_documents(qtbot, window, shop, ctx):
    window.open_client(shop["dupont"])
    view = window.client_view
    qtbot.waitUntil(lambda: view.detail is not None and view.documents_model.complete)
    model = view.documents_model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "D-2026-00001", "C-2026-00001"]
    assert view.documents.isColumnHidden(3)  # the client column: it is this client
    assert view.documents.isVisible() and not view.no_document.isVisible()

    index = model.index(1, 1)
    view.documents.scrollTo(index)
    rect = view.documents.visualRect(index)
    with qtbot.waitSignal(view.open_document) as opened:  # a double click: press, release, again
        qtbot.mouseClick(view.documents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.documents.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert opened.args == [shop["order"]]

    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        qtbot.mouseClick(view.new_quote_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 3
    assert len(documents.documents_of_client(ctx, shop["dupont"])) == 3

    window.open_client(shop["martin"])
    qtbot.waitUntil(lambda: model.query.client_id == shop["martin"] and model.complete)
    assert model.rowCount() == 3


def test_a_client_without_documents(qtbot, window, ctx):
    window.open_client(add_client(ctx, last_name="Petit"))
    view = window.client_view
    qtbot.waitUntil(lambda: view.detail is not None and view.documents_model.complete)
    assert view.no_document.isVisible() and not view.documents.isVisible()


def test_documents_search_lists_documents_and_choosing_one_opens_it(qtbot, window, shop):
    search = window.search
    type_text(qtbot, search.edit, "**dupont")
    qtbot.waitUntil(lambda: search.shown_seq == search.seq and search.popup.isVisible())
    assert [h.id for h in search.hits] == [shop["quote"], shop["order"]]
    assert search.popup.item(0).text().startswith("Devis D-2026-00001 · DUPONT Hélène")
    search.popup.setCurrentRow(1)
    with qtbot.waitSignal(search.document_chosen) as chosen:
        qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    assert chosen.args == [shop["order"]]
    assert not search.popup.isVisible()


# -- the model over several pages --------------------------------------------------------------

@pytest.fixture(scope="module")
def many_template(tmp_path_factory):
    """450 quotes (three pages) for one client, built once through the services."""
    path = tmp_path_factory.mktemp("documents") / "many.sqlite3"
    context, _report = open_context(path)
    context.user_id = users.ensure_a_user(context)
    client_id = add_client(context, last_name="Garnier")
    for i in range(450):
        documents.create_quote(context, client_id, issue_date=date(2026, 1, 1 + i % 28))
    context.db.dispose()
    return path


@pytest.fixture
def many(many_template, db_path, clock):
    shutil.copyfile(many_template, db_path)
    context, _report = open_context(db_path, clock=clock)
    context.user_id = users.ensure_a_user(context)
    yield context
    context.db.dispose()


@pytest.fixture
def big_model(qtbot, many):
    from extradesk.ui.tasks import Tasks

    tasks = Tasks(many)
    model = DocumentsModel(tasks)
    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        model.reload()
    yield model
    tasks.shutdown(dispose=False)


def test_the_model_passes_the_qt_model_tester(qtbot, qtmodeltester, big_model):
    qtmodeltester.check(big_model)
    qtbot.waitUntil(lambda: big_model._tasks.pending == 0)
    assert big_model.rowCount() == 450


def test_a_snapshot_paints_its_first_page_then_learns_the_rest(qtbot, many, tasks):
    model = DocumentsModel(tasks)
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload()
    assert model.rowCount() == PAGE_SIZE and not model.complete
    assert model.data(model.index(0, 2)) == "28/01/2026"
    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        pass
    assert model.rowCount() == 450 and model.complete
    assert not model.is_page_loaded(2)
    assert model.data(model.index(449, 0)) is None  # asked for: fetched on the worker
    qtbot.waitUntil(lambda: model.is_page_loaded(2))
    assert model.data(model.index(449, 2)) == "01/01/2026"


def test_the_model_tester_watches_the_rows_arrive(qtbot, qtmodeltester, many, tasks):
    model = DocumentsModel(tasks)
    with qtbot.waitSignal(model.snapshot_loaded):
        model.reload()
    qtmodeltester.check(model)  # keeps checking while the count and the ids come in
    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert model.rowCount() == 450


# -- with the editor and the company dialog (written alongside this tab) ------------------------

def test_a_new_quote_opens_in_its_editor_and_the_company_menu_opens_its_dialog(
        qtbot, window, shop, ctx):
    from extradesk.ui.dialogs.company_dialog import CompanyDialog
    from extradesk.ui.documents.editor import DocumentEditor

    page = open_tab(qtbot, window)
    wait_reloaded(qtbot, page, lambda: page.set_client(shop["martin"], "MARTIN Paul"))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)  # this client: no picker
    editor = wait_for(qtbot, DocumentEditor, "documentEditor")
    (quote,) = [r for r in documents.documents_of_client(ctx, shop["martin"])
                if r.id not in (shop["sent"], shop["invoice"], shop["old"])]
    assert editor.document_id == quote.id and quote.status == Status.DRAFT
    qtbot.waitUntil(lambda: editor.detail is not None)
    assert editor.detail.client_name == "MARTIN Paul"
    qtbot.waitUntil(lambda: page.model.row_of(quote.id) == 0)

    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the same document: the same window
    assert visible(DocumentEditor) == [editor]
    editor.close()

    window.company_action.trigger()
    dialog = wait_for(qtbot, CompanyDialog, "companyDialog")
    assert window.dialog is dialog
    dialog.reject()
