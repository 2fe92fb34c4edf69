"""Where else an appointment starts: the Agenda tab in the main window, a client's record
(« Planifier un rendez-vous »), an order from an accepted quote (« Planifier la pose »), and
« Synchroniser maintenant » in the preferences."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import add_client, type_text

from extradesk.services.agenda import appointments as agenda
from extradesk.services.clients import ouvrages
from extradesk.services.clients import records as clients
from extradesk.services.documents import conversions
from extradesk.services.documents import drafts as documents
from extradesk.services.dto import OuvrageInput
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.editor import open_editor

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def client_id(ctx):
    client = add_client(ctx, last_name="Dupont", first_name="Hélène",
                        billing_line1="3 chemin des Vignes", billing_postal_code="69003",
                        billing_city="Lyon")
    ouvrages.add_ouvrage(ctx, client, data=OuvrageInput(name="Piscine", line1="12 route du Lac",
                                                   postal_code="74000", city="Annecy"))
    return client


def all_appointments(ctx):
    from datetime import UTC, datetime

    return agenda.list_appointments(ctx, [ctx.user_id], start=datetime(2026, 1, 1, tzinfo=UTC),
                                    end=datetime(2027, 12, 31, tzinfo=UTC))


def save(qtbot, dialog, idle):
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    idle()


def test_the_agenda_tab_and_preferences_sync_button(qtbot, window, idle):
    page = window.agenda_page
    qtbot.waitUntil(lambda: page.me is not None)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert page.parentWidget() is window.tabs.widget(titles.index("Agenda"))
    qtbot.waitUntil(lambda: page.sync_panel.status.text() != "")
    assert page.sync_panel.status.text() == ("Pas de synchronisation avec le téléphone : "
                                             "aucun compte d'agenda configuré.")
    assert page.auto_sync is not None and page.auto_sync.isActive()
    window.open_preferences()
    dialog = window.dialog
    idle()
    assert not dialog.sync_button.isEnabled()  # no account: nothing to run (defect 10)
    assert dialog.sync_status.text().startswith("Pas de synchronisation avec le téléphone")


def test_plan_an_appointment_from_the_client_record(qtbot, window, ctx, client_id, idle):
    window.open_client(client_id)
    view = window.client_view
    qtbot.waitUntil(lambda: view.detail is not None)
    qtbot.mouseClick(view.plan_button, LEFT)
    dialog = view.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert dialog.form.client_label.text() == clients.get_client(ctx, client_id).name
    assert dialog.form.start.date.text() == "29/11/2026"  # tomorrow, 09:00
    assert dialog.form.location.placeholderText() == "Par défaut : 3 chemin des Vignes, 69003 Lyon"
    dialog.form.ouvrage.setCurrentIndex(1)
    assert dialog.form.location.placeholderText() == "Par défaut : 12 route du Lac, 74000 Annecy"
    type_text(qtbot, dialog.form.title, "Visite avant travaux")
    save(qtbot, dialog, idle)
    [entry] = all_appointments(ctx)
    saved = agenda.get_appointment(ctx, entry.appointment_id)
    assert (saved.client_id, saved.location) == (client_id, "12 route du Lac, 74000 Annecy")


def test_plan_the_installation_from_an_order(qtbot, tasks, ctx, client_id, idle):
    pool = clients.get_client(ctx, client_id).ouvrages[0].id
    quote, _ = documents.create_quote(ctx, client_id)
    detail = documents.get_document(ctx, quote)
    header = detail.header.__class__(**{**vars(detail.header), "subject": "Liner 75/100",
                                        "ouvrage_id": pool})
    documents.update_header(ctx, quote, header=header)
    order, _ = conversions.accept_quote(ctx, quote)
    editor = open_editor(tasks, order)
    try:
        qtbot.waitUntil(lambda: editor.detail is not None and "planInstallation"
                        in editor.workflow.buttons)
        qtbot.mouseClick(editor.workflow.buttons["planInstallation"], LEFT)
        dialog = editor.workflow.dialog
        qtbot.waitUntil(dialog.save_button.isEnabled)
        assert dialog.form.title.text() == "Pose : Liner 75/100"
        assert dialog.form.ouvrage.currentData() == pool
        save(qtbot, dialog, idle)
        [entry] = all_appointments(ctx)
        assert entry.title == "Pose : Liner 75/100" and entry.client_id == client_id
    finally:
        for window in list(editor_module._open.values()):
            window.close()
