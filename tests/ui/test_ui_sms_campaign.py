"""The campaign composer driven like a person: the counters under the text change as one
types (a 161st GSM-7 character makes 2 SMS, an « ê » switches to UCS-2 and 3 SMS, « remplacer
les caractères qui coûtent »), the recipients and the clients excluded with why follow the
target, the cost; then the campaign is sent (to the local fake gateway) and its report."""

from __future__ import annotations

import pytest
import sms_ui_helpers as helpers
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import type_text, wait_for

from extradesk.services.sms import consent
from extradesk.ui.mail.sender_runner import OutboxRunner
from extradesk.ui.sms.campaign_dialog import CampaignDialog


def plain(widget) -> str:
    """The label's text with ordinary spaces (amounts use a no-break space before €)."""
    return widget.text().replace("\u00a0", " ")


@pytest.fixture(scope="module")
def gateway_server():
    with helpers.serve() as server:
        yield server


@pytest.fixture
def fake(gateway_server, memory_keyring):
    gateway_server.reset()
    yield gateway_server
    gateway_server.reset()


@pytest.fixture
def people(tasks, fake):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.configure(ctx, fake)
    ids = {
        "dupont": helpers.add_client(ctx, "Dupont", "06 12 34 56 78"),
        "durand": helpers.add_client(ctx, "Durand", "06 42 34 56 78", postal="38000",
                                     city="Grenoble"),
        "martin": helpers.add_client(ctx, "Martin", "06 22 34 56 78"),
        "bernard": helpers.add_client(ctx, "Bernard", "06 32 34 56 78"),
        "petit": helpers.add_client(ctx, "Petit", None, phone_home="04 78 00 00 00"),
    }
    for key in ("dupont", "durand", "bernard", "petit"):
        consent.record_consent(ctx, ids[key], source="formulaire signé")
    consent.receive(ctx, number="+33632345678", text="STOP")
    return ids


def test_compose_a_campaign_and_watch_the_counters(qtbot, tasks, people, fake):
    dialog = CampaignDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.recipients.text() == "2 destinataires", timeout=10_000)
    assert dialog.excluded.text() == ("3 clients exclus : 1 pas de portable, 1 pas de "
                                      "consentement, 1 désinscrit (STOP)")
    assert {dialog.excluded_list.item(i).text() for i in range(dialog.excluded_list.count())
            } == {"BERNARD — désinscrit (STOP)", "MARTIN — pas de consentement",
                  "PETIT — pas de portable"}
    assert "« STOP au 36111 » est ajouté" in dialog.stop_note.text()
    assert not dialog.send_button.isEnabled()  # no text yet

    type_text(qtbot, dialog.text, "Bonjour")  # + " STOP au 36111": 21 characters
    assert dialog.count.text() == "21 caractères · 1 SMS · GSM-7 (160 par SMS)"
    assert plain(dialog.cost) == "Coût estimé : 2 × 1 SMS × 0,045 € = 0,09 €"
    dialog.text.setPlainText("Entretien de printemps : -10 % sur la mise en route, "
                             "appelez-nous ! " + "x" * 78)  # 146 + 14 = 160
    assert dialog.count.text().startswith("160 caractères · 1 SMS · GSM-7")
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    type_text(qtbot, dialog.text, "y")
    assert dialog.count.text() == "161 caractères · 2 SMS · GSM-7 (153 par SMS)"
    type_text(qtbot, dialog.text, "ê")
    assert dialog.count.text() == ("162 caractères · 3 SMS · UCS-2 (67 par SMS) — à cause "
                                   "de : « ê »")
    assert plain(dialog.cost) == "Coût estimé : 2 × 3 SMS × 0,045 € = 0,27 €"

    dialog.text.clear()
    type_text(qtbot, dialog.text, "L’entretien…")
    assert "UCS-2" in dialog.count.text() and "« ’ » « … »" in dialog.count.text()
    assert dialog.replace_button.isEnabled()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert dialog.text.toPlainText() == "L'entretien..."
    assert dialog.count.text() == "28 caractères · 1 SMS · GSM-7 (160 par SMS)"
    assert not dialog.replace_button.isEnabled()

    type_text(qtbot, dialog.target.place, "69")  # Lyon's postal codes only
    qtbot.waitUntil(lambda: dialog.recipients.text() == "1 destinataire", timeout=10_000)
    assert dialog.excluded.text().startswith("3 clients exclus")  # all of them in Lyon
    assert plain(dialog.cost) == "Coût estimé : 1 × 1 SMS × 0,045 € = 0,05 €"
    dialog.target.place.clear()
    type_text(qtbot, dialog.target.place, "gre")  # a city's first letters
    qtbot.waitUntil(lambda: dialog.recipients.text() == "1 destinataire"
                    and dialog.excluded.text() == "Aucun client exclu.", timeout=10_000)
    dialog.target.place.clear()
    qtbot.waitUntil(lambda: dialog.recipients.text() == "2 destinataires", timeout=10_000)
    assert dialog.slot.text() == "Départ : samedi 28/11/2026 à 10:30"

    type_text(qtbot, dialog.name, "Printemps")
    assert dialog.send_button.isEnabled()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    assert "Envoyer ce SMS à 2 destinataires (1 SMS chacun)" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "en attente : 2" in dialog.report.text(), timeout=10_000)
    assert "Campagne « Printemps »" in dialog.report.text()
    assert not dialog.send_button.isEnabled()  # sent once

    runner = OutboxRunner(tasks)
    with qtbot.waitSignal(runner.finished, timeout=15_000):
        runner.start()
    qtbot.waitUntil(lambda: "Envoyés : 2" in dialog.report.text(), timeout=10_000)
    assert "Coût des SMS envoyés : 0,09 €" in plain(dialog.report)
    assert sorted(a["to"] for a in fake.accepted) == ["+33612345678", "+33642345678"]
    assert {a["text"] for a in fake.accepted} == {"L'entretien... STOP au 36111"}


def test_the_campaigns_list_shows_each_report(qtbot, window, tasks, people, fake):
    from extradesk.services.sms import campaigns
    from extradesk.ui.sms.campaigns_dialog import CampaignsDialog

    campaigns.create_campaign(tasks.ctx, name="Hiver", target=campaigns.Target(),
                              text="Promo hiver")
    window.sms_campaigns_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, CampaignsDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[:7] == ["Hiver", "samedi 28/11/2026 à 10:30", "2", "0", "0", "0", "2"]
    window.outbox_runner.start()  # the window's sender; the list follows the outbox
    qtbot.waitUntil(lambda: dialog.table.item(0, 3).text() == "2", timeout=15_000)
    assert dialog.table.item(0, 7).text().replace("\u00a0", " ") == "0,09 €"
    assert dialog.heading.text() == "1 campagne"
