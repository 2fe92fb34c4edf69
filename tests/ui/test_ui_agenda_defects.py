"""Agenda defects 5, 6 and 10 of issue 11, driven like a person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import add_client

from extradesk.services.agenda import appointments as agenda

LEFT = Qt.MouseButton.LeftButton


def test_a_new_appointment_offers_no_delete(qtbot, window, idle):
    page = window.agenda_page
    window.tabs.setCurrentWidget(page.parentWidget())
    qtbot.waitUntil(lambda: page.me is not None)
    page.new_appointment()
    dialog = page.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert not dialog.delete_button.isVisible() and not dialog.delete_button.isEnabled()
    dialog.reject()


def test_planning_from_a_client_record_prefills_the_title_with_his_name(qtbot, window, ctx,
                                                                       idle):
    client_id = add_client(ctx, last_name="Dupont", first_name="Hélène",
                           phone_mobile="06 12 34 56 78", billing_line1="3 chemin des Vignes",
                           billing_postal_code="69003", billing_city="Lyon")
    window.open_client(client_id)
    view = window.client_view
    qtbot.waitUntil(lambda: view.detail is not None)
    qtbot.mouseClick(view.plan_button, LEFT)
    dialog = view.dialog
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert dialog.form.title.text() == "DUPONT Hélène"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    idle()
    from datetime import UTC, datetime

    [entry] = agenda.list_appointments(ctx, [ctx.user_id], start=datetime(2026, 1, 1, tzinfo=UTC),
                                       end=datetime(2027, 1, 1, tzinfo=UTC))
    assert (entry.title, entry.client_id, entry.client_phones) == (
        "DUPONT Hélène", client_id, ("06 12 34 56 78",))


def test_sync_now_is_disabled_without_account_and_never_shows_an_error(qtbot, window, idle):
    page = window.agenda_page
    qtbot.waitUntil(lambda: page.me is not None)
    qtbot.waitUntil(lambda: page.sync_panel.status.text() != "")
    window.open_preferences()
    dialog = window.dialog
    idle()
    assert not dialog.sync_button.isEnabled()
    assert "aucun compte d'agenda" in dialog.sync_button.toolTip().lower()
    dialog.sync_button.click()  # even if reached by another way: no error state
    idle()
    assert "Erreur" not in page.sync_panel.status.text()
    assert page.sync_panel.status.text() == ("Pas de synchronisation avec le téléphone : "
                                             "aucun compte d'agenda configuré.")
