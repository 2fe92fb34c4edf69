"""A quote mailed end to end through a real SMTP server: template, PDF, notices, copy, read
receipt; the quote "Envoyé" and its mail committed together; the client's history."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf
import pytest
from mail_helpers import outbox_rows, quote_with_notices

from extradesk.core.errors import ValidationError
from extradesk.core.workflow import Status
from extradesk.i18n.messages import error_text, problem_text
from extradesk.services import preferences
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput
from extradesk.services.mail import accounts, compose, templates
from extradesk.services.outbox import items, sender


def test_a_quote_goes_out_with_its_pdf_two_notices_a_copy_and_a_read_receipt(
        mailer, helene, tmp_path, smtp):
    ctx = mailer
    preferences.set_value(ctx, preferences.MAIL_COPY_TO_ME.key, value=True)
    preferences.set_value(ctx, preferences.MAIL_READ_RECEIPT.key, value=True)
    quote = quote_with_notices(ctx, helene, tmp_path)
    draft = compose.prepare_document_mail(ctx, quote, notices_too=True)
    assert draft.to == ("helene@wanadoo.fr",) and draft.copy_to == "marc@piscines-azur.fr"
    assert [name for name, _size in draft.files] == [
        "Devis D-2026-00001 - DUPONT Hélène.pdf", "Garantie pompe.pdf",
        "Notice de montage été.pdf"]
    assert draft.subject == "Devis D-2026-00001"
    assert draft.body.startswith("Bonjour Mme Dupont,\n\nVeuillez trouver ci-joint notre devis "
                                 "D-2026-00001 d'un montant de 1\u202f213,00\xa0€ TTC, valable "
                                 "jusqu'au 26/02/2027.")
    assert draft.body.endswith("Cordialement,\nPiscines Azur\n04 78 12 34 56")
    assert draft.warnings == ()  # wanadoo.fr, but sent through the business's own SMTP

    item_id, changes = compose.queue_document_mail(ctx, quote, notices_too=True)
    assert changes.documents == {quote} and changes.outbox == {item_id}
    assert documents.get_document(ctx, quote).status == Status.SENT
    [waiting] = items.list_items(ctx)
    assert (waiting.state, waiting.kind, waiting.to) == ("pending", "devis", "helene@wanadoo.fr")

    report, _ = sender.send_due(ctx)
    assert (report.sent, report.failed, report.deferred) == (1, 0, 0)
    [got] = smtp.starttls.handler.received
    assert got.rcpt_tos == ["helene@wanadoo.fr", "marc@piscines-azur.fr"]  # Bcc: envelope
    message = got.message
    assert "Bcc" not in message and message["To"] == "helene@wanadoo.fr"
    assert message["From"] == "Piscines Azur <contact@piscines-azur.fr>"
    assert message["Disposition-Notification-To"] == "contact@piscines-azur.fr"
    assert message["Message-ID"] == items.get_item(ctx, item_id).message_id
    assert "Bonjour Mme Dupont," in message.get_body(("plain",)).get_content()
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert set(files) == {"Devis D-2026-00001 - DUPONT Hélène.pdf", "Garantie pompe.pdf",
                          "Notice de montage été.pdf"}
    assert files["Notice de montage été.pdf"] == b"%PDF-1.4 montage"
    pdf = pypdf.PdfReader(io.BytesIO(files["Devis D-2026-00001 - DUPONT Hélène.pdf"]))
    assert "DUPONT Hélène" in pdf.pages[0].extract_text()

    [history] = items.list_items(ctx, client_id=helene)
    assert (history.state, history.subject, history.attempts) == ("sent", "Devis D-2026-00001",
                                                                  1)
    assert history.sent_at == ctx.clock.now() and len(history.files) == 3
    assert sender.send_due(ctx)[0].sent == 0  # nothing twice
    assert len(smtp.starttls.handler.received) == 1


def test_an_issued_invoice_attaches_its_stored_pdf_byte_for_byte(mailer, helene, smtp):
    ctx = mailer
    invoice, _ = documents.create_invoice(ctx, helene)
    lines.add_line(ctx, invoice, data=LineInput(label="Entretien annuel", unit_price="180",
                                                vat_rate="10"))
    with pytest.raises(Exception) as caught:  # a draft invoice has no number yet
        compose.queue_document_mail(ctx, invoice)
    assert "ne peut pas être envoyé par e-mail" in error_text(caught.value)
    issuing.issue_document(ctx, invoice)
    stored = documents.render_pdf(ctx, invoice)
    item_id, _ = compose.queue_document_mail(ctx, invoice, to=["Helene@Wanadoo.fr"])
    sender.send_due(ctx)
    [got] = smtp.starttls.handler.received
    assert got.message["Subject"] == "Facture F-2026-00001"
    assert "à régler avant le 28/12/2026" in got.message.get_body(("plain",)).get_content()
    [pdf] = list(got.message.iter_attachments())
    assert pdf.get_content() == stored
    assert documents.get_document(ctx, invoice).status == Status.ISSUED  # unchanged


def test_the_status_and_the_mail_commit_together_or_not_at_all(mailer, helene, db_path):
    ctx = mailer
    quote, _ = documents.create_quote(ctx, helene)

    def crash(point):
        if point == "mail_status_changed":
            raise OSError("disk full")

    ctx.fault = crash
    with pytest.raises(OSError, match="disk full"):
        compose.queue_document_mail(ctx, quote)
    ctx.fault = None
    assert documents.get_document(ctx, quote).status == Status.DRAFT
    assert outbox_rows(db_path) == []


def test_bad_addresses_and_template_fields_are_refused_in_french_and_queue_nothing(
        mailer, helene, db_path):
    ctx = mailer
    quote, _ = documents.create_quote(ctx, helene)
    with pytest.raises(ValidationError) as caught:
        compose.queue_document_mail(ctx, quote, to=["helene@wanadoo", "marc@piscines-azur.fr"])
    assert [problem_text(p) for p in caught.value.problems] == [
        "Destinataire : « helene@wanadoo » n'est pas une adresse e-mail valide."]
    with pytest.raises(ValidationError) as caught:
        compose.queue_document_mail(ctx, quote, body="Bonjour {prenom}, {nom}")
    [problem] = caught.value.problems
    assert problem_text(problem).startswith(
        "Message : champ inconnu dans le modèle : {prenom}. Champs possibles : {civilite}, "
        "{nom}")
    with pytest.raises(ValidationError) as caught:
        templates.save_template(ctx, "devis", subject="Devis {numero} {montant}",
                                body="Total : {total_ttc:.2f} {")
    assert [problem_text(p) for p in caught.value.problems] == [
        "Objet : champ inconnu dans le modèle : {montant}. Champs possibles : {civilite}, "
        "{nom}, {numero}, {total_ttc}, {valable_jusqu_au}, {echeance}, {signature}.",
        "Message : modèle illisible (Single '{' encountered in format string) ; une "
        "accolade est-elle seule ? Écrivez {{ pour une accolade."]
    assert outbox_rows(db_path) == []
    assert documents.get_document(ctx, quote).status == Status.DRAFT


def test_an_edited_template_is_used_and_a_reset_brings_the_default_back(mailer, helene):
    ctx = mailer
    templates.save_template(ctx, "devis", subject="Votre devis {numero}",
                            body="{civilite} {nom}, voici {numero} ({total_ttc}).")
    quote, _ = documents.create_quote(ctx, helene)
    assert compose.prepare_document_mail(ctx, quote).body == "Mme Dupont, voici D-2026-00001 " \
                                                            "(0,00\xa0€)."
    templates.reset_template(ctx, "devis")
    assert compose.prepare_document_mail(ctx, quote).subject == "Devis D-2026-00001"


def test_a_recipient_refused_by_the_server_fails_for_good_with_its_reason(
        mailer, helene, smtp, clock):
    ctx = mailer
    smtp.starttls.handler.refuse_rcpts["inconnu@wanadoo.fr"] = "550 5.1.1 User unknown"
    quote, _ = documents.create_quote(ctx, helene)
    item_id, _ = compose.queue_document_mail(ctx, quote, to=["inconnu@wanadoo.fr"])
    report, _ = sender.send_due(ctx)
    assert (report.sent, report.failed) == (0, 1)
    row = items.get_item(ctx, item_id)
    assert (row.state, row.error) == ("failed", "smtp.recipient_refused")
    clock.advance(timedelta(days=1))
    assert sender.send_due(ctx)[0].failed == 0  # never retried by itself
    assert smtp.starttls.handler.received == []


def test_a_15_mb_notice_over_the_servers_size_is_kept_with_its_reason(
        mailer, helene, smtp, tmp_path):
    ctx = mailer
    quote = quote_with_notices(ctx, helene, tmp_path, notice_bytes=(
        b"%PDF-1.4 " + b"x" * (15 * 1024 * 1024), b"%PDF-1.4 garantie"))
    item_id, _ = compose.queue_document_mail(ctx, quote, notices_too=True)
    report, _ = sender.send_due(ctx)
    assert report.failed == 1 and smtp.starttls.handler.received == []
    row = items.get_item(ctx, item_id)
    assert (row.state, row.error) == ("failed", "smtp.too_big")
    assert row.error_params["limit"] == "10,0 Mo"
    # Resent without the notices: a new mail; the failed one stays as history.
    compose.queue_document_mail(ctx, quote)
    assert sender.send_due(ctx)[0].sent == 1
    assert [r.state for r in items.list_items(ctx, document_id=quote)] == ["sent", "failed"]


def test_a_client_on_a_consumer_mailbox_gets_a_warning_without_the_business_smtp(
        business, helene, smtp):
    ctx = business
    # The company's From address sent through a Gmail account: not the business's own SMTP.
    accounts.save_account(ctx, None, data=accounts.AccountInput(
        host="smtp.gmail.com", port=587, security="starttls", login="piscines.azur@gmail.com",
        sender_address="contact@piscines-azur.fr", provider="gmail"), password="x")
    quote, _ = documents.create_quote(ctx, helene)
    draft = compose.prepare_document_mail(ctx, quote)
    assert [(m, p) for m, p in draft.warnings] == [
        ("mail.consumer_domain", {"address": "helene@wanadoo.fr"})]


def test_a_notice_removed_before_sending_fails_the_mail_with_its_name(
        mailer, helene, smtp, tmp_path):
    from extradesk.services.articles import notices

    ctx = mailer
    quote = quote_with_notices(ctx, helene, tmp_path)
    item_id, _ = compose.queue_document_mail(ctx, quote, notices_too=True)
    for notice in notices.list_notices(ctx, 1):  # the article's files leave the store
        notices.detach(ctx, 1, attachment_id=notice.attachment_id)
    report, _ = sender.send_due(ctx)
    assert report.failed == 1 and smtp.starttls.handler.received == []
    row = items.get_item(ctx, item_id)
    assert row.state == "failed"
    assert error_text_of(row) == (
        "La notice « Garantie pompe.pdf » n'est plus dans le dossier des notices : "
        "retirez-la ou joignez-la à nouveau à l'article.")


def error_text_of(row) -> str:
    from extradesk.i18n.messages import text

    return text(row.error, **row.error_params)
