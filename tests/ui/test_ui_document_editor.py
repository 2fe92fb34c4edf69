"""The document editor driven like a person: codes typed, cells edited the French way, options
made from selected lines, drag and drop, totals to the cent, conversions, read-only invoices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QInputDialog, QLineEdit, QMessageBox
from ui_helpers import add_client, type_text, wait_for

from extradesk.core.workflow import DocumentKind
from extradesk.services import company
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.editor import DocumentEditor, open_editor
from extradesk.ui.documents.lines_model import DISCOUNT, LABEL, PRICE, QUANTITY, TOTAL, VAT

NBSP = ("\u00a0", "\u202f")


def plain(text: str) -> str:
    for space in NBSP:
        text = text.replace(space, " ")
    return text


@pytest.fixture
def client_id(ctx):
    return add_client(ctx, last_name="Dupont", first_name="Hélène",
                      billing_line1="3 chemin des Vignes", billing_postal_code="69003",
                      billing_city="Lyon")


@pytest.fixture
def quote_id(ctx, client_id):
    return documents.create_quote(ctx, client_id)[0]


@pytest.fixture
def open_doc(qtbot, tasks, idle):
    opened: list[DocumentEditor] = []

    def opener(document_id: int) -> DocumentEditor:
        editor = open_editor(tasks, document_id)
        opened.append(editor)
        qtbot.waitUntil(lambda: editor.detail is not None and editor.detail.id == document_id)
        idle()
        return editor

    yield opener
    for editor in list(editor_module._open.values()):
        editor.close()


def settle(qtbot, editor: DocumentEditor, idle) -> None:
    """Wait until every job ran and the window shows the latest state of its document."""
    idle()
    qtbot.waitUntil(lambda: editor.tasks.pending == 0 and editor._pending is None)


def add_code(qtbot, editor, idle, code: str) -> int:
    type_text(qtbot, editor.lines.code, code)
    qtbot.keyClick(editor.lines.code, Qt.Key.Key_Return)
    settle(qtbot, editor, idle)
    # The new line opens its designation for typing; Escape leaves it as it is.
    cell = cell_editor(qtbot, editor)
    qtbot.keyClick(cell, Qt.Key.Key_Escape)
    closed(qtbot, editor)
    settle(qtbot, editor, idle)
    return editor.detail.lines[-1].id


def cell_editor(qtbot, editor, cls=QLineEdit, name="cellEditor"):
    """The editor widget the view opened over a cell."""
    found = []
    qtbot.waitUntil(lambda: bool(found.extend(
        w for w in editor.tree.viewport().findChildren(cls, name) if w.isVisible()) or found))
    return found[-1]


def edit_cell(qtbot, editor, idle, line_id: int, column: int, text: str) -> None:
    """Open the cell editor like a double-click would, type, press Enter."""
    index = editor.model.index_of_line(line_id, column)
    editor.tree.setCurrentIndex(index)
    editor.tree.edit(index)
    cell = cell_editor(qtbot, editor)
    cell.selectAll()
    type_text(qtbot, cell, text)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    closed(qtbot, editor)
    settle(qtbot, editor, idle)


def closed(qtbot, editor) -> None:
    """The view commits and closes a cell editor on the next turn of the event loop."""
    qtbot.waitUntil(lambda: editor.tree.state() != editor.tree.State.EditingState)


def cell_text(editor, line_id: int, column: int) -> str:
    return plain(editor.model.index_of_line(line_id, column).data() or "")


def test_codes_typed_and_cells_edited_give_totals_to_the_cent(qtbot, ctx, quote_id, open_doc,
                                                               idle):
    editor = open_doc(quote_id)
    assert editor.title.text() == f"Devis {editor.detail.number}"
    assert editor.status.text() == "Brouillon"
    assert editor.header.client.text() == "DUPONT Hélène"

    title = add_code(qtbot, editor, idle, "txt_titre")
    stove = add_code(qtbot, editor, idle, "POELE8")
    flue = add_code(qtbot, editor, idle, "CONDUIT")
    detail = editor.detail
    assert [(line.code, line.label, line.is_text) for line in detail.lines] == [
        ("txt_titre", "Titre", True), ("POELE8", "POELE8", False), ("CONDUIT", "CONDUIT", False)]
    assert editor.tree.isFirstColumnSpanned(0, QModelIndex())  # a text line spans the row

    edit_cell(qtbot, editor, idle, stove, LABEL, "Poêle à granulés 8 kW")
    edit_cell(qtbot, editor, idle, stove, PRICE, "2 890,5")
    edit_cell(qtbot, editor, idle, stove, DISCOUNT, "12,5 %")
    edit_cell(qtbot, editor, idle, flue, QUANTITY, "2,5")
    edit_cell(qtbot, editor, idle, flue, PRICE, "33,33")
    # VAT from the combo, as a person picks it.
    index = editor.model.index_of_line(flue, VAT)
    editor.tree.setCurrentIndex(index)
    editor.tree.edit(index)
    combo = cell_editor(qtbot, editor, QComboBox, "vatEditor")
    combo.setCurrentIndex(combo.findData("5,5"))
    combo.activated.emit(combo.currentIndex())
    settle(qtbot, editor, idle)

    assert cell_text(editor, stove, LABEL) == "Poêle à granulés 8 kW"
    assert cell_text(editor, stove, PRICE) == "2 890,50"
    assert cell_text(editor, stove, DISCOUNT) == "12,5 %"
    # 2 890,50 × (1 − 12,5 %) = 2 529,1875 -> 2 529,19 ; 2,5 × 33,33 = 83,325 -> 83,33
    assert cell_text(editor, stove, TOTAL) == "2 529,19"
    assert cell_text(editor, flue, TOTAL) == "83,33"
    assert cell_text(editor, flue, VAT) == "5,5 %"
    values = {k: plain(v) for k, v in editor.totals.values.items()}
    # VAT: 2 529,19 × 20 % = 505,838 -> 505,84 ; 83,33 × 5,5 % = 4,58315 -> 4,58
    assert values["Total HT"] == "2 612,52 €"
    assert values["TVA 20 %"] == "505,84 €"
    assert values["TVA 5,5 %"] == "4,58 €"
    assert values["Total TVA"] == "510,42 €"
    assert values["Total TTC"] == "3 122,94 €"
    assert documents.get_document(ctx, quote_id).lines[0].id == title


def test_bad_entries_are_refused_in_french_and_change_nothing(qtbot, ctx, quote_id, open_doc,
                                                              idle):
    line_id = lines.add_line(ctx, quote_id, data=LineInput(code="DALLE", label="Dalle béton",
                                                      quantity="3", unit_price="45"))[0]
    editor = open_doc(quote_id)
    before = documents.get_document(ctx, quote_id)

    edit_cell(qtbot, editor, idle, line_id, QUANTITY, "abc")
    assert editor.message_panel.isVisible()
    assert "Quantité : « abc » n'est pas un nombre." in editor.message.text()
    assert "Rien n'a été modifié." in editor.message.text()
    assert cell_text(editor, line_id, QUANTITY) == "3"

    edit_cell(qtbot, editor, idle, line_id, PRICE, "-5")
    assert "négatif" in editor.message.text()
    assert cell_text(editor, line_id, PRICE) == "45,00"

    # A rate that is not in the list (typed elsewhere than the combo) is refused the same way.
    editor.model.setData(editor.model.index_of_line(line_id, VAT), "7 %")
    settle(qtbot, editor, idle)
    assert "TVA : 7 % n'est pas un taux en vigueur" in editor.message.text()
    assert documents.get_document(ctx, quote_id).lines == before.lines
    assert plain(editor.totals.values["Total HT"]) == "135,00 €"

    # The next good entry clears the message.
    edit_cell(qtbot, editor, idle, line_id, QUANTITY, "4")
    assert not editor.message_panel.isVisible()
    assert plain(editor.totals.values["Total HT"]) == "180,00 €"


def article(code: str, label: str, price: str, vat: str = "20") -> LineInput:
    return LineInput(code=code, label=label, quantity="1", unit="u", unit_price=price,
                     vat_rate=vat)


@pytest.fixture
def stove_quote(ctx, quote_id):
    ids = {key: lines.add_line(ctx, quote_id, data=data)[0] for key, data in {
        "title": LineInput(code="txt_titre", label="Poêle à granulés"),
        "stove": article("POELE8", "Poêle 8 kW", "2890"),
        "remote": article("TELEC", "Télécommande Wi-Fi", "149"),
        "care": article("ENTR", "Entretien annuel", "160", vat="10"),
    }.items()}
    return quote_id, ids


def select_lines(editor, *line_ids: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    selection = editor.tree.selectionModel()
    selection.clearSelection()
    for line_id in line_ids:
        selection.select(editor.model.index_of_line(line_id),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def answer_text(qtbot, text: str | None) -> None:
    dialog = wait_for(qtbot, QInputDialog, "askTextDialog")
    if text is not None:
        dialog.setTextValue(text)
    dialog.accept()


def test_an_option_made_from_two_lines_leaves_the_total_renamed_and_left_by_drag(
        qtbot, ctx, stove_quote, open_doc, idle):
    quote_id, ids = stove_quote
    editor = open_doc(quote_id)
    assert plain(editor.totals.values["Total HT"]) == "3 199,00 €"

    select_lines(editor, ids["remote"], ids["care"])
    qtbot.mouseClick(editor.lines.option_button, Qt.MouseButton.LeftButton)
    dialog = wait_for(qtbot, QInputDialog, "askTextDialog")
    assert dialog.textValue() == "Option 1"
    dialog.setTextValue("Confort")
    dialog.accept()
    settle(qtbot, editor, idle)

    detail = editor.detail
    assert [(o.heading, o.net) for o in detail.options] == [("Option 1 : Confort",
                                                              Decimal("309.00"))]
    group = editor.model.option_rows()[0]
    assert group.siblingAtColumn(LABEL).data() == (
        "Option 1 : Confort — non comprise dans le total")
    assert plain(group.siblingAtColumn(TOTAL).data()) == "309,00"
    assert editor.model.rowCount(group) == 2  # its lines sit under it
    # 2 890 HT only: the option is left out; VAT 20 % on 2 890 = 578
    values = {k: plain(v) for k, v in editor.totals.values.items()}
    assert (values["Total HT"], values["Total TVA"], values["Total TTC"]) == (
        "2 890,00 €", "578,00 €", "3 468,00 €")
    assert "TVA 10 %" not in values

    # Rename: double-click the title, type, Enter.
    editor.tree.edit(group.siblingAtColumn(LABEL))
    cell = cell_editor(qtbot, editor)
    assert cell.text() == "Confort"
    cell.selectAll()
    type_text(qtbot, cell, "Confort connecté")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    closed(qtbot, editor)
    settle(qtbot, editor, idle)
    assert editor.detail.options[0].heading == "Option 1 : Confort connecté"

    # Drag the maintenance line out of the option, before the stove line.
    model = editor.model
    care = model.index_of_line(ids["care"])
    data = model.mimeData([care])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    settle(qtbot, editor, idle)
    order = [(line.id, line.option_id) for line in editor.detail.lines]
    option_id = editor.detail.options[0].id
    assert order == [(ids["title"], None), (ids["care"], None), (ids["stove"], None),
                     (ids["remote"], option_id)]
    assert plain(editor.totals.values["Total HT"]) == "3 050,00 €"
    assert plain(editor.totals.values["TVA 10 %"]) == "16,00 €"

    # And back into the option by dropping it on the option's heading.
    care = model.index_of_line(ids["care"])
    assert model.dropMimeData(model.mimeData([care]), Qt.DropAction.MoveAction, -1, 0,
                              model.option_rows()[0])
    settle(qtbot, editor, idle)
    assert [line.option_id for line in editor.detail.lines].count(option_id) == 2
    assert plain(editor.totals.values["Total HT"]) == "2 890,00 €"

    # "Retirer de l'option" on the heading dissolves it: every line counts again.
    select_lines(editor)
    editor.tree.selectionModel().select(
        model.option_rows()[0], editor.tree.selectionModel().SelectionFlag.Select
        | editor.tree.selectionModel().SelectionFlag.Rows)
    qtbot.mouseClick(editor.lines.out_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor, idle)
    assert editor.detail.options == ()
    assert plain(editor.totals.values["Total HT"]) == "3 199,00 €"


def test_delete_asks_first(qtbot, ctx, stove_quote, open_doc, idle):
    quote_id, ids = stove_quote
    editor = open_doc(quote_id)
    select_lines(editor, ids["remote"])
    qtbot.mouseClick(editor.lines.delete_button, Qt.MouseButton.LeftButton)
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    assert box.text() == "Supprimer la ligne sélectionnée ?"
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot, editor, idle)
    assert ids["remote"] not in [line.id for line in editor.detail.lines]
    assert plain(editor.totals.values["Total HT"]) == "3 050,00 €"


def test_accept_with_the_option_opens_the_order_then_a_deposit_of_30_percent(
        qtbot, ctx, stove_quote, open_doc, idle):
    quote_id, ids = stove_quote
    option_id = lines.create_option(ctx, [ids["remote"]], title="Télécommande")[0]
    editor = open_doc(quote_id)
    assert plain(editor.totals.values["Total HT"]) == "3 050,00 €"
    assert {"to_envoye", "to_accepte", "to_refuse"} <= set(editor.workflow.buttons)

    qtbot.mouseClick(editor.workflow.buttons["to_accepte"], Qt.MouseButton.LeftButton)
    dialog = wait_for(qtbot, QDialog, "acceptDialog")
    assert dialog.boxes[option_id].text() == "Option 1 : Télécommande — 149,00\u00a0€ HT"
    dialog.boxes[option_id].setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    idle()
    order_id = next(d.id for d in documents.get_document(ctx, quote_id).derived)
    qtbot.waitUntil(lambda: order_id in editor_module._open)
    order = editor_module._open[order_id]
    qtbot.waitUntil(lambda: order.detail is not None)
    settle(qtbot, order, idle)
    assert order.title.text().startswith("Commande C-")
    assert order.detail.options == ()
    assert [line.label for line in order.detail.lines] == [
        "Poêle à granulés", "Poêle 8 kW", "Télécommande Wi-Fi", "Entretien annuel"]
    assert plain(order.totals.values["Total HT"]) == "3 199,00 €"
    settle(qtbot, editor, idle)
    assert editor.status.text() == "Accepté"
    assert not editor.model.editable  # an accepted quote is no longer edited

    qtbot.mouseClick(order.workflow.buttons["depositInvoice"], Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QDialog, "depositDialog")
    ask.percent.selectAll()
    type_text(qtbot, ask.percent, "30 %")
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    idle()
    deposit_id = next(d.id for d in documents.get_document(ctx, order_id).derived)
    qtbot.waitUntil(lambda: deposit_id in editor_module._open)
    deposit = editor_module._open[deposit_id]
    qtbot.waitUntil(lambda: deposit.detail is not None)
    assert deposit.detail.kind == DocumentKind.DEPOSIT_INVOICE
    assert deposit.title.text() == "Facture d'acompte brouillon"
    # 30 % of 3 039 HT at 20 % = 911,70 ; of 160 at 10 % = 48,00
    assert [(line.net, line.vat_rate) for line in deposit.detail.lines] == [
        (Decimal("911.70"), Decimal("20")), (Decimal("48.00"), Decimal("10"))]
    assert plain(deposit.totals.values["Total TTC"]) == "1 146,84 €"


def test_a_bad_deposit_percentage_is_refused_in_french(qtbot, ctx, client_id, open_doc, idle):
    order_id = documents.create_order(ctx, client_id)[0]
    lines.add_line(ctx, order_id, data=article("DALLE", "Dalle", "1000"))
    editor = open_doc(order_id)
    qtbot.mouseClick(editor.workflow.buttons["depositInvoice"], Qt.MouseButton.LeftButton)
    ask = wait_for(qtbot, QDialog, "depositDialog")
    ask.percent.setText("150")
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    idle()
    assert "doit être supérieur à 0 et au plus 100" in editor.message.text()
    assert documents.get_document(ctx, order_id).derived == ()


LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    phone="04 78 12 34 56", email="contact@piscines-azur.fr",
    siret="732 829 320 00074", rcs_rm="RCS Lyon B 732 829 320",
    vat_number="FR44 732 829 320", iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP",
    insurer="MAAF Assurances, 79036 Niort", insurance_policy="DEC-123456",
    insurance_coverage="France métropolitaine",
)


@pytest.fixture
def issued_invoice(ctx, client_id):
    company.save_company(ctx, LEGAL)
    invoice_id = documents.create_invoice(ctx, client_id)[0]
    ids = [lines.add_line(ctx, invoice_id, data=article("DALLE", "Dalle béton", "1000"))[0],
           lines.add_line(ctx, invoice_id, data=article("GRAV", "Gravier", "200"))[0]]
    issuing.issue_document(ctx, invoice_id)
    return invoice_id, ids


def test_an_issued_invoice_opens_read_only_and_offers_a_credit_note(
        qtbot, ctx, issued_invoice, open_doc, idle):
    invoice_id, ids = issued_invoice
    editor = open_doc(invoice_id)
    assert editor.title.text() == "Facture F-2026-00001"
    assert editor.status.text() == "Émise"
    assert editor.banner.isVisible() and "avoir" in editor.banner.text()
    assert not editor.lines.bar.isVisible()
    assert not editor.header.issue_date.isEnabled() and editor.header.subject.isReadOnly()
    index = editor.model.index_of_line(ids[0], QUANTITY)
    assert not editor.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not editor.model.setData(index, "5")
    shown = {name for name, b in editor.workflow.buttons.items() if not b.isHidden()}
    assert {"creditNote", "preview", "print", "savePdf", "duplicate"} <= shown
    assert not {"to_emise", "invoiceOrder", "depositInvoice"} & shown
    # Editing anyway (another path, a stale window) gets the service's French refusal.
    editor.lines.update_line(ids[0], article("DALLE", "Dalle béton", "1"))
    idle()
    assert "Facture F-2026-00001" in editor.message.text()
    assert "Rien n'a été modifié." in editor.message.text()
    assert documents.get_document(ctx, invoice_id).lines[0].unit_price == Decimal("1000")

    qtbot.mouseClick(editor.workflow.buttons["creditNote"], Qt.MouseButton.LeftButton)
    dialog = wait_for(qtbot, QDialog, "creditDialog")
    dialog.some.setChecked(True)
    dialog.lines.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    idle()
    note_id = next(d.id for d in documents.get_document(ctx, invoice_id).derived)
    qtbot.waitUntil(lambda: note_id in editor_module._open)
    note = editor_module._open[note_id]
    qtbot.waitUntil(lambda: note.detail is not None)
    assert note.title.text() == "Avoir brouillon"
    assert [line.label for line in note.detail.lines] == ["Gravier"]
    assert note.model.editable


def test_one_window_per_document_following_changes_made_elsewhere(
        qtbot, ctx, tasks, stove_quote, open_doc, idle):
    quote_id, ids = stove_quote
    editor = open_doc(quote_id)
    assert open_editor(tasks, quote_id) is editor
    # Another window adds a line: this one shows it and its new totals.
    tasks.mutate(lambda c: lines.add_line(c, quote_id, data=article("BOIS", "Granulés", "10,5")))
    idle()
    qtbot.waitUntil(lambda: len(editor.detail.lines) == 5)
    assert cell_text(editor, editor.detail.lines[-1].id, PRICE) == "10,50"
    assert plain(editor.totals.values["Total HT"]) == "3 209,50 €"


def test_the_header_saves_itself_and_refuses_a_validity_before_the_date(
        qtbot, ctx, quote_id, open_doc, idle):
    from PySide6.QtCore import QDate

    editor = open_doc(quote_id)
    form = editor.header
    assert form.validity_date.isVisible() and not form.due_date.isVisible()
    assert form.issue_date.text() == "28/11/2026"
    type_text(qtbot, form.subject, "Rénovation du poêle")
    qtbot.waitUntil(lambda: not form.saving_soon, timeout=3000)
    settle(qtbot, editor, idle)
    assert documents.get_document(ctx, quote_id).header.subject == "Rénovation du poêle"

    before = documents.get_document(ctx, quote_id)
    form.validity_date.setDate(QDate(2026, 11, 1))
    form.save_now()
    idle()
    assert form.error.isVisible()
    assert "01/11/2026" in form.error.text() and "n'a pas été enregistré" in form.error.text()
    assert documents.get_document(ctx, quote_id).header == before.header


def test_preview_opens_the_pdf_beside_the_editor(qtbot, ctx, stove_quote, open_doc, idle):
    from PySide6.QtWidgets import QMainWindow

    quote_id, _ids = stove_quote
    company.save_company(ctx, LEGAL)  # else a warning comes first (test_ui_first_run.py)
    editor = open_doc(quote_id)
    qtbot.mouseClick(editor.workflow.buttons["preview"], Qt.MouseButton.LeftButton)
    viewer = wait_for(qtbot, QMainWindow, "pdfViewer")
    assert viewer.windowTitle().startswith("Aperçu — Devis D-2026-")
    viewer.close()


def test_the_lines_model_passes_the_model_tester(qtmodeltester, ctx, stove_quote):
    from extradesk.ui.documents.lines_model import LinesModel

    quote_id, ids = stove_quote
    lines.create_option(ctx, [ids["remote"], ids["care"]], title="Confort")
    model = LinesModel()
    model.set_detail(documents.get_document(ctx, quote_id))
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # title, stove, the option (holding two lines)


def test_a_line_gets_a_description_printed_under_it(qtbot, ctx, stove_quote, open_doc, idle):
    quote_id, ids = stove_quote
    editor = open_doc(quote_id)
    dialog = editor.lines.edit_description(ids["stove"])
    assert dialog.objectName() == "descriptionDialog"
    dialog.setTextValue("Rendement 91 %\nRéservoir 15 kg")
    dialog.accept()
    settle(qtbot, editor, idle)
    assert cell_text(editor, ids["stove"], LABEL) == "Poêle 8 kW\nRendement 91 %\nRéservoir 15 kg"
    assert plain(editor.totals.values["Total HT"]) == "3 199,00 €"


def test_issuing_a_draft_invoice_from_its_editor_freezes_it(qtbot, ctx, client_id, open_doc,
                                                            idle):
    company.save_company(ctx, LEGAL)
    invoice_id = documents.create_invoice(ctx, client_id)[0]
    lines.add_line(ctx, invoice_id, data=article("DALLE", "Dalle béton", "1000"))
    editor = open_doc(invoice_id)
    assert editor.title.text() == "Facture brouillon" and editor.model.editable
    qtbot.mouseClick(editor.workflow.buttons["to_emise"], Qt.MouseButton.LeftButton)
    box = wait_for(qtbot, QMessageBox, "issueConfirmBox")
    assert "F-2026-00001" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    idle()
    qtbot.waitUntil(lambda: editor.detail.number == "F-2026-00001")
    settle(qtbot, editor, idle)
    assert editor.title.text() == "Facture F-2026-00001"
    assert not editor.model.editable and not editor.lines.bar.isVisible()
    assert "creditNote" in editor.workflow.buttons
