"""Dépôts (issue 16) as a person meets them: chosen once in the gear's Gestion commerciale
page, then shown and changed in the header of the next new quote."""

from __future__ import annotations

from PySide6.QtCore import Qt

from extradesk.services import preferences, references
from extradesk.services.clients import records as clients
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import ClientInput
from extradesk.ui.documents import editor as editor_module

LEFT = Qt.MouseButton.LeftButton


def test_the_gear_sets_the_depot_of_the_next_new_quote(qtbot, window, ctx, idle):
    from test_ui_preferences import choose, open_dialog, save

    annecy, _ = references.add_item(ctx, "depot", label="Dépôt Annecy")
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Dupont"))
    dialog = open_dialog(qtbot, window, "documents")
    combo = dialog.editors["documents.depot"].combo
    assert combo.currentData() is None  # none chosen yet
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "Dépôt principal", "Dépôt Annecy"]
    choose(combo, "Dépôt Annecy")
    dialog.grab().save("/tmp/depot-gear.png")
    save(qtbot, dialog)
    assert preferences.get(ctx, "documents.depot") == annecy.id

    window.new_document(client_id)  # what « Nouveau devis » does once the client is chosen
    qtbot.waitUntil(lambda: len(editor_module._open) == 1, timeout=10_000)
    editor = next(iter(editor_module._open.values()))
    header = editor.header
    qtbot.waitUntil(lambda: header.depot.count() == 3 and header.depot.currentText()
                    == "Dépôt Annecy", timeout=10_000)
    assert header.depot.isEnabled()
    editor.grab().save("/tmp/depot-header.png")

    # The user moves this quote to the main depot: saved with the header, a moment later.
    header.depot.setCurrentIndex(header.depot.findText("Dépôt principal"))
    header.depot.activated.emit(header.depot.currentIndex())
    main = references.list_items(ctx, "depot")[0].id
    qtbot.waitUntil(lambda: documents.get_document(ctx, editor.document_id).header.depot_id
                    == main, timeout=10_000)
    editor.close()
    idle()


def test_the_depots_are_edited_in_the_references_dialog(qtbot, window, ctx, idle):
    client_id, _ = clients.create_client(ctx, ClientInput(last_name="Dupont"))
    main = references.list_items(ctx, "depot")[0].id
    documents.create_quote(ctx, client_id, depot_id=main)
    window.references_action.trigger()
    dialog = window.dialog
    qtbot.waitUntil(lambda: len(dialog.items) > 0)
    dialog.chooser.setCurrentIndex(dialog.chooser.findText("Dépôts"))
    qtbot.waitUntil(lambda: [(i.label, i.usage) for i in dialog.items]
                    == [("Dépôt principal", 1)], timeout=10_000)
    dialog.grab().save("/tmp/depot-references.png")
    dialog.reject()
    idle()
