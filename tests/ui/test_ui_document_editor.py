"""The document editor driven like a person: codes typed, cells edited the French way, options
made from selected lines, drag and drop, totals to the cent, conversions, read-only invoices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from conftest import add_client, type_text
from extradesk.services import document_lines as lines
from extradesk.services import documents
from extradesk.services.dto_documents import LineInput
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
    line_id = lines.add_line(ctx, quote_id, LineInput(code="DALLE", label="Dalle béton",
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
