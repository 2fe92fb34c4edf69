"""« Devis à relancer », the SMS templates and the client's consent, driven like a person: a
quote sent 10 days ago is listed, followed up by SMS in one click from its template (edited
first), recorded on the quote and sent to the local fake gateway; an unknown template field
is refused in French; consent and STOP entered by hand on the client record."""

from __future__ import annotations

from datetime import datetime

import pytest
import sms_ui_helpers as helpers
from PySide6.QtCore import Qt
from ui_helpers import type_text

from extradesk.core.clock import PARIS, FixedClock
from extradesk.core.workflow import Status
from extradesk.services.documents import drafts as documents
from extradesk.services.outbox import items
from extradesk.services.sms import consent, followups, texts
from extradesk.ui.mail.sender_runner import OutboxRunner
from extradesk.ui.sms.consent_box import ConsentBox
from extradesk.ui.sms.followups_dialog import FollowupsDialog
from extradesk.ui.sms.templates_dialog import SmsTemplatesDialog


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
def quote(tasks, fake):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.configure(ctx, fake)
    client = helpers.add_client(ctx, "Dupont", "06 12 34 56 78")
    quote_id, _ = documents.create_quote(ctx, client)
    documents.set_status(ctx, quote_id, target=Status.SENT)
    return quote_id


def test_a_follow_up_sent_from_the_quotes_to_follow_list(qtbot, tasks, quote, fake):
    ctx = tasks.ctx
    dialog = FollowupsDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.heading.text().startswith("Aucun devis à relancer"))
    ctx.clock = FixedClock(datetime(2026, 12, 8, 10, 0, tzinfo=PARIS))  # 10 days later
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[1:3] == ["DUPONT", "28/11/2026"] and row[4:] == ["jamais", "06 12 34 56 78",
                                                                "—"]
    qtbot.waitUntil(lambda: dialog.text.toPlainText().startswith(
        "Bonjour Mme Dupont, avez-vous pu étudier notre devis"))
    assert dialog.sms_button.isEnabled() and not dialog.mail_button.isEnabled()  # no e-mail
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    type_text(qtbot, dialog.text, " Bonne journée !")
    said = dialog.text.toPlainText()
    assert dialog.count.text().startswith(f"{len(said)} caractères · ")
    assert "GSM-7" in dialog.count.text()  # é and à are GSM-7
    qtbot.mouseClick(dialog.sms_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "mise dans la boîte d'envoi" in dialog.message.text())
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    [(at, channel, text)] = followups.history(ctx, quote)
    assert (at, channel, text) == (ctx.clock.now(), "sms", said)
    runner = OutboxRunner(tasks)
    with qtbot.waitSignal(runner.finished, timeout=15_000):
        runner.start()
    assert [(a["to"], a["text"]) for a in fake.accepted] == [("+33612345678", said)]
    assert items.count_waiting(ctx) == 0


def test_edit_the_follow_up_template(qtbot, tasks, quote):
    dialog = SmsTemplatesDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == [
        "Rappel de rendez-vous", "Rendez-vous déplacé", "Relance de devis"]
    dialog.kind.setCurrentIndex(2)
    assert "{date_devis} (date du devis)" in dialog.fields.text()
    dialog.body.clear()
    type_text(qtbot, dialog.body, "Bonjour {prenom}, et notre devis {numero} ?")
    assert "GSM-7" in dialog.count.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())
    assert "le champ {prenom} n'existe pas" in dialog.errors.summary.text() + \
        dialog.findChild(type(dialog.count), "textError").text()
    assert texts.get_template(tasks.ctx, "relance").startswith("Bonjour {civilite}")
    dialog.body.clear()
    type_text(qtbot, dialog.body, "Bonjour {nom}, et notre devis {numero} ?")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Modèle enregistré.")
    assert followups.preview_text(tasks.ctx, quote).startswith("Bonjour Dupont, et notre "
                                                               "devis D")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Modèle d'origine rétabli.")
    assert dialog.body.toPlainText().startswith("Bonjour {civilite} {nom}, avez-vous pu")


def test_consent_and_stop_entered_by_hand(qtbot, tasks, fake):
    ctx = tasks.ctx
    client = helpers.add_client(ctx, "Martin", "06 22 34 56 78")
    box = ConsentBox(tasks)
    qtbot.addWidget(box)
    box.show()
    tasks.changed.connect(box.apply_changes)  # as the client record does
    box.show_client(client)
    qtbot.waitUntil(lambda: box.edit_button.isEnabled())
    assert box.text.text().startswith("Consentement aux SMS commerciaux non recueilli")
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    dialog.given.setChecked(True)
    dialog.source.setCurrentText("")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())  # the source is required
    assert consent.get_consent(ctx, client) is None
    dialog.source.setCurrentText("Salon")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.text.text() == "Consentement donné le 28/11/2026 (Salon).")
    assert consent.get_consent(ctx, client).source == "Salon"

    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog.given.isChecked() and dialog.source.currentText() == "Salon"
    dialog.stop.setChecked(True)
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert consent.is_opted_out(ctx, "+33622345678")
    qtbot.waitUntil(lambda: "a demandé STOP" in box.text.text())
