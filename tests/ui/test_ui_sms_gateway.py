"""« Passerelle SMS » driven like a person: the Android gateway configured against the local
fake gateway, « Tester » failing in French (refused keys, the phone unreachable), then a
test SMS reaching the fake; and the outbox sender of the window draining a queued SMS."""

from __future__ import annotations

import pytest
import sms_ui_helpers as helpers
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import type_text

from extradesk.services import preferences, users
from extradesk.services.dto import UserInput
from extradesk.services.outbox import items
from extradesk.services.sms import consent, gateway, settings
from extradesk.ui.sms.gateway_dialog import GatewayDialog
from extradesk.ui.sms.settings_dialog import SmsSettingsDialog


@pytest.fixture(scope="module")
def gateway_server():
    with helpers.serve() as server:
        yield server


@pytest.fixture
def fake(gateway_server, memory_keyring):
    gateway_server.reset()
    yield gateway_server
    gateway_server.reset()


def fill(qtbot, edit, text: str) -> None:
    edit.clear()
    type_text(qtbot, edit, text)


def open_gateway(qtbot, window) -> GatewayDialog:
    window.sms_gateway_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, GatewayDialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    return dialog


def test_configure_the_android_gateway_and_press_tester(qtbot, window, fake, tasks):
    ctx = tasks.ctx
    me = users.get_user(ctx, ctx.user_id)
    users.update_user(ctx, me.id, data=UserInput(name=me.name, initials=me.initials,
                                                       mobile="06 12 34 56 78"))
    dialog = open_gateway(qtbot, window)
    assert dialog.test_to.text() == "+33612345678"  # the user's own mobile
    dialog.kind.setCurrentIndex(dialog.kind.findData("android"))
    assert [dialog.secret_labels[i].text() for i in range(2)] == ["Identifiant",
                                                                 "Mot de passe"]
    assert not dialog.secrets[2].isVisibleTo(dialog)  # Android needs two secrets
    assert "carte SIM" in dialog.note.text()

    fill(qtbot, dialog.url, helpers.closed_port_url())  # nothing listens there
    fill(qtbot, dialog.secrets[0], helpers.ANDROID[0])
    fill(qtbot, dialog.secrets[1], helpers.ANDROID[1])
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "L'essai a échoué" in dialog.message.text(), timeout=15_000)
    assert "Le téléphone passerelle (127.0.0.1:" in dialog.message.text()
    assert "est injoignable : est-il allumé" in dialog.message.text()
    assert "boîte d'envoi" not in dialog.message.text()  # the test SMS is not queued
    assert dialog.secrets[0].placeholderText().startswith("inchangé")  # kept in the keyring

    fill(qtbot, dialog.url, fake.url)
    fill(qtbot, dialog.secrets[1], "pas-le-bon")  # the login stays as saved
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "L'essai a échoué" in dialog.message.text()
                    and "refuse les clés" in dialog.message.text(), timeout=15_000)
    assert "SMS Gateway for Android refuse les clés d'accès" in dialog.message.text()
    assert fake.accepted == []

    fill(qtbot, dialog.secrets[1], helpers.ANDROID[1])
    fill(qtbot, dialog.sender, "Pisc Azur")  # a space: refused beside the field
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())
    assert "3 à 11 lettres ou chiffres" in dialog.findChild(
        type(dialog.note), "senderError").text()
    dialog.sender.clear()
    fill(qtbot, dialog.secrets[1], helpers.ANDROID[1])
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SMS d'essai remis" in dialog.message.text(), timeout=15_000)
    assert dialog.message.text().startswith(
        "SMS d'essai remis à SMS Gateway for Android pour le +33612345678")
    [sent] = fake.accepted
    assert sent["to"] == "+33612345678" and "la passerelle SMS SMS Gateway for Android " \
        "fonctionne" in sent["text"]
    saved = gateway.get_gateway(ctx)
    assert (saved.kind, saved.url) == ("android", fake.url)


def test_the_window_sender_drains_a_queued_sms(qtbot, window, fake, tasks):
    ctx = tasks.ctx
    helpers.configure(ctx, fake)
    item_id, changes = gateway.queue_sms(ctx, to="06 98 76 54 32", text="Votre liner arrive")
    tasks.changed.emit(changes)  # as an op would publish it
    qtbot.waitUntil(lambda: items.get_item(ctx, item_id).state == "sent", timeout=15_000)
    assert [(a["to"], a["text"]) for a in fake.accepted] == [("+33698765432",
                                                              "Votre liner arrive")]
    qtbot.waitUntil(lambda: not window.outbox_runner.running)
    assert window.outbox_runner.count == 0


def test_sms_settings_default_delay_follow_up_days_price_and_window(qtbot, window, fake,
                                                                    tasks):
    ctx = tasks.ctx
    helpers.configure(ctx, fake)
    window.sms_settings_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, SmsSettingsDialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert (dialog.delay.currentData(), dialog.followup_days.value(), dialog.price.text()) \
        == ("1d", 10, "0,045")
    assert [box.isChecked() for box in dialog.days] == [True] * 6 + [False]  # Mon–Sat
    dialog.delay.setCurrentIndex(dialog.delay.findData("2d"))
    dialog.followup_days.setValue(15)
    fill(qtbot, dialog.price, "quatre sous")
    dialog.days[5].setChecked(False)  # no Saturday
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())
    assert "n'est pas un prix en euros" in dialog.findChild(
        type(dialog.window_note), "priceError").text()
    assert preferences.get(ctx, preferences.SMS_REMINDER_DELAY.key) == "1d"  # nothing saved
    fill(qtbot, dialog.price, "0,05")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert preferences.get(ctx, preferences.SMS_REMINDER_DELAY.key) == "2d"
    assert preferences.get(ctx, preferences.QUOTE_FOLLOWUP_DAYS.key) == 15
    assert preferences.get(ctx, preferences.SMS_PRICE_PER_SEGMENT.key) == "0.05"
    assert settings.load(ctx).window.days == frozenset(range(5))


def test_the_envoi_tab_lists_an_sms_with_its_kind_and_number(qtbot, window, fake, tasks):
    ctx = tasks.ctx
    gateway.queue_sms(ctx, to="06 98 76 54 32", text="Votre liner arrive", kind="rappel")
    page = window.outbox_page
    page.reload()
    qtbot.waitUntil(lambda: page.model.loaded and page.model.rowCount() == 1)
    model = page.model
    qtbot.waitUntil(lambda: model.data(model.index(0, 2)) == "SMS · rappel de rendez-vous")
    assert model.data(model.index(0, 1)) == "06 98 76 54 32"


def test_stop_answers_fetched_from_ovh_by_the_window(qtbot, window, fake, tasks):
    ctx = tasks.ctx
    gateway.save_gateway(ctx, data=gateway.GatewayInput(kind="ovh", url=fake.url,
                                                         account="sms-ab12345-1"),
                         secrets=list(helpers.SECRETS["ovh"]))
    fake.incoming.update({7: ("+33612345678", "Stop"), 8: ("+33622345678", "Merci")})
    runner = window.stop_runner
    qtbot.waitUntil(lambda: not runner.running)
    with qtbot.waitSignal(runner.done, timeout=15_000) as done:
        assert runner.run()
    assert done.args == [1]
    assert consent.is_opted_out(ctx, "06 12 34 56 78")
    assert fake.incoming == {8: ("+33622345678", "Merci")}  # the STOP deleted once recorded
    with qtbot.waitSignal(runner.done, timeout=15_000) as done:
        runner.run()
    assert done.args == [0]


def test_the_gear_leads_to_the_sms_settings(qtbot, window, tasks):
    window.gear.click()
    preferences_dialog = window.dialog
    preferences_dialog.show_section("sms")
    # The section's buttons join the page once the options are read (on the worker).
    qtbot.waitUntil(lambda: preferences_dialog.findChild(
        QPushButton, "preferencesSmsSettings") is not None)
    button = preferences_dialog.findChild(QPushButton, "preferencesSmsSettings")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = preferences_dialog.sms_dialog
    assert isinstance(dialog, SmsSettingsDialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert dialog.delay.currentText() == "1 jour avant"  # « délai des alertes SMS »
