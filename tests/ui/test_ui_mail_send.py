"""Sending mail from the application, like a person: a quote from its editor, then the
« Envoi » page and the client's history; several documents from the Pièces list; a message
from the client record; a server that is down; 50 mails drained with the window responsive.
Real SMTP servers (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import gc
import time

import mail_ui_helpers as helpers
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from ui_helpers import type_text, wait_for

from extradesk.core.workflow import Status
from extradesk.services.documents import drafts as documents
from extradesk.services.mail import compose
from extradesk.services.outbox import items
from extradesk.ui.documents import editor as editor_module
from extradesk.ui.documents.editor import open_editor


@pytest.fixture(autouse=True)
def _close_editors():
    yield
    for editor in list(editor_module._open.values()):
        editor.close()


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def drained(qtbot, window) -> None:
    """The sender has recorded everything it sent (before the worker shuts down)."""
    qtbot.waitUntil(lambda: not window.outbox_runner.running and window.tasks.pending == 0,
                    timeout=15_000)


def select_rows(table, rows: list[int]) -> None:
    selection = table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_send_a_quote_from_the_editor_see_it_in_envoi_and_the_clients_history(
        qtbot, window, smtp, tasks):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.account(ctx, smtp.starttls)
    client = helpers.helene(ctx)
    quote = helpers.quote(ctx, client)

    editor = open_editor(tasks, quote, window)
    qtbot.waitUntil(lambda: editor.detail is not None)
    click(qtbot, editor.workflow.buttons["sendMail"])
    # the company's identity is checked first (one read on the worker), then the dialog opens
    qtbot.waitUntil(lambda: getattr(editor, "mail_dialog", None) is not None)
    dialog = editor.mail_dialog
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    assert dialog.to.text() == "helene@wanadoo.fr"
    assert dialog.subject.text() == "Devis D-2026-00001"
    assert dialog.body.toPlainText().startswith("Bonjour Mme Dupont,")
    assert [dialog.files.item(i).text() for i in range(dialog.files.count())] == [
        "Devis D-2026-00001 - DUPONT Hélène.pdf (" + dialog.files.item(0).text().split(" (")[1]]
    assert not dialog.warnings.isVisible()  # wanadoo.fr, but through the business's SMTP

    type_text(qtbot, dialog.to, " ; bureau@dupont-famille.fr")
    dialog.subject.clear()
    type_text(qtbot, dialog.subject, "Votre devis piscine")
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: len(smtp.starttls.handler.received) == 1, timeout=15_000)
    [got] = smtp.starttls.handler.received
    assert got.rcpt_tos == ["helene@wanadoo.fr", "bureau@dupont-famille.fr"]
    assert got.message["Subject"] == "Votre devis piscine"
    [pdf] = list(got.message.iter_attachments())
    assert pdf.get_filename() == "Devis D-2026-00001 - DUPONT Hélène.pdf"
    assert documents.get_document(ctx, quote).status == Status.SENT
    qtbot.waitUntil(lambda: editor.status.text() == "Envoyé")

    # The « Envoi » page lists it, sent.
    window.tabs.setCurrentWidget(window.outbox_page.parentWidget())
    model = window.outbox_page.model
    qtbot.waitUntil(lambda: model.row_values(0) is not None
                    and model.row_values(0).state == "sent", timeout=10_000)
    row = model.row_values(0).texts
    assert row[1:5] == ("helene@wanadoo.fr, bureau@dupont-famille.fr", "Votre devis piscine",
                        "envoyé", "1")
    qtbot.waitUntil(lambda: not window.outbox_status.isVisible())
    editor.close()
    qtbot.waitUntil(lambda: quote not in editor_module._open)
    table = window.outbox_page.table
    rect = table.visualRect(model.index(0, 2))
    with qtbot.waitSignal(window.outbox_page.open_document) as opened:  # press, release, again
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [quote]
    qtbot.waitUntil(lambda: quote in editor_module._open)  # its document, opened again

    # The client's record shows the mail: date, to, subject, attachments, state.
    window.open_client(client)
    history = window.client_view.mails
    qtbot.waitUntil(lambda: history.table.rowCount() == 1)
    texts = [history.table.item(0, c).text() for c in range(5)]
    assert texts[1:] == ["helene@wanadoo.fr, bureau@dupont-famille.fr", "Votre devis piscine",
                         "Devis D-2026-00001 - DUPONT Hélène.pdf", "envoyé"]
    drained(qtbot, window)


def test_a_server_down_keeps_the_mail_waiting_with_its_reason_then_retry_and_cancel(
        qtbot, window, smtp, flaky, tasks):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.account(ctx, flaky)  # stopped
    client = helpers.helene(ctx)
    quote = helpers.quote(ctx, client)
    editor = open_editor(tasks, quote, window)
    qtbot.waitUntil(lambda: editor.detail is not None)
    click(qtbot, editor.workflow.buttons["sendMail"])
    # the company's identity is checked first (one read on the worker), then the dialog opens
    qtbot.waitUntil(lambda: getattr(editor, "mail_dialog", None) is not None)
    dialog = editor.mail_dialog
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    click(qtbot, dialog.send_button)

    page, status = window.outbox_page, window.outbox_status
    qtbot.waitUntil(lambda: status.text() == "1 message en attente", timeout=15_000)
    assert window.outbox_runner.timer.isActive()  # tried again later by itself
    window.tabs.setCurrentWidget(page.parentWidget())
    qtbot.waitUntil(lambda: page.model.row_values(0) is not None
                    and page.model.row_values(0).texts[4] == "1", timeout=10_000)
    row = page.model.row_values(0).texts
    assert row[3] == "en attente"
    assert row[5].startswith(f"Aucun serveur ne répond sur 127.0.0.1:{flaky.port}")

    flaky.start()
    select_rows(page.table, [0])
    click(qtbot, page.retry_button)  # « Réessayer »: due now, sent in the background
    qtbot.waitUntil(lambda: len(flaky.handler.received) == 1, timeout=15_000)
    qtbot.waitUntil(lambda: page.model.row_values(0) is not None
                    and page.model.row_values(0).state == "sent", timeout=10_000)
    qtbot.waitUntil(lambda: not status.isVisible())
    assert not window.outbox_runner.timer.isActive()

    # A sent mail cannot be cancelled: French, nothing changes.
    select_rows(page.table, [0])
    click(qtbot, page.cancel_button)
    box = wait_for(qtbot, QMessageBox, "errorBox")
    assert "est déjà parti" in box.text()
    box.close()

    # A mail still waiting can be cancelled.
    flaky.stop()
    item_id, changes = compose.queue_alert(ctx, client, body="Le rendez-vous est confirmé.")
    tasks.changed.emit(changes)  # as if queued from the client record
    qtbot.waitUntil(lambda: status.text() == "1 message en attente", timeout=15_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.row_values(0) is not None
                    and page.model.id_at(0) == item_id)
    select_rows(page.table, [0])
    click(qtbot, page.cancel_button)
    qtbot.waitUntil(lambda: items.get_item(ctx, item_id).state == "cancelled")
    qtbot.waitUntil(lambda: not status.isVisible())
    choose = page.state_filter
    choose.setCurrentIndex(choose.findText("Annulés"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.id_at(0) == item_id)
    drained(qtbot, window)


def test_several_documents_from_the_pieces_list(qtbot, window, smtp, tasks):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.account(ctx, smtp.plain)
    client = helpers.helene(ctx)
    first, second = helpers.quote(ctx, client), helpers.quote(ctx, client)
    nobody = helpers.quote(ctx, helpers.add_client_without_email(ctx))
    window.tabs.setCurrentWidget(window.documents_page.parentWidget())
    page = window.documents_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and page.model.complete)
    assert not page.mail_button.isEnabled()
    select_rows(page.table, [0, 1, 2])
    click(qtbot, page.mail_button)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    lines = [dialog.documents.item(i).text() for i in range(dialog.documents.count())]
    assert sum("→ helene@wanadoo.fr" in line for line in lines) == 2
    assert any("aucune adresse e-mail : non envoyée" in line for line in lines)
    assert dialog.title.text() == "3 pièces à envoyer"
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: len(smtp.plain.handler.received) == 2, timeout=15_000)
    assert {r.message["Subject"] for r in smtp.plain.handler.received} == {
        f"Devis {documents.get_document(ctx, q).number}" for q in (first, second)}
    assert documents.get_document(ctx, nobody).status == Status.DRAFT
    drained(qtbot, window)


def test_a_message_to_the_client_from_the_client_record(qtbot, window, smtp, tasks):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.account(ctx, smtp.ssl)
    client = helpers.helene(ctx)
    window.open_client(client)
    history = window.client_view.mails
    qtbot.waitUntil(lambda: history.none.isVisible())
    click(qtbot, history.alert_button)
    dialog = history.dialog
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled())
    assert dialog.subject.text() == "Message de Piscines Azur"
    dialog.to.clear()
    type_text(qtbot, dialog.to, "helene@wanadoo")  # a typo: refused in French
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible())
    assert "« helene@wanadoo » n'est pas une adresse e-mail valide" in \
        dialog.findChild(type(dialog.warnings), "toError").text()
    type_text(qtbot, dialog.to, ".fr")
    body = dialog.body.toPlainText().replace("\n\n\n\n", "\n\nLa pompe est arrivée.\n\n")
    dialog.body.setPlainText(body)
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: len(smtp.ssl.handler.received) == 1, timeout=15_000)
    [got] = smtp.ssl.handler.received
    assert "La pompe est arrivée." in got.message.get_body(("plain",)).get_content()
    qtbot.waitUntil(lambda: history.table.rowCount() == 1
                    and history.table.item(0, 4).text() == "envoyé", timeout=10_000)
    drained(qtbot, window)


def test_fifty_queued_mails_drain_while_the_window_stays_responsive(qtbot, window, smtp, tasks):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.account(ctx, smtp.starttls)
    client = helpers.helene(ctx)
    drained(qtbot, window)  # the start-up drain found nothing
    for n in range(50):
        compose.queue_alert(ctx, client, body=f"Message {n}")
    # The window warms reportlab up on a side thread 2 s after start (main_window): that
    # import holds the GIL for a few hundred ms. Done here first, it is not measured as
    # the sender's doing.
    documents.warm_up_printing()
    # What hundreds of earlier tests left in this process is not the application's: a full
    # garbage collection over it would be measured as a pause of the window.
    gc.collect()
    gc.freeze()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    seen: list[tuple[int, int]] = []
    window.outbox_runner.progress.connect(lambda done, expected: seen.append((done, expected)))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) > 2)
    assert window.outbox_runner.start()
    type_text(qtbot, window.search_edit, "dupont")  # the window answers meanwhile
    assert window.search_edit.text() == "dupont"
    qtbot.waitUntil(lambda: len(smtp.starttls.handler.received) == 50, timeout=60_000)
    qtbot.waitUntil(lambda: not window.outbox_runner.running)
    timer.stop()
    gc.unfreeze()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    print(f"longest GUI gap during the drain: {max(gaps) * 1000:.0f} ms")
    assert max(gaps) < 0.1, f"the GUI thread was blocked {max(gaps) * 1000:.0f} ms"
    assert len({r.message["Message-ID"] for r in smtp.starttls.handler.received}) == 50
    assert items.count_waiting(ctx) == 0
    assert seen[0] == (0, 50) and len(seen) >= 5  # "Envoi des e-mails : 10 / 50"…
    assert not window.outbox_status.isVisible()


def test_without_an_account_the_send_dialog_says_so_and_leads_to_the_configurator(
        qtbot, window, smtp, tasks):
    ctx = tasks.ctx
    helpers.business(ctx)
    quote = helpers.quote(ctx, helpers.helene(ctx))
    editor = open_editor(tasks, quote, window)
    qtbot.waitUntil(lambda: editor.detail is not None)
    click(qtbot, editor.workflow.buttons["sendMail"])
    # the company's identity is checked first (one read on the worker), then the dialog opens
    qtbot.waitUntil(lambda: getattr(editor, "mail_dialog", None) is not None)
    dialog = editor.mail_dialog
    qtbot.waitUntil(lambda: dialog.setup_button.isVisible())
    assert dialog.info.text().startswith("Aucun compte d'envoi configuré pour Marc Lefèvre ni "
                                         "pour l'entreprise")
    assert not dialog.send_button.isEnabled()
    click(qtbot, dialog.setup_button)
    smtp_dialog = dialog.smtp_dialog
    qtbot.waitUntil(lambda: smtp_dialog.save_button.isEnabled())
    server = smtp.plain
    for edit, text in ((smtp_dialog.host, server.host), (smtp_dialog.port, str(server.port)),
                       (smtp_dialog.sender_address, "contact@piscines-azur.fr")):
        edit.clear()
        type_text(qtbot, edit, text)
    smtp_dialog.security.setCurrentIndex(smtp_dialog.security.findData("none"))
    with qtbot.waitSignal(smtp_dialog.finished, timeout=10_000):
        click(qtbot, smtp_dialog.save_button)
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    assert not dialog.setup_button.isVisible()
    assert dialog.to.text() == "helene@wanadoo.fr"
    # Sent from a server the business does not own for that From: the consumer mailbox
    # warning would show; here the account is the business's, so no warning.
    assert not dialog.warnings.isVisible()
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: len(server.handler.received) == 1, timeout=15_000)
    drained(qtbot, window)


def test_the_notices_tick_adds_them_and_keeps_what_was_typed(qtbot, window, smtp, tasks,
                                                             tmp_path):
    ctx = tasks.ctx
    helpers.business(ctx)
    helpers.account(ctx, smtp.plain)
    quote = helpers.quote_with_notices(ctx, helpers.helene(ctx), tmp_path)
    editor = open_editor(tasks, quote, window)
    qtbot.waitUntil(lambda: editor.detail is not None)
    click(qtbot, editor.workflow.buttons["sendMail"])
    # the company's identity is checked first (one read on the worker), then the dialog opens
    qtbot.waitUntil(lambda: getattr(editor, "mail_dialog", None) is not None)
    dialog = editor.mail_dialog
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    assert dialog.files.count() == 1
    type_text(qtbot, dialog.subject, " – piscine")
    click(qtbot, dialog.notices)
    qtbot.waitUntil(lambda: dialog.files.count() == 3 and dialog.send_button.isEnabled())
    names = [dialog.files.item(i).text() for i in range(3)]
    assert names[1:] == ["Garantie pompe.pdf (17 o)", "Notice de montage été.pdf (16 o)"]
    assert dialog.subject.text() == "Devis D-2026-00001 – piscine"
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: len(smtp.plain.handler.received) == 1, timeout=15_000)
    [got] = smtp.plain.handler.received
    assert [p.get_filename() for p in got.message.iter_attachments()] == [
        "Devis D-2026-00001 - DUPONT Hélène.pdf", "Garantie pompe.pdf",
        "Notice de montage été.pdf"]
    assert got.message["Subject"] == "Devis D-2026-00001 – piscine"
    drained(qtbot, window)


def test_the_send_dialog_warns_of_a_consumer_mailbox_and_a_copy_nobody_receives(
        qtbot, window, smtp, tasks):
    from extradesk.services import preferences
    from extradesk.services.mail import accounts

    ctx = tasks.ctx
    helpers.business(ctx, email=None)
    preferences.set_value(ctx, preferences.MAIL_COPY_TO_ME.key, value=True)
    accounts.save_account(ctx, None, data=accounts.AccountInput(
        host="smtp.gmail.com", port=587, security="starttls", login="marc.lefevre@gmail.com",
        sender_address="contact@piscines-azur.fr"), password="secret")
    quote = helpers.quote(ctx, helpers.helene(ctx))
    editor = open_editor(tasks, quote, window)
    qtbot.waitUntil(lambda: editor.detail is not None)
    click(qtbot, editor.workflow.buttons["sendMail"])
    # the company's identity is checked first (one read on the worker), then the dialog opens
    qtbot.waitUntil(lambda: getattr(editor, "mail_dialog", None) is not None)
    dialog = editor.mail_dialog
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    assert dialog.warnings.isVisible()
    assert dialog.warnings.text().split("\n") == [
        "⚠ La copie par e-mail est demandée mais Marc Lefèvre n'a pas d'adresse e-mail.",
        "⚠ Le destinataire helene@wanadoo.fr utilise une messagerie grand public : envoyez "
        "par le serveur de votre propre messagerie pour ne pas finir en indésirables."]
    assert dialog.send_button.isEnabled()  # a warning, never a block
    dialog.reject()


def test_a_quote_without_the_company_identity_is_warned_about_before_the_mail(
        qtbot, window, smtp, tasks):
    """Issue 11, defect 2: a quote must carry the business's identity, mailed or printed."""
    ctx = tasks.ctx
    helpers.account(ctx, smtp.plain)
    quote = helpers.quote(ctx, helpers.helene(ctx))  # no company saved
    editor = open_editor(tasks, quote, window)
    qtbot.waitUntil(lambda: editor.detail is not None)
    click(qtbot, editor.workflow.buttons["sendMail"])
    box = wait_for(qtbot, QMessageBox, "identityMissingBox")
    assert getattr(editor, "mail_dialog", None) is None
    box.findChild(type(editor.workflow.buttons["sendMail"]), "continueAnyway").click()
    qtbot.waitUntil(lambda: getattr(editor, "mail_dialog", None) is not None)
