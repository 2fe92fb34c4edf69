"""Document kinds, their states and the allowed transitions, as one explicit table."""

from __future__ import annotations

from enum import StrEnum

from extradesk.core.errors import StateError


class DocumentKind(StrEnum):
    QUOTE = "devis"
    ORDER = "commande"
    INVOICE = "facture"
    DEPOSIT_INVOICE = "acompte"
    CREDIT_NOTE = "avoir"


class Status(StrEnum):
    DRAFT = "brouillon"
    SENT = "envoye"
    ACCEPTED = "accepte"
    REFUSED = "refuse"
    EXPIRED = "expire"
    CONFIRMED = "confirmee"
    DELIVERED = "livree"
    CANCELLED = "annulee"
    INVOICED = "facturee"  # an order whose final invoice is issued: closed
    ISSUED = "emise"
    PARTLY_PAID = "payee_partiellement"
    PAID = "payee"


_INVOICE_LIKE = {
    Status.DRAFT: {Status.ISSUED},
    Status.ISSUED: {Status.PARTLY_PAID, Status.PAID},
    Status.PARTLY_PAID: {Status.PAID},
    Status.PAID: set(),
}

TRANSITIONS: dict[DocumentKind, dict[Status, set[Status]]] = {
    DocumentKind.QUOTE: {
        Status.DRAFT: {Status.SENT, Status.ACCEPTED, Status.REFUSED},
        Status.SENT: {Status.ACCEPTED, Status.REFUSED, Status.EXPIRED, Status.DRAFT},
        Status.ACCEPTED: set(),
        Status.REFUSED: {Status.DRAFT},
        Status.EXPIRED: {Status.DRAFT, Status.SENT},
    },
    DocumentKind.ORDER: {
        Status.DRAFT: {Status.CONFIRMED, Status.CANCELLED},
        Status.CONFIRMED: {Status.DELIVERED, Status.CANCELLED},
        Status.DELIVERED: set(),
        Status.CANCELLED: set(),
        Status.INVOICED: set(),  # reached by issuing its final invoice, never by a button
    },
    DocumentKind.INVOICE: _INVOICE_LIKE,
    DocumentKind.DEPOSIT_INVOICE: _INVOICE_LIKE,
    DocumentKind.CREDIT_NOTE: {Status.DRAFT: {Status.ISSUED}, Status.ISSUED: set()},
}

# Once a document reaches one of these, its lines and totals are frozen for good.
FROZEN = frozenset({Status.ISSUED, Status.PARTLY_PAID, Status.PAID})
NUMBERED_AT_ISSUE = frozenset(
    {DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE, DocumentKind.CREDIT_NOTE})


def allowed(kind: DocumentKind, current: Status) -> set[Status]:
    return set(TRANSITIONS[kind].get(current, set()))


def check_transition(kind: DocumentKind, current: Status, target: Status) -> None:
    if target not in allowed(kind, current):
        raise StateError("document.transition_refused", kind=kind.value,
                         current=current.value, target=target.value)


def is_editable(kind: DocumentKind, status: Status) -> bool:
    if kind in NUMBERED_AT_ISSUE:
        return status == Status.DRAFT
    return status not in CLOSED


# A quote or order in one of these is done with: no edit, no conversion.
CLOSED = frozenset({Status.ACCEPTED, Status.CANCELLED, Status.DELIVERED, Status.INVOICED})
