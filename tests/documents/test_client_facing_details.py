"""Small things a new user noticed: the ouvrage of a new quote, a prospect who bought, the
date an invoice is issued with, a credit note's status in French."""

from __future__ import annotations

from datetime import date

import pytest
from documents_helpers import LEGAL

from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n.documents import status_id
from extradesk.i18n.messages import text
from extradesk.services import company, preferences, references
from extradesk.services.clients import ouvrages
from extradesk.services.clients import records as clients
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput, OuvrageInput

GOOD = LineInput(code="LIN-03", label="Liner", quantity="1", unit="u", unit_price="2480",
                 vat_rate="20")


def _status_id(ctx, label: str) -> int:
    return next(i.id for i in references.list_items(ctx, "status") if i.label == label)


@pytest.fixture
def prospect(ctx):
    company.save_company(ctx, LEGAL)
    client_id, _ = clients.create_client(ctx, ClientInput(
        last_name="Martin", billing_line1="1 rue Haute", billing_postal_code="69001",
        billing_city="Lyon", status_id=_status_id(ctx, "Prospect")))
    return client_id


def test_a_new_quote_takes_the_only_ouvrage_of_its_client(ctx, prospect):
    pool, _ = ouvrages.add_ouvrage(ctx, prospect, data=OuvrageInput(name="Piscine"))
    quote, _ = documents.create_quote(ctx, prospect)
    assert documents.get_document(ctx, quote).header.ouvrage_id == pool
    ouvrages.add_ouvrage(ctx, prospect, data=OuvrageInput(name="Poêle"))
    second, _ = documents.create_quote(ctx, prospect)
    assert documents.get_document(ctx, second).header.ouvrage_id is None  # two: the user picks


def test_a_prospect_whose_quote_is_accepted_becomes_a_client(ctx, prospect):
    quote, _ = documents.create_quote(ctx, prospect)
    lines.add_line(ctx, quote, data=GOOD)
    _order, changes = conversions.accept_quote(ctx, quote)
    assert prospect in changes.clients
    assert clients.get_client(ctx, prospect).status == "Client"


def test_a_prospect_invoiced_becomes_a_client_unless_the_setting_is_off(ctx, prospect):
    preferences.set_value(ctx, preferences.PROMOTE_PROSPECTS.key, value=False)
    quote, _ = documents.create_quote(ctx, prospect)
    lines.add_line(ctx, quote, data=GOOD)
    conversions.accept_quote(ctx, quote)
    assert clients.get_client(ctx, prospect).status == "Prospect"
    preferences.set_value(ctx, preferences.PROMOTE_PROSPECTS.key, value=True)
    invoice, _ = documents.create_invoice(ctx, prospect)
    lines.add_line(ctx, invoice, data=GOOD)
    issuing.issue_document(ctx, invoice)
    assert clients.get_client(ctx, prospect).status == "Client"


def test_a_former_client_keeps_his_status(ctx, prospect):
    former = _status_id(ctx, "Ancien client")
    detail = clients.get_client(ctx, prospect)
    clients.update_client(ctx, prospect, data=ClientInput(
        last_name="Martin", billing_line1="1 rue Haute", billing_postal_code="69001",
        billing_city="Lyon", status_id=former))
    invoice, _ = documents.create_invoice(ctx, prospect)
    lines.add_line(ctx, invoice, data=GOOD)
    issuing.issue_document(ctx, invoice)
    assert clients.get_client(ctx, prospect).status == "Ancien client" != detail.status


def test_the_preview_says_which_date_the_invoice_will_carry(ctx, prospect):
    invoice, _ = documents.create_invoice(ctx, prospect, issue_date=date(2026, 11, 2))
    lines.add_line(ctx, invoice, data=GOOD)
    seen = issuing.preview(ctx, invoice)
    assert (seen.day, seen.draft_day) == (date(2026, 11, 28), date(2026, 11, 2))
    issuing.issue_document(ctx, invoice, on=seen.day)
    assert documents.get_document(ctx, invoice).header.issue_date == seen.day


def test_status_words_agree_with_the_kind():
    assert text(status_id(Status.ISSUED, DocumentKind.CREDIT_NOTE)) == "Émis"
    assert text(status_id(Status.ISSUED, DocumentKind.INVOICE)) == "Émise"
    assert text(status_id(Status.ISSUED, DocumentKind.DEPOSIT_INVOICE)) == "Émise"
    assert text(status_id(Status.ACCEPTED, DocumentKind.QUOTE)) == "Accepté"
    assert text(status_id(Status.INVOICED, DocumentKind.ORDER)) == "Facturée"


def test_the_placeholder_user_is_not_printed_as_the_contact(ctx, prospect):
    from documents_helpers import pdf_text

    from extradesk.services import users

    quote, _ = documents.create_quote(ctx, prospect)
    lines.add_line(ctx, quote, data=GOOD)
    assert users.get_user(ctx, ctx.user_id).name == users.DEFAULT_USER.name
    assert "Votre contact" not in pdf_text(documents.render_pdf(ctx, quote))
