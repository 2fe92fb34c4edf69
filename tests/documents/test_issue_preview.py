"""What the user reads before issuing: the predicted number, refused transitions in French."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from extradesk.core import workflow
from extradesk.core.errors import StateError
from extradesk.core.workflow import DocumentKind, Status
from extradesk.i18n.messages import error_text
from extradesk.services import company
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput


def draft_invoice(ctx, client_id, label="Ramonage") -> int:
    invoice, _ = documents.create_invoice(ctx, client_id)
    lines.add_line(ctx, invoice, data=LineInput(label=label, unit_price="85", vat_rate="20"))
    return invoice


def test_the_predicted_number_is_the_one_issuing_gives(business, helene):
    first, second = draft_invoice(business, helene), draft_invoice(business, helene)
    assert issuing.predicted_number(business, first) == "F-2026-00001"
    number, _ = issuing.issue_document(business, first)
    assert number == "F-2026-00001"
    assert issuing.predicted_number(business, second) == "F-2026-00002"
    assert issuing.predicted_number(business, second, on=date(2027, 1, 4)) == "F-2027-00001"


def test_no_number_is_predicted_for_a_quote_or_an_issued_invoice(business, helene):
    quote, _ = documents.create_quote(business, helene)
    with pytest.raises(StateError) as caught:
        issuing.predicted_number(business, quote)
    assert error_text(caught.value) == (
        "Devis : ce type de pièce ne s'émet pas (il est numéroté dès sa création).")
    invoice = draft_invoice(business, helene)
    issuing.issue_document(business, invoice)
    with pytest.raises(StateError) as caught:
        issuing.predicted_number(business, invoice)
    assert error_text(caught.value) == "Facture F-2026-00001 : cette pièce est déjà émise."


@pytest.mark.parametrize(("kind", "current", "target", "text"), [
    (DocumentKind.INVOICE, Status.DRAFT, Status.PAID,
     "Impossible de passer ce document (facture) de l'état « brouillon » à « payée »."),
    (DocumentKind.DEPOSIT_INVOICE, Status.PAID, Status.ISSUED,
     "Impossible de passer ce document (facture d'acompte) de l'état « payée » à « émise »."),
    (DocumentKind.QUOTE, Status.ACCEPTED, Status.SENT,
     "Impossible de passer ce document (devis) de l'état « accepté » à « envoyé »."),
])
def test_a_refused_transition_names_states_in_french(kind, current, target, text):
    with pytest.raises(StateError) as caught:
        workflow.check_transition(kind, current, target)
    assert error_text(caught.value) == text


def checkouts(ctx) -> list[object]:
    """Every connection taken from the pool from now on (the preview must take one)."""
    taken: list[object] = []
    event.listen(ctx.db.engine, "checkout", lambda *args: taken.append(args[0]))
    return taken


def test_the_preview_gives_kind_problems_and_number_in_one_read(business, helene):
    first, second = draft_invoice(business, helene), draft_invoice(business, helene)
    issuing.issue_document(business, first)
    taken = checkouts(business)
    seen = issuing.preview(business, second)
    assert len(taken) == 1
    assert (seen.kind, seen.problems, seen.number) == (
        DocumentKind.INVOICE, (), issuing.predicted_number(business, second))
    assert seen.number == "F-2026-00002"
    assert issuing.preview(business, second, on=date(2027, 1, 4)).number == "F-2027-00001"


def test_the_preview_lists_what_blocks_with_the_number_it_would_get(ctx, helene):
    company.update_company(ctx, name="Azur Piscines")  # no SIRET, no address, no VAT number
    empty, _ = documents.create_invoice(ctx, helene)
    priced = draft_invoice(ctx, helene)
    seen = issuing.preview(ctx, empty)
    assert seen.kind == DocumentKind.INVOICE and seen.number == "F-2026-00001"
    assert list(seen.problems) == issuing.check_before_issue(ctx, empty)
    assert {"legal.siret", "document.empty"} <= {p.message_id for p in seen.problems}
    assert "document.empty" not in {p.message_id for p in issuing.preview(ctx, priced).problems}


def test_the_preview_refuses_what_cannot_be_issued_in_french(business, helene):
    quote, _ = documents.create_quote(business, helene)
    with pytest.raises(StateError) as caught:
        issuing.preview(business, quote)
    assert error_text(caught.value) == (
        "Devis : ce type de pièce ne s'émet pas (il est numéroté dès sa création).")
    invoice = draft_invoice(business, helene)
    issuing.issue_document(business, invoice)
    with pytest.raises(StateError) as caught:
        issuing.preview(business, invoice)
    assert error_text(caught.value) == "Facture F-2026-00001 : cette pièce est déjà émise."
