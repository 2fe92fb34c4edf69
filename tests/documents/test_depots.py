"""Dépôts (issue 16): a reference list seeded with « Dépôt principal »; a new document leaves
from the user's depot, conversions keep the depot, an unknown one is refused in French."""

from __future__ import annotations

from dataclasses import replace

import pytest
from documents_helpers import dump, plain

from extradesk.core.errors import NotFoundError
from extradesk.i18n.messages import error_text
from extradesk.services import preferences, references
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput

LINER = LineInput(label="Liner", quantity="1", unit="u", unit_price="2480", vat_rate="20")


def _depot(ctx, document_id: int) -> int | None:
    return documents.get_document(ctx, document_id).header.depot_id


def test_the_list_is_seeded_with_the_main_depot(ctx):
    assert [(d.label, d.active) for d in references.list_items(ctx, "depot")] == [
        ("Dépôt principal", True)]
    assert references.LIST_TITLES["depot"] == "Dépôts"


def test_a_new_document_leaves_from_the_users_depot(business, helene):
    ctx = business
    annecy, _ = references.add_item(ctx, "depot", label="Dépôt Annecy")
    assert _depot(ctx, documents.create_quote(ctx, helene)[0]) is None  # no preference yet
    preferences.set_value(ctx, "documents.depot", value=annecy.id)
    for create in (documents.create_quote, documents.create_order, documents.create_invoice):
        assert _depot(ctx, create(ctx, helene)[0]) == annecy.id
    main = references.list_items(ctx, "depot")[0].id
    assert _depot(ctx, documents.create_quote(ctx, helene, depot_id=main)[0]) == main
    references.set_active(ctx, "depot", item_id=annecy.id, active=False)
    assert _depot(ctx, documents.create_quote(ctx, helene)[0]) is None  # retired: none


def test_quote_to_order_to_invoice_keeps_the_depot(business, helene):
    ctx = business
    annecy, _ = references.add_item(ctx, "depot", label="Dépôt Annecy")
    quote, _ = documents.create_quote(ctx, helene, depot_id=annecy.id)
    lines.add_line(ctx, quote, data=LINER)
    preferences.set_value(ctx, "documents.depot",  # the user's preference is not applied
                          value=references.list_items(ctx, "depot")[0].id)
    order, _ = conversions.accept_quote(ctx, quote)
    deposit, _ = conversions.deposit_invoice(ctx, order, percent="30")
    invoice, _ = conversions.invoice_order(ctx, order)
    issuing.issue_document(ctx, invoice)
    note, _ = conversions.credit_note(ctx, invoice)
    copy, _ = conversions.duplicate_document(ctx, quote)
    assert [_depot(ctx, d) for d in (order, deposit, invoice, note, copy)] == [annecy.id] * 5
    preferences.set_value(ctx, "documents.depot", value=None)
    bare_quote, _ = documents.create_quote(ctx, helene)
    lines.add_line(ctx, bare_quote, data=LINER)
    preferences.set_value(ctx, "documents.depot", value=annecy.id)
    # A document without a depot stays without one, whatever the preference says now.
    assert _depot(ctx, conversions.accept_quote(ctx, bare_quote)[0]) is None


def test_the_header_changes_the_depot_and_refuses_an_unknown_one(business, helene, db_path):
    ctx = business
    quote, _ = documents.create_quote(ctx, helene)
    annecy, _ = references.add_item(ctx, "depot", label="Dépôt Annecy")
    header = documents.get_document(ctx, quote).header
    documents.update_header(ctx, quote, header=replace(header, depot_id=annecy.id))
    assert _depot(ctx, quote) == annecy.id
    before = dump(db_path)
    with pytest.raises(NotFoundError) as caught:
        documents.update_header(ctx, quote, header=replace(header, depot_id=9999))
    assert plain(error_text(caught.value)) == "Le dépôt n° 9999 n'existe pas (ou plus)."
    with pytest.raises(NotFoundError):
        documents.create_quote(ctx, helene, depot_id=9999)
    assert dump(db_path) == before


def test_merging_two_depots_moves_their_documents(business, helene):
    ctx = business
    main = references.list_items(ctx, "depot")[0].id
    twin, _ = references.add_item(ctx, "depot", label="Depot principal bis")
    quote, _ = documents.create_quote(ctx, helene, depot_id=twin.id)
    usage = {i.id: i.usage for i in references.list_items(ctx, "depot", with_usage=True)}
    assert usage[twin.id] == 1
    references.merge_items(ctx, "depot", keep_id=main, duplicate_ids=[twin.id])
    assert _depot(ctx, quote) == main
    assert [d.id for d in references.list_items(ctx, "depot")] == [main]


def test_the_preference_refuses_an_unknown_depot(ctx):
    from extradesk.core.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        preferences.set_value(ctx, "documents.depot", value=9999)
    assert "n° 9999 n'existe pas dans la liste Dépôts" in error_text(caught.value)
