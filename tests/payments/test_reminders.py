"""Reminders with a fixed clock: due dates crossed, levels in order, nothing for a paid
invoice, business vs private wording, letters read back, mail queued or kept to print."""

import json
import sqlite3
from datetime import date, timedelta

import pytest
from payments_helpers import invoice, new_client, pay, pdf_text

import radicale_server
from extradesk.core.errors import ValidationError
from extradesk.i18n.messages import error_text
from extradesk.services.mail import accounts
from extradesk.services.payments import entries, figures, reminders

memory_keyring = pytest.fixture(autouse=True)(radicale_server.memory_keyring)
OCT1 = date(2026, 10, 1)


@pytest.fixture
def late(business):
    """28/11/2026: a business client's invoice and a private one's, due 31/10; one not due
    yet; one late but paid."""
    ctx = business
    accounts.save_account(ctx, None, data=accounts.AccountInput(
        host="smtp.example.fr", port=587, security="starttls",
        sender_address="contact@piscines-azur.fr", sender_name="Piscines Azur"))
    camping = new_client(ctx, "Lac", company_name="Camping du Lac",
                         email="compta@camping-du-lac.fr")
    helene = new_client(ctx, "Dupont")
    docs = {"camping": invoice(ctx, camping, "1200", on=OCT1),
            "helene": invoice(ctx, helene, "450.50", on=OCT1),
            "paid": invoice(ctx, helene, "10", on=OCT1),
            "not_yet": invoice(ctx, helene, "99", on=date(2026, 11, 20))}
    entries.pay_invoice(ctx, docs["paid"], data=pay(date(2026, 11, 5), "10"))
    entries.pay_invoice(ctx, docs["helene"], data=pay(date(2026, 11, 5), "50.50"))
    return ctx, docs


def test_the_overdue_list_by_client_with_days_late(late):
    ctx, docs = late
    rows = figures.overdue(ctx)
    assert [(r.client_name, r.days_late, str(r.remaining), r.business) for r in rows] == [
        ("Camping du Lac (LAC)", 28, "1200.00", True),
        ("DUPONT Hélène", 28, "400.00", False)]
    assert str(figures.overdue_total(rows)) == "1600.00"


def test_levels_come_in_order_and_a_paid_invoice_is_never_reminded(late):
    ctx, docs = late
    assert [(d.invoice.document_id, d.level) for d in reminders.due_reminders(ctx)] == [
        (docs["camping"], 1), (docs["helene"], 1)]
    sent, _ = reminders.send_due_reminders(ctx)
    assert [(s.document_id, s.level, s.channel) for s in sent] == [
        (docs["camping"], 1, "mail"), (docs["helene"], 1, "print")]
    assert reminders.due_reminders(ctx) == []  # the next level waits 15 days
    ctx.clock.advance(timedelta(days=14))
    assert reminders.due_reminders(ctx) == []
    ctx.clock.advance(timedelta(days=1))
    entries.pay_invoice(ctx, docs["helene"], data=pay(ctx.clock.today(), "400"))
    assert [(d.invoice.document_id, d.level) for d in reminders.due_reminders(ctx)] == [
        (docs["camping"], 2)]
    reminders.send_due_reminders(ctx)
    ctx.clock.advance(timedelta(days=15))
    assert [(d.invoice.document_id, d.level) for d in reminders.due_reminders(ctx)] == [
        (docs["camping"], 3), (docs["not_yet"], 1)]  # due 20/12, late now
    reminders.send_due_reminders(ctx)
    ctx.clock.advance(timedelta(days=60))
    assert [d.invoice.document_id for d in reminders.due_reminders(ctx)] == [
        docs["not_yet"]]  # the camping's got its three levels, no more
    assert [(r.level, r.day) for r in reminders.letters_of(ctx, docs["camping"])] == [
        (1, date(2026, 11, 28)), (2, date(2026, 12, 13)), (3, date(2026, 12, 28))]
    assert [r.level for r in reminders.letters_of(ctx, docs["helene"])] == [1]


def test_paid_between_the_list_and_the_sending(late):
    ctx, docs = late
    [_camping, helene] = reminders.due_reminders(ctx)
    entries.pay_invoice(ctx, docs["helene"], data=pay(ctx.clock.today(), "400"))
    done, changes = reminders.send_reminder(ctx, docs["helene"], level=helene.level)
    assert done is None and changes.empty
    assert reminders.letters_of(ctx, docs["helene"]) == []


def test_business_letter_states_the_indemnity_private_letter_does_not(late):
    ctx, docs = late
    business = pdf_text(reminders.letter(ctx, docs["camping"], level=1).pdf)
    private = pdf_text(reminders.letter(ctx, docs["helene"], level=1).pdf)
    assert "Relance" in business and "Lyon, le 28/11/2026" in business
    assert "1 200,00 €" in business and "pénalités de retard" in business
    assert "40 €" in business and "L441-10 et D441-5" in business
    assert "40 €" not in private and "L441-10" not in private
    assert "pénalités de retard" in private and "400,00 €" in private
    assert "50,50 €" in private  # already paid, in the table
    formal = pdf_text(reminders.letter(ctx, docs["camping"], level=3).pdf)
    assert "Mise en demeure de payer" in formal and "quinze jours" in formal


def test_the_mail_leaves_through_the_outbox_with_the_letter(late):
    ctx, docs = late
    sent, changes = reminders.send_reminder(ctx, docs["camping"], level=1)
    assert changes.outbox == {sent.outbox_id}
    with sqlite3.connect(ctx.db.sqlite_path) as conn:
        kind, recipients, subject, body, doc = conn.execute(
            "SELECT kind, recipients, subject, body, document_id FROM outbox WHERE id = ?",
            (sent.outbox_id,)).fetchone()
        name, data = conn.execute("SELECT name, data FROM outbox_attachments "
                                  "WHERE item_id = ?", (sent.outbox_id,)).fetchone()
    assert (kind, json.loads(recipients)["to"], doc) == (
        "relance", ["compta@camping-du-lac.fr"], docs["camping"])
    assert subject.startswith("Facture F-2026-") and subject.endswith(": rappel d'échéance")
    assert "reste à payer : 1 200,00 €".replace(" ", "\u202f", 1) in body \
        or "1\u202f200,00" in body
    assert name.startswith("Relance F-2026-") and name.endswith(".pdf")
    assert "L441-10" in pdf_text(data)


def test_templates_are_editable_and_checked(late):
    ctx, docs = late
    reminders.save_template(ctx, 1, subject="Petit rappel {numero}",
                            body="Bonjour {nom},\n\nIl reste {reste}.\n\n{indemnite}")
    made = reminders.letter(ctx, docs["helene"], level=1)
    assert made.subject.startswith("Petit rappel F-2026-")
    assert made.body == "Bonjour DUPONT Hélène,\n\nIl reste 400,00\u00a0€."
    with pytest.raises(ValidationError) as caught:
        reminders.save_template(ctx, 2, subject="x", body="{montant_du}")
    assert "Champ inconnu dans le modèle : {montant_du}" in error_text(caught.value)
    reminders.reset_template(ctx, 1)
    assert "Sauf erreur de notre part" in reminders.letter(ctx, docs["helene"], level=1).body
