"""The Pièces list (id snapshot + lazy rows), the client's documents, `**name` and numbers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from extradesk.core.errors import StateError
from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n.messages import error_text
from extradesk.services.clients import records as clients
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import DocumentFilter, LineInput
from extradesk.services.dto import ClientInput


def priced(ctx, document_id, price):
    lines.add_line(ctx, document_id, data=LineInput(label="Prestation", unit_price=price))


@pytest.fixture
def book(business, helene, clock):
    """Quotes, an order, invoices over three days for two clients."""
    ctx = business
    lac, _ = clients.create_client(ctx, ClientInput(
        company="Camping du Lac", billing_line1="Route du lac", billing_postal_code="74000",
        billing_city="Annecy"))
    made = {}
    made["q1"], _ = documents.create_quote(ctx, helene, issue_date=date(2026, 11, 2))
    priced(ctx, made["q1"], "100")
    made["q2"], _ = documents.create_quote(ctx, lac, issue_date=date(2026, 11, 20))
    priced(ctx, made["q2"], "900")
    made["o1"], _ = documents.create_order(ctx, lac, issue_date=date(2026, 11, 21))
    priced(ctx, made["o1"], "50")
    made["i1"], _ = documents.create_invoice(ctx, helene)
    priced(ctx, made["i1"], "300")
    issuing.issue_document(ctx, made["i1"], on=date(2026, 11, 25))
    made["i2"], _ = documents.create_invoice(ctx, lac)
    priced(ctx, made["i2"], "10")
    return ctx, helene, lac, made


def test_the_list_sorts_and_filters_in_sql(book):
    ctx, helene, lac, m = book
    assert documents.document_ids(ctx) == [m["i2"], m["i1"], m["o1"], m["q2"], m["q1"]]
    assert documents.document_ids(ctx, descending=False, limit=2) == [m["q1"], m["q2"]]
    assert documents.document_ids(ctx, sort="total") == [m["q2"], m["i1"], m["q1"], m["o1"],
                                                         m["i2"]]
    assert documents.document_ids(ctx, sort="number", descending=False) == [
        m["i2"], m["o1"], m["q1"], m["q2"], m["i1"]]  # drafts have no number yet: first
    assert documents.document_ids(ctx, sort="client", descending=False) == [
        m["q2"], m["o1"], m["i2"], m["q1"], m["i1"]]  # Camping..., then DUPONT; by date
    quotes = DocumentFilter(kinds=frozenset({DocumentKind.QUOTE}))
    assert documents.document_ids(ctx, quotes) == [m["q2"], m["q1"]]
    november = DocumentFilter(date_from=date(2026, 11, 20), date_to=date(2026, 11, 25))
    assert documents.document_ids(ctx, november) == [m["i1"], m["o1"], m["q2"]]
    issued = DocumentFilter(statuses=frozenset({Status.ISSUED}), client_id=helene)
    assert documents.document_ids(ctx, issued) == [m["i1"]]
    assert documents.count_documents(ctx, DocumentFilter(client_id=lac)) == 3


def test_rows_come_in_the_order_asked_and_skip_deleted_ones(book):
    ctx, helene, lac, m = book
    documents.delete_document(ctx, m["i2"])
    rows = documents.document_rows(ctx, [m["q2"], m["i2"], m["i1"]])
    assert [(r.id, r.number, r.kind, r.status, r.client_name, r.gross) for r in rows] == [
        (m["q2"], "D-2026-00002", DocumentKind.QUOTE, Status.DRAFT, "Camping du Lac",
         D("1080.00")),
        (m["i1"], "F-2026-00001", DocumentKind.INVOICE, Status.ISSUED, "DUPONT Hélène",
         D("360.00")),
    ]
    assert rows[1].due_date == date(2026, 11, 25) + timedelta(days=30)
    assert [r.id for r in documents.documents_of_client(ctx, helene)] == [m["i1"], m["q1"]]


def test_documents_of_clients_for_double_star_search(book):
    ctx, helene, lac, m = book
    hits = documents.search_documents_of_clients(ctx, [lac, helene], limit=50)
    assert [h.id for h in hits] == [m["i2"], m["o1"], m["q2"], m["i1"], m["q1"]]
    first = hits[3]
    assert (first.kind, first.number, first.label) == (
        "document", "F-2026-00001", "Facture F-2026-00001 · DUPONT Hélène")
    assert first.detail.replace("\u202f", " ").replace("\u00a0", " ") == (
        "25/11/2026 · 360,00 € TTC · Émise")
    assert hits[0].label == "Facture (brouillon) · Camping du Lac"
    assert first.as_json()["number"] == "F-2026-00001"
    assert [h.id for h in documents.search_documents_of_clients(ctx, [helene], limit=1)] == [
        m["i1"]]
    assert documents.search_documents_of_clients(ctx, [], limit=5) == []


def test_status_buttons_follow_the_table(book):
    ctx, helene, lac, m = book
    detail = documents.get_document(ctx, m["q2"])
    assert set(detail.transitions) == {Status.SENT, Status.ACCEPTED, Status.REFUSED}
    documents.set_status(ctx, m["q2"], target=Status.SENT)
    documents.set_status(ctx, m["q2"], target=Status.REFUSED)
    assert documents.get_document(ctx, m["q2"]).editable is True  # refused: may be reworked
    issued = documents.get_document(ctx, m["i1"])
    assert set(issued.transitions) == {Status.PARTLY_PAID, Status.PAID}
    documents.set_status(ctx, m["i1"], target=Status.PAID)
    with pytest.raises(StateError) as caught:  # refused -> accepted is not in the table
        conversions.accept_quote(ctx, m["q2"])
    assert error_text(caught.value) == (
        "Impossible de passer ce document (devis) de l'état « refusé » à « accepté ».")


def test_a_document_others_came_from_cannot_be_deleted(book):
    ctx, helene, lac, m = book
    invoice, _ = conversions.invoice_order(ctx, m["o1"])
    with pytest.raises(StateError) as caught:
        documents.delete_document(ctx, m["o1"])
    assert error_text(caught.value) == (
        "Commande C-2026-00001 a servi à établir Facture (brouillon) : supprimez d'abord "
        "celle-ci.")
    documents.delete_document(ctx, invoice)
    documents.delete_document(ctx, m["o1"])
    assert m["o1"] not in documents.document_ids(ctx)
