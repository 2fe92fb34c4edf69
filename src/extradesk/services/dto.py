"""Plain values that cross from services to the UI and CLI (no ORM objects escape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ClientInput:
    """What a person types in the client form; strings as typed, services clean them."""

    civility_id: int | None = None
    last_name: str | None = None
    first_name: str | None = None
    company: str | None = None
    siren: str | None = None  # a business client's, 9 digits (e-invoicing reform)
    vat_number: str | None = None  # intra-EU VAT number: autoliquidation needs it
    status_id: int | None = None
    origin_id: int | None = None
    billing_line1: str | None = None
    billing_line2: str | None = None
    billing_postal_code: str | None = None
    billing_city: str | None = None
    billing_country: str = "FR"
    site_same_as_billing: bool = True
    site_line1: str | None = None
    site_line2: str | None = None
    site_postal_code: str | None = None
    site_city: str | None = None
    phone_mobile: str | None = None
    phone_home: str | None = None
    phone_work: str | None = None
    email: str | None = None
    email2: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ClientRow:
    """One line of the clients list."""

    id: int
    name: str
    postal_code: str
    city: str
    phone: str  # E.164 of the first phone known
    email: str
    status: str
    archived: bool


@dataclass(frozen=True)
class OuvrageInput:
    name: str | None = None
    type_id: int | None = None
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    install_date: date | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Ouvrage:
    id: int
    client_id: int
    name: str
    type_id: int | None
    type_label: str
    line1: str | None
    line2: str | None
    postal_code: str | None
    city: str | None
    install_date: date | None
    notes: str | None


@dataclass(frozen=True)
class ClientDetail:
    id: int
    name: str  # display name
    data: ClientInput
    civility: str
    status: str
    origin: str
    archived: bool
    created_at: datetime
    updated_at: datetime
    ouvrages: list[Ouvrage] = field(default_factory=list)


@dataclass(frozen=True)
class DuplicateCandidate:
    client_id: int
    name: str
    city: str
    reason: str  # message id: duplicate.phone / duplicate.email / duplicate.name


@dataclass(frozen=True)
class ReferenceItem:
    id: int
    label: str
    position: int
    active: bool
    usage: int = 0  # how many records point to it (shown before a merge)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    initials: str
    email: str | None
    mobile: str | None
    color: str
    active: bool


@dataclass(frozen=True)
class UserInput:
    name: str | None = None
    initials: str | None = None
    email: str | None = None
    mobile: str | None = None
    color: str = "#3465a4"
    active: bool = True


@dataclass(frozen=True)
class SearchHit:
    kind: str  # client, document, article
    id: int
    label: str
    detail: str = ""
    number: str | None = None  # documents only

    def as_json(self) -> dict:
        data = {"kind": self.kind, "id": self.id, "label": self.label, "detail": self.detail}
        if self.kind == "document":
            data["number"] = self.number
        return data


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    scope: str  # clients, documents, articles
    truncated: bool  # more matches exist than were returned
