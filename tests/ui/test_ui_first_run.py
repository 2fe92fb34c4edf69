"""A new empty database opens on « Votre entreprise »: a few fields, saved into the company
settings, offered once; a quote printed without the identity is warned about first."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_helpers import add_client, type_text, wait_for

from extradesk.services import company, preferences
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import lines
from extradesk.services.documents.dto import LineInput
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents import pdf_actions
from extradesk.ui.documents.editor import open_editor
from extradesk.ui.main_window import MainWindow


@pytest.fixture
def fresh(ctx, tasks):
    """As a new database is: the step not offered yet (the tasks fixture marks it seen)."""
    preferences.set_value(ctx, preferences.COMPANY_OFFERED.key, value=False)
    return ctx


def start(qtbot, tasks) -> MainWindow:
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.show()
    main.start_session()
    qtbot.waitUntil(lambda: main.ready, timeout=15_000)
    return main


def test_the_first_start_asks_for_the_company_and_saves_it(qtbot, fresh, tasks, idle):
    main = start(qtbot, tasks)
    dialog = wait_for(qtbot, QDialog, "firstRunDialog")
    assert dialog.windowTitle() == "Votre entreprise"
    dialog.grab().save("/tmp/docfix_first_run.png")
    type_text(qtbot, dialog.edits["name"], "Poêles du Lyonnais")
    type_text(qtbot, dialog.edits["siret"], "732 829 320 00075")  # one digit wrong
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "SIRET" in dialog.findChild(object, "siretError").text()
    assert company.get_company(fresh).name is None  # refused: nothing saved
    dialog.edits["siret"].clear()
    type_text(qtbot, dialog.edits["siret"], "732 829 320 00074")
    for name, value in (("line1", "12 avenue des Tilleuls"), ("postal_code", "69003"),
                        ("city", "Lyon"), ("phone", "04 78 12 34 56")):
        type_text(qtbot, dialog.edits[name], value)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    saved = company.get_company(fresh)
    assert (saved.name, saved.siret, saved.city) == ("Poêles du Lyonnais", "73282932000074",
                                                     "Lyon")
    assert not company.first_run_wanted(fresh)
    main.close()


def test_put_off_it_is_not_offered_again(qtbot, fresh, tasks, idle):
    main = start(qtbot, tasks)
    dialog = wait_for(qtbot, QDialog, "firstRunDialog")
    qtbot.mouseClick(dialog.buttons.findChild(object, "laterFirstRun"),
                     Qt.MouseButton.LeftButton)
    idle()
    assert not company.first_run_wanted(fresh)
    main.close()


def test_a_database_already_in_use_is_not_asked(fresh):
    add_client(fresh, last_name="Martin")
    assert not company.first_run_wanted(fresh)


def test_printing_a_quote_without_the_company_warns_and_lists_what_is_missing(
        qtbot, ctx, tasks, idle, monkeypatch):
    client_id = add_client(ctx, last_name="Martin", billing_line1="1 rue Haute",
                           billing_postal_code="69001", billing_city="Lyon")
    quote, _ = documents.create_quote(ctx, client_id)
    lines.add_line(ctx, quote, data=LineInput(label="Poêle", quantity="1", unit_price="2890"))
    previewed = []
    monkeypatch.setattr(pdf_actions, "preview", lambda parent, t, doc: previewed.append(doc))
    editor = open_editor(tasks, quote)
    qtbot.waitUntil(lambda: editor.detail is not None)
    try:
        qtbot.mouseClick(editor.workflow.buttons["preview"], Qt.MouseButton.LeftButton)
        box = wait_for(qtbot, QMessageBox, "identityMissingBox")
        details = box.informativeText()
        assert "la raison sociale de l'entreprise" in details
        assert "le numéro SIRET de l'entreprise" in details
        assert previewed == []  # nothing printed before the answer
        box.findChild(object, "continueAnyway").click()
        assert previewed == [quote]
        # Filled in: no question any more.
        company.update_company(ctx, name="Piscines Azur", line1="12 avenue des Tilleuls",
                               postal_code="69003", city="Lyon", siret="73282932000074",
                               legal_form="EI", rcs_rm="RM 69", vat_exempt=True,
                               decennial_required=False)
        qtbot.mouseClick(editor.workflow.buttons["preview"], Qt.MouseButton.LeftButton)
        idle()
        qtbot.waitUntil(lambda: previewed == [quote, quote])
    finally:
        for window in list(editor_module._open.values()):
            window.close()
