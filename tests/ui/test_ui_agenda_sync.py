"""« Synchroniser maintenant » in the Agenda tab, against a real Radicale: runs in the
background, shows its report; a wrong password shows the French error and changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

import radicale_server
from extradesk.services.agenda import accounts as agenda_accounts
from extradesk.services.agenda import appointments as agenda
from extradesk.services.agenda.dto import AppointmentInput
from extradesk.ui.agenda.agenda_page import AgendaPage
from radicale_server import PASSWORDS, Phone, new_calendar

PARIS = ZoneInfo("Europe/Paris")


radicale = pytest.fixture(scope="module")(radicale_server.serve)
memory_keyring = pytest.fixture(autouse=True)(radicale_server.memory_keyring)


@pytest.fixture
def phone(radicale, ctx):
    """A fresh calendar on the server, my account on it, and the phone reading it."""
    name, url = new_calendar(radicale)
    agenda_accounts.save_account(ctx, ctx.user_id, url=radicale.url, login="marc",
                                 password=PASSWORDS["marc"], calendar=name)
    return Phone(radicale.url, "marc", url)


@pytest.fixture
def page(qtbot, tasks, ctx, phone):
    widget = AgendaPage(tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.start()
    return widget


def make(ctx, hour=9):
    start = datetime(2026, 12, 2, hour, tzinfo=PARIS)
    data = AppointmentInput(title="Pose liner", start=start, end=start + timedelta(hours=2),
                            user_ids=(ctx.user_id,))
    return agenda.create_appointment(ctx, data)[0]


def sync_now(qtbot, page, idle):
    panel = page.sync_panel
    qtbot.waitUntil(panel.sync_button.isEnabled)
    with qtbot.waitSignals([panel.runner.started, panel.runner.finished], timeout=20_000):
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        assert panel.status.text() == "Synchronisation en cours…"  # the window did not wait
    idle()
    return panel


def test_sync_now_runs_in_the_background_and_shows_its_report(qtbot, ctx, phone, page, idle):
    make(ctx)
    panel = sync_now(qtbot, page, idle)
    assert panel.report.text().startswith("Synchronisation : 1 envoyé, 0 reçu, "
                                          "0 supprimé, 0 conflit, 0 erreur.")
    assert panel.status.text() == "Dernière synchronisation : 28/11/2026 à 10:30"
    [event] = phone.events().values()
    assert str(event.icalendar_component["SUMMARY"]) == "Pose liner"


def test_a_wrong_password_says_so_and_changes_nothing(qtbot, ctx, phone, page, idle,
                                                      memory_keyring):
    visit = make(ctx)
    before = agenda.get_appointment(ctx, visit)
    [key] = memory_keyring.store
    memory_keyring.store[key] = "pas-le-bon"
    panel = sync_now(qtbot, page, idle)
    assert "Mot de passe refusé par le serveur" in panel.status.text()
    assert panel.status.text().startswith("Erreur de synchronisation : ")
    assert "1 erreur" in panel.report.text()
    assert agenda.get_appointment(ctx, visit) == before
    assert phone.events() == {}
