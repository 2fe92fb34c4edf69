"""The Relances tab, the cheque deposit and the closing, driven like a person: an overdue
invoice listed with its days late, its level-1 letter previewed and mailed through the
outbox to a real local SMTP server (PDF attached); a client without e-mail gets a letter to
print; a deposit slip made and read back with pypdf; a day closed after confirmation."""

from __future__ import annotations

from datetime import date

import pytest
from mail_ui_helpers import account
from payments_ui_helpers import business, client, invoice, pdf_text, plain
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import wait_for

from extradesk.core.errors import StateError
from extradesk.services.outbox import items
from extradesk.services.payments import entries, figures, reminders
from extradesk.services.payments.entries import PaymentInput
from extradesk.ui.documents import pdf_actions
from extradesk.ui.documents.pdf_view import PdfViewer
from extradesk.ui.payments.closing_dialog import ClosingDialog
from extradesk.ui.payments.deposit_dialog import DepositDialog

OCT1 = date(2026, 10, 1)  # today is 28/11/2026


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_yes(qtbot) -> None:
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    box.button(QMessageBox.StandardButton.Yes).click()


@pytest.fixture
def late(ctx):
    """A camping (business, with e-mail) and Hélène (private, no e-mail) late since 31/10."""
    business(ctx)
    camping = client(ctx, "Lac", company_name="Camping du Lac",
                     email="compta@camping-du-lac.fr")
    helene = client(ctx)
    return {"camping": camping, "helene": helene,
            "camping_invoice": invoice(ctx, camping, "1200", on=OCT1, due=date(2026, 10, 31)),
            "helene_invoice": invoice(ctx, helene, "450.50", on=OCT1, due=date(2026, 10, 31))}


def open_reminders(qtbot, window):
    window.tabs.setCurrentIndex(2)
    page = window.reminders_page
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    return page


def test_the_relances_tab_lists_the_overdue_invoice_and_mails_its_first_reminder(
        qtbot, window, ctx, late, smtp, idle):
    account(ctx, smtp.plain)
    assert window.tabs.tabText(2) == "Relances"
    page = open_reminders(qtbot, window)
    model = page.model
    texts = [[plain(model.data(model.index(r, c))) for c in range(10)] for r in range(2)]
    number = figures.overdue(ctx)[0].number
    assert texts[0] == [
        "Camping du Lac (LAC)", number, "31/10/2026", "28 jours", "1 200,00 €", "0,00 €",
        "1 200,00 €", "Aucune", "Relance", "compta@camping-du-lac.fr"]
    assert texts[1][0] == "DUPONT Hélène" and texts[1][9] == "pas d'e-mail : à imprimer"
    assert plain(page.total.text()) == ("2 factures en retard, 2 clients : 1 650,50 € restant "
                                        "dus · 2 relances à envoyer aujourd'hui")
    window.resize(1200, 700)
    page.grab().save("/tmp/payui-relances.png")

    page.select(late["camping_invoice"])
    click(qtbot, page.preview_button)
    qtbot.waitUntil(lambda: page.viewer is not None, timeout=10_000)
    text = pdf_text(page.viewer.pdf)
    assert "Relance" in text and "1 200,00 €" in text and "40 €" in text  # business client
    page.viewer.close()

    assert page.send_button.text() == "Envoyer : relance"
    click(qtbot, page.send_button)
    answer_yes(qtbot)
    qtbot.waitUntil(lambda: "boîte d'envoi" in page.message.text(), timeout=10_000)
    assert page.message.text() == "1 relance mise dans la boîte d'envoi."
    [item] = items.list_items(ctx)
    assert (item.kind, item.to, item.document_id) == (
        "relance", "compta@camping-du-lac.fr", late["camping_invoice"])
    assert [(r.level, r.day, r.channel) for r in reminders.letters_of(
        ctx, late["camping_invoice"])] == [(1, date(2026, 11, 28), "mail")]
    # The list follows: the level and day of the reminder, nothing more due for it today.
    qtbot.waitUntil(lambda: plain(model.data(model.index(0, 7))) == "Relance le 28/11/2026",
                    timeout=10_000)
    assert model.data(model.index(0, 8)) == "Deuxième relance (en avance)"
    assert page.selected() == late["camping_invoice"]  # the selection stays on it
    # The sender delivers it to the real SMTP server, letter attached.
    window.outbox_runner.start()
    qtbot.waitUntil(lambda: len(smtp.plain.handler.received) == 1, timeout=20_000)
    message = smtp.plain.handler.received[0].message
    assert message["To"] == "compta@camping-du-lac.fr"
    [attached] = [p for p in message.iter_attachments()]
    assert attached.get_filename() == f"Relance {number}.pdf"
    assert "1 200,00 €" in pdf_text(attached.get_content())
    qtbot.waitUntil(lambda: not window.outbox_runner.running and window.tasks.pending == 0,
                    timeout=15_000)


def test_a_client_without_email_gets_a_letter_to_print(qtbot, window, ctx, late, idle):
    page = open_reminders(qtbot, window)
    page.select(late["helene_invoice"])
    click(qtbot, page.send_button)
    answer_yes(qtbot)
    viewer = wait_for(qtbot, PdfViewer)
    text = pdf_text(viewer.pdf)
    assert "Relance" in text and "450,50 €" in text
    assert "40 €" not in text  # a private client: no recovery indemnity
    assert "à imprimer" in page.message.text()
    assert [r.channel for r in reminders.letters_of(ctx, late["helene_invoice"])] == ["print"]
    assert items.list_items(ctx) == []
    viewer.close()


def test_the_reminder_templates_refuse_an_unknown_field(qtbot, window, ctx, late):
    page = open_reminders(qtbot, window)
    click(qtbot, page.templates_button)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    dialog.level.setCurrentIndex(2)
    dialog.grab().save("/tmp/payui-templates.png")
    assert dialog.subject.text() == "Mise en demeure de payer : facture {numero}"
    dialog.subject.setText("Facture {numero} {inconnu}")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible(), timeout=10_000)
    assert "Champ inconnu dans le modèle : {inconnu}" in dialog.findChild(
        type(dialog.message), "subjectError").text()
    assert reminders.get_template(ctx, 3)[0] == "Mise en demeure de payer : facture {numero}"
    dialog.subject.setText("Dernier avis avant poursuites : facture {numero}")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.message.text() == "Modèle enregistré.", timeout=10_000)
    assert reminders.get_template(ctx, 3)[0] == "Dernier avis avant poursuites : facture {numero}"


def test_a_deposit_slip_is_made_printed_saved_and_its_cheques_locked(
        qtbot, window, ctx, late, tmp_path, monkeypatch, idle):
    for invoice_id, amount, number, drawer in (
            (late["camping_invoice"], "1200", "1234567", "SARL Camping du Lac"),
            (late["helene_invoice"], "450,50", "7654321", None)):
        entries.pay_invoice(ctx, invoice_id, data=PaymentInput(
            day=date(2026, 11, 20), amount=amount, mode="cheque", cheque_bank="LCL",
            cheque_number=number, drawer=drawer))
    window.deposit_action.trigger()
    dialog = wait_for(qtbot, DepositDialog)
    qtbot.waitUntil(lambda: dialog.make_button.isEnabled(), timeout=10_000)
    assert dialog.table.rowCount() == 2
    assert plain(dialog.total.text()) == "0 chèque choisi : 0,00 €"
    click(qtbot, dialog.all_button)
    assert plain(dialog.total.text()) == "2 chèques choisis : 1 650,50 €"
    assert dialog.journal.currentText().startswith("BQ")
    click(qtbot, dialog.make_button)
    qtbot.waitUntil(lambda: dialog.viewer is not None, timeout=10_000)
    text = pdf_text(dialog.viewer.pdf)
    for expected in ("SARL Camping du Lac", "1234567", "7654321", "DUPONT Hélène", "LCL",
                     "1 200,00 €", "450,50 €", "1 650,50 €", "28/11/2026"):
        assert expected in text, expected
    dialog.viewer.grab().save("/tmp/payui-slip.png")
    dialog.viewer.close()
    dialog.grab().save("/tmp/payui-deposit.png")
    assert dialog.done_label.text().startswith("Remise n° 1 faite : 2 chèques verrouillés")

    target = tmp_path / "remise.pdf"
    monkeypatch.setattr(pdf_actions, "ask_save_path", lambda _parent, name: target)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert "1 650,50 €" in pdf_text(target.read_bytes())

    assert figures.undeposited_cheques(ctx) == []
    [first, _second] = figures.payments(ctx)
    with pytest.raises(StateError):  # locked: never cancelled once deposited
        entries.cancel_payment(ctx, first.id)
    dialog.close()
    window.open_client(late["camping"])
    section = window.client_view.payments
    qtbot.waitUntil(lambda: len(section.rows) == 1, timeout=10_000)
    assert section.table.item(0, 7).text() == "Remis en banque (remise n° 1) : verrouillé"
    section.table.selectRow(0)
    assert not section.cancel_button.isEnabled()


def test_a_day_is_closed_after_confirmation_and_locked(qtbot, window, ctx, late, idle):
    today = date(2026, 11, 28)
    entries.pay_invoice(ctx, late["camping_invoice"], data=PaymentInput(
        day=today, amount="200", mode="especes"))
    entries.pay_invoice(ctx, late["helene_invoice"], data=PaymentInput(
        day=today, amount="50,50", mode="carte"))
    window.closing_action.trigger()
    dialog = wait_for(qtbot, ClosingDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    totals = plain(dialog.totals.text())
    assert "la journée du 28/11/2026" in totals
    assert "2 règlements (annulations comprises), total 250,50 €" in totals
    assert "Carte bancaire 50,50 € ; Espèces 200,00 €" in totals
    dialog.grab().save("/tmp/payui-closing.png")
    click(qtbot, dialog.close_button)
    answer_yes(qtbot)
    qtbot.waitUntil(lambda: dialog.closed is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "déjà clôturée" in dialog.totals.text(), timeout=10_000)
    assert not dialog.close_button.isEnabled()
    assert dialog.closed.total == 250.50 and dialog.closed.by_mode == {
        "carte": 50.50, "especes": 200}
    from extradesk.core.errors import ValidationError

    with pytest.raises(ValidationError):  # the day is locked
        entries.pay_invoice(ctx, late["camping_invoice"], data=PaymentInput(
            day=today, amount="1", mode="especes"))


def test_a_payment_entered_elsewhere_leaves_the_list_when_the_tab_is_shown_again(
        qtbot, window, ctx, late, idle):
    from extradesk.ui.ops import payments as payments_ops

    page = open_reminders(qtbot, window)
    assert page.model.rowCount() == 2
    window.tabs.setCurrentIndex(1)  # the Pièces tab: Relances hidden
    payments_ops.record(window.tasks, window, client_id=late["helene"], values=dict(
        day=date(2026, 11, 28), amount="450,50", mode="especes"),
        allocations=[(late["helene_invoice"], "450,50")])
    idle()
    assert page.stale and page.model.rowCount() == 2  # not read again while hidden
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.lines[0].document_id == late["camping_invoice"]
