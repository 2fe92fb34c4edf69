"""Payments entered like a person would: from the invoice's editor (the Pièces list follows),
split over two invoices from the client record, refused input said in French with nothing
saved, a payment cancelled from the client record."""

from __future__ import annotations

from datetime import date

import pytest
from payments_ui_helpers import business, client, dump, invoice, plain
from PySide6.QtCore import QDate, QItemSelectionModel
from PySide6.QtWidgets import QMessageBox
from ui_helpers import type_text, wait_for

from extradesk.services.payments import entries, figures
from extradesk.ui.documents.editor import open_editor
from extradesk.ui.payments.payment_dialog import PaymentDialog

OCT1, NOV1 = date(2026, 10, 1), date(2026, 11, 1)  # today is 28/11/2026


@pytest.fixture
def owed(ctx):
    """Hélène owes two invoices: 1 200,00 € due 31/10 (late) and 450,50 € due 15/12."""
    business(ctx)
    helene = client(ctx)
    late = invoice(ctx, helene, "1200", on=OCT1, due=date(2026, 10, 31))
    due = invoice(ctx, helene, "450.50", on=NOV1, due=date(2026, 12, 15))
    return {"helene": helene, "late": late, "due": due}


def open_pieces(qtbot, window):
    window.tabs.setCurrentIndex(1)
    page = window.documents_page
    qtbot.waitUntil(lambda: page.model.complete, timeout=10_000)
    return page


def filter_on(qtbot, page, text: str) -> list[str]:
    combo = page.status_filter
    with qtbot.waitSignal(page.model.snapshot_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findText(text))
    qtbot.waitUntil(lambda: page.model.complete, timeout=10_000)
    model = page.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def payment_dialog(qtbot) -> PaymentDialog:
    dialog = wait_for(qtbot, PaymentDialog, "paymentDialog")
    qtbot.waitUntil(lambda: dialog.form is not None and dialog.save_button.isEnabled())
    return dialog


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    edit.clear()
    type_text(qtbot, edit, text)


def test_a_payment_from_the_editor_settles_the_invoice_and_the_list_follows(
        qtbot, window, ctx, owed, idle):
    page = open_pieces(qtbot, window)
    late_number = figures.overdue(ctx)[0].number
    assert filter_on(qtbot, page, "En retard") == [late_number]
    row = page.model.row_of(owed["late"])
    assert page.model.data(page.model.index(row, 5)) == "Émise · en retard"
    assert page.model.data(page.model.index(row, 9)) == "1\u202f200,00\u00a0€"

    editor = open_editor(window.tasks, owed["late"], window)
    qtbot.addWidget(editor)
    panel = editor.payments
    qtbot.waitUntil(lambda: panel.isVisible() and panel.figures is not None)
    assert plain(panel.summary.text()) == (
        "Net à payer : 1 200,00 € · Réglé : 0,00 € · Reste dû : 1 200,00 € · En retard")
    qtbot.mouseClick(panel.pay_button, qtbot_left())
    dialog = payment_dialog(qtbot)
    assert dialog.amount.text() == "1200,00"  # what this invoice still owes
    assert dialog.allocations() == [(owed["late"], "1200,00")]
    dialog.mode.setCurrentIndex(dialog.mode.findData("cheque"))
    type_text(qtbot, dialog.cheque_bank, "Crédit Agricole")
    type_text(qtbot, dialog.cheque_number, "0012345")
    retype(qtbot, dialog.amount, "1 250")  # 50 € more: kept as her credit
    assert plain(dialog.left_over.text()) == "Reste en avoir du client : 50,00 €"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, qtbot_left())
    idle()
    qtbot.waitUntil(lambda: "Réglée" in panel.summary.text())
    assert plain(panel.summary.text()) == (
        "Net à payer : 1 200,00 € · Réglé : 1 200,00 € · Reste dû : 0,00 € · Réglée")
    [payment] = figures.payments(ctx)
    assert (payment.amount, payment.mode, payment.cheque_bank, payment.cheque_number) == (
        1250, "cheque", "Crédit Agricole", "0012345")
    assert figures.client_balance(ctx, owed["helene"]).credit == 50

    qtbot.waitUntil(lambda: page.model.complete and page.model.rowCount() == 0)
    assert filter_on(qtbot, page, "Réglée") == [late_number]
    row = page.model.row_of(owed["late"])
    qtbot.waitUntil(lambda: page.model.data(page.model.index(row, 9)) is not None)
    assert page.model.data(page.model.index(row, 8)) == "1\u202f200,00\u00a0€"
    assert page.model.data(page.model.index(row, 9)) == "0,00\u00a0€"

    # The other invoice uses the 50 € credit from its own editor.
    other = open_editor(window.tasks, owed["due"], window)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.payments.credit_button.isVisible())
    assert plain(other.payments.credit_button.text()) == "Utiliser l'avoir du client (50,00 €)"
    qtbot.mouseClick(other.payments.credit_button, qtbot_left())
    qtbot.waitUntil(lambda: "Réglé : 50,00" in plain(other.payments.summary.text()))
    assert "Partiellement réglée" in other.payments.summary.text()
    other.grab().save("/tmp/payui-editor.png")
    page.grab().save("/tmp/payui-pieces.png")
    assert figures.client_balance(ctx, owed["helene"]).credit == 0


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.mark.parametrize(("amount", "day", "message"), [
    ("0", None, "Montant : le montant ne peut pas être nul."),
    ("12,345", None, "Montant : « 12,345 » a plus de deux décimales ; un montant se donne au "
                     "centime près."),
    ("100", date(2026, 9, 30), "Le règlement du 30/09/2026 est antérieur à la facture "),
])
def test_bad_input_is_said_in_french_and_saves_nothing(qtbot, window, ctx, db_path, owed,
                                                       amount, day, message):
    before = dump(db_path)
    editor = open_editor(window.tasks, owed["late"], window)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.payments.figures is not None)
    editor.payments.record_payment()
    dialog = payment_dialog(qtbot)
    retype(qtbot, dialog.amount, amount)
    dialog.set_allocation(owed["late"], amount)
    if day is not None:
        dialog.day.setDate(QDate(day.year, day.month, day.day))
    qtbot.mouseClick(dialog.save_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible(), timeout=10_000)
    shown = plain(dialog.errors.summary.text() + "\n" + "\n".join(
        e.text() for e in dialog.findChildren(type(dialog.left_over)) if e.isVisible()))
    assert "rien n'a été enregistré" in shown
    assert message in shown
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dump(db_path) == before
    dialog.save_button.setFocus()
    dialog.grab().save(f"/tmp/payui-bad-{amount.replace(',', '_')}.png")


def test_a_split_payment_from_the_client_record_then_cancelled(qtbot, window, ctx, owed,
                                                                idle):
    window.open_client(owed["helene"])
    section = window.client_view.payments
    qtbot.waitUntil(lambda: section.summary_data is not None)
    assert plain(section.balance.text()).startswith("Solde : 1 650,50 € dû par le client")
    assert "en retard : 1 200,00 €" in plain(section.balance.text())
    qtbot.mouseClick(section.pay_button, qtbot_left())
    dialog = payment_dialog(qtbot)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        figures.invoice_figures(ctx, owed["late"]) and _number(ctx, owed["late"]),
        _number(ctx, owed["due"])]
    type_text(qtbot, dialog.amount, "1 500")  # oldest first: 1 200 then 300
    assert dialog.allocations() == [(owed["late"], "1200,00"), (owed["due"], "300,00")]
    dialog.set_allocation(owed["late"], "1000")  # the client says: 1 000 and 500
    dialog.set_allocation(owed["due"], "450,50")
    assert plain(dialog.left_over.text()) == "Reste en avoir du client : 49,50 €"
    dialog.grab().save("/tmp/payui-dialog.png")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, qtbot_left())
    idle()
    qtbot.waitUntil(lambda: len(section.rows) == 1)
    got = {d: figures.invoice_figures(ctx, owed[d]) for d in ("late", "due")}
    assert (got["late"].paid, got["late"].state.value) == (1000, "en_retard")
    assert (got["due"].paid, got["due"].state.value) == (450.50, "reglee")
    assert plain(section.credit.text()) == "Avoir disponible : 49,50 €"
    window.resize(1200, 1000)
    window.client_view.grab().save("/tmp/payui-client.png")

    section.table.selectionModel().select(
        section.table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert section.cancel_button.isEnabled()
    qtbot.mouseClick(section.cancel_button, qtbot_left())
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    assert "écriture d'annulation datée d'aujourd'hui" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(section.rows) == 2, timeout=10_000)
    assert [section.table.item(r, 7).text() for r in range(2)] == [
        f"Annulation du n° {section.rows[1].id}", "Annulé"]
    assert figures.invoice_figures(ctx, owed["due"]).paid == 0
    assert figures.client_balance(ctx, owed["helene"]).credit == 0
    assert entries.payment_documents(ctx, section.rows[1].id) == sorted(
        [owed["late"], owed["due"]])


def _number(ctx, document_id: int) -> str:
    from extradesk.services.documents import drafts as documents

    return documents.get_document(ctx, document_id).number


def test_the_journal_is_remembered_and_a_refund_stays_within_the_credit(
        qtbot, window, ctx, owed, idle):
    from extradesk.services import preferences

    window.open_client(owed["helene"])
    section = window.client_view.payments
    qtbot.waitUntil(lambda: section.summary_data is not None)
    assert not section.refund_button.isEnabled()  # no credit yet
    qtbot.mouseClick(section.pay_button, qtbot_left())
    dialog = payment_dialog(qtbot)
    assert dialog.journal.currentText() == "CA — Caisse"  # the first treasury journal
    dialog.journal.setCurrentIndex(dialog.journal.findText("BQ — Banque"))
    bank = dialog.journal.currentData()
    dialog.remember.setChecked(True)
    dialog.mode.setCurrentIndex(dialog.mode.findData("virement"))
    type_text(qtbot, dialog.amount, "1 300")
    dialog.set_allocation(owed["due"], "")  # only the late invoice: 100 € left as credit
    assert dialog.allocations() == [(owed["late"], "1200,00")]
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, qtbot_left())
    idle()
    assert preferences.get(ctx, preferences.CASH_JOURNAL.key) == bank
    qtbot.waitUntil(lambda: section.refund_button.isEnabled(), timeout=10_000)
    assert plain(section.credit.text()) == "Avoir disponible : 100,00 €"

    qtbot.mouseClick(section.refund_button, qtbot_left())
    refund = wait_for(qtbot, PaymentDialog, "refundDialog")
    qtbot.waitUntil(lambda: refund.form is not None)
    assert refund.journal.currentData() == bank  # remembered for this user
    assert not refund.table.isVisible()
    refund.mode.setCurrentIndex(refund.mode.findData("virement"))
    type_text(qtbot, refund.amount, "150")  # more than her credit: refused
    qtbot.mouseClick(refund.save_button, qtbot_left())
    qtbot.waitUntil(lambda: refund.errors.panel.isVisible(), timeout=10_000)
    assert "Remboursement de 150,00 € refusé : le client n'a que 100,00 € en sa faveur." in \
        plain(refund.errors.summary.text() + refund.findChild(
            type(refund.left_over), "amountError").text())
    retype(qtbot, refund.amount, "100")
    with qtbot.waitSignal(refund.saved, timeout=10_000):
        qtbot.mouseClick(refund.save_button, qtbot_left())
    qtbot.waitUntil(lambda: len(section.rows) == 2, timeout=10_000)
    assert [(r.amount, r.mode) for r in figures.payments(ctx)] == [
        (1300, "virement"), (-100, "virement")]
    assert figures.client_balance(ctx, owed["helene"]).credit == 0


def test_a_credit_note_is_set_against_an_invoice_from_its_editor(qtbot, window, ctx, owed,
                                                                  idle):
    from extradesk.services.documents import conversions, issuing

    note, _ = conversions.credit_note(ctx, owed["due"])
    issuing.issue_document(ctx, note, on=date(2026, 11, 20))
    editor = open_editor(window.tasks, note, window)
    qtbot.addWidget(editor)
    panel = editor.payments
    qtbot.waitUntil(lambda: panel.note_button.isVisible() and panel.note_button.isEnabled())
    assert plain(panel.summary.text()) == "Avoir de 450,50 € · imputé : 0,00 € · reste : 450,50 €"
    assert not panel.pay_button.isVisible()
    qtbot.mouseClick(panel.note_button, qtbot_left())
    from extradesk.ui.payments.credit_note_dialog import CreditNoteDialog

    dialog = wait_for(qtbot, CreditNoteDialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert [dialog.invoice.itemData(i) for i in range(dialog.invoice.count())] == [
        owed["late"], owed["due"]]
    assert dialog.amount.text() == "450,50"
    retype(qtbot, dialog.amount, "500")  # more than what is left on it: refused
    qtbot.mouseClick(dialog.save_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.errors.panel.isVisible(), timeout=10_000)
    assert "rien n'a été enregistré" in dialog.errors.summary.text()
    assert plain(dialog.findChild(type(dialog.none), "amountError").text()) == (
        "Il ne reste que 450,50 € sur cet avoir (demandé : 500,00 €).")
    assert figures.invoice_figures(ctx, owed["late"]).paid == 0
    retype(qtbot, dialog.amount, "400")
    qtbot.mouseClick(dialog.save_button, qtbot_left())
    qtbot.waitUntil(lambda: "reste : 50,50" in plain(panel.summary.text()), timeout=10_000)
    assert figures.invoice_figures(ctx, owed["late"]).paid == 400


def test_a_payment_is_cancelled_from_the_invoice_editor(qtbot, window, ctx, owed, idle):
    from extradesk.services.payments.entries import PaymentInput
    from extradesk.ui.payments.invoice_payments_dialog import InvoicePaymentsDialog

    entries.pay_invoice(ctx, owed["late"], data=PaymentInput(
        day=date(2026, 11, 20), amount="1200", mode="virement"))
    editor = open_editor(window.tasks, owed["late"], window)
    qtbot.addWidget(editor)
    panel = editor.payments
    qtbot.waitUntil(lambda: panel.figures is not None)
    assert panel.figures.state.value == "reglee" and not panel.pay_button.isEnabled()
    qtbot.mouseClick(panel.list_button, qtbot_left())
    dialog = wait_for(qtbot, InvoicePaymentsDialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.table.rowCount() == 1 and not dialog.cancel_button.isEnabled()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.cancel_button, qtbot_left())
    box = wait_for(qtbot, QMessageBox, "confirmBox")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert [dialog.table.item(r, 7).text() for r in range(2)] == [
        f"Annulation du n° {dialog.rows[1].id}", "Annulé"]
    qtbot.waitUntil(lambda: "En retard" in panel.summary.text(), timeout=10_000)
    assert panel.pay_button.isEnabled()
    assert figures.invoice_figures(ctx, owed["late"]).paid == 0
