"""The « Configurateur SMTP », the templates editor and the mail preferences, driven like a
person against a real SMTP server (aiosmtpd, STARTTLS with AUTH)."""

from __future__ import annotations

import mail_ui_helpers as helpers
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import open_section, type_text

import smtp_server
from extradesk.services import preferences
from extradesk.services.mail import accounts, templates
from extradesk.ui.mail.smtp_dialog import SmtpDialog
from extradesk.ui.mail.templates_dialog import TemplatesDialog


def fill(qtbot, edit, text: str) -> None:
    edit.clear()
    type_text(qtbot, edit, text)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def open_smtp(qtbot, window) -> SmtpDialog:
    window.smtp_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, SmtpDialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    return dialog


def test_configure_and_test_an_smtp_account_through_the_dialog(qtbot, window, smtp, tasks,
                                                              idle):
    ctx = tasks.ctx
    helpers.business(ctx)
    dialog = open_smtp(qtbot, window)
    assert dialog.owner.currentData() is None  # the company's account, shared by all

    choose(dialog.provider, "gmail")  # a preset fills the server, and says what to know
    assert (dialog.host.text(), dialog.port.text(), dialog.security.currentData()) == (
        "smtp.gmail.com", "587", "starttls")
    assert "mot de passe d'application" in dialog.provider_note.text()

    server = smtp.starttls
    choose(dialog.provider, "other")
    fill(qtbot, dialog.host, server.host)
    fill(qtbot, dialog.port, str(server.port))
    fill(qtbot, dialog.sender_name, "Piscines Azur")
    fill(qtbot, dialog.sender_address, "contact@piscines-azur.fr")
    fill(qtbot, dialog.login, smtp_server.LOGIN)
    fill(qtbot, dialog.password, "pas-le-bon")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "L'essai a échoué" in dialog.message.text(), timeout=15_000)
    assert "Identifiant ou mot de passe refusé par le serveur 127.0.0.1" in \
        dialog.message.text()
    assert server.handler.received == []

    fill(qtbot, dialog.password, smtp_server.PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Message d'essai envoyé" in dialog.message.text(), timeout=15_000)
    assert dialog.message.text() == \
        "Message d'essai envoyé à marc@piscines-azur.fr par 127.0.0.1."
    [got] = server.handler.received
    assert got.rcpt_tos == ["marc@piscines-azur.fr"]
    assert got.message["From"] == "Piscines Azur <contact@piscines-azur.fr>"
    stored = accounts.own_account(ctx, None)
    assert (stored.host, stored.port, stored.login) == (server.host, server.port,
                                                         smtp_server.LOGIN)
    assert dialog.password.text() == ""  # kept in the keyring, never shown again

    # The port is checked, in French, beside its field; nothing saved.
    fill(qtbot, dialog.port, "quatre")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())
    assert "« quatre » doit être un nombre entre 1 et 65535" in \
        dialog.findChild(type(dialog.message), "portError").text()
    assert accounts.own_account(ctx, None).port == server.port
    idle()


def test_deliverability_advice_is_shown_and_never_blocks(qtbot, window, smtp, tasks, idle):
    ctx = tasks.ctx
    helpers.business(ctx)
    ctx.dns_txt = lambda domain: {"piscines-azur.fr": ["v=spf1 include:_spf.ovh.com -all"]
                                  }.get(domain, [])
    dialog = open_smtp(qtbot, window)
    choose(dialog.provider, "gmail")
    fill(qtbot, dialog.sender_address, "contact@piscines-azur.fr")
    qtbot.mouseClick(dialog.hints_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Conseils"))
    text = dialog.message.text()
    assert "n'est pas du domaine du serveur smtp.gmail.com" in text
    assert "L'enregistrement SPF de piscines-azur.fr n'autorise pas le serveur smtp.gmail.com" \
        in text
    assert dialog.save_button.isEnabled()  # advice, never a block

    choose(dialog.provider, "ovh")
    qtbot.mouseClick(dialog.hints_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Rien à signaler"))
    idle()


def test_templates_editor_saves_and_refuses_an_unknown_field_in_french(qtbot, window, tasks,
                                                                     idle):
    ctx = tasks.ctx
    window.templates_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, TemplatesDialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert dialog.kind.currentData() == "devis"
    assert "{valable_jusqu_au}" in dialog.fields.text()
    fill(qtbot, dialog.subject, "Votre devis {numero} – {montant}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())
    error = dialog.findChild(type(dialog.message), "subjectError").text()
    assert error.startswith("Objet : champ inconnu dans le modèle : {montant}. Champs "
                            "possibles : {civilite}")
    assert templates.get_template(ctx, "devis")[0] == "Devis {numero}"  # nothing saved

    fill(qtbot, dialog.subject, "Votre devis {numero}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Modèle enregistré.")
    assert not dialog.errors.panel.isVisible()
    assert templates.get_template(ctx, "devis")[0] == "Votre devis {numero}"

    choose(dialog.kind, "facture")
    assert dialog.subject.text() == "Facture {numero}"
    choose(dialog.kind, "devis")
    assert dialog.subject.text() == "Votre devis {numero}"
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.subject.text() == "Devis {numero}")
    assert templates.get_template(ctx, "devis")[0] == "Devis {numero}"
    idle()


def test_mail_preferences_and_the_no_address_hint(qtbot, window, tasks, idle):
    ctx = tasks.ctx
    helpers.business(ctx, email=None)
    qtbot.mouseClick(window.gear, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    idle()
    open_section(qtbot, dialog, "mail")
    assert not dialog.read_receipt.isChecked() and not dialog.copy_to_me.isChecked()
    assert not dialog.copy_hint.isVisible()
    qtbot.mouseClick(dialog.copy_to_me, Qt.MouseButton.LeftButton)
    assert dialog.copy_hint.isVisible()
    assert dialog.copy_hint.text().startswith("Vous n'avez pas d'adresse e-mail")
    # On the box itself: a check box wider than its text does not toggle on the blank part.
    qtbot.mouseClick(dialog.read_receipt, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.read_receipt.height() // 2))
    smtp_button = dialog.findChild(QPushButton, "preferencesSmtp")
    qtbot.mouseClick(smtp_button, Qt.MouseButton.LeftButton)  # the configurator, from here
    assert isinstance(dialog.mail_dialog, SmtpDialog)
    qtbot.waitUntil(lambda: dialog.mail_dialog.save_button.isEnabled())
    dialog.mail_dialog.reject()
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert preferences.get(ctx, preferences.MAIL_READ_RECEIPT.key) is True
    assert preferences.get(ctx, preferences.MAIL_COPY_TO_ME.key) is True
    idle()
