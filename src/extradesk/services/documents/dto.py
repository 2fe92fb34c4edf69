"""Plain values about commercial documents that cross from services to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from extradesk.core.documents import LineKind
from extradesk.core.legal import CompanyIdentity
from extradesk.core.totals import Totals
from extradesk.core.workflow import DocumentKind, Status

__all__ = [
    "CompanyIdentity", "DepositRef", "DocumentDetail", "DocumentFilter", "DocumentHeader",
    "DocumentLink", "DocumentRow", "Line", "LineInput", "OptionGroup",
]


@dataclass(frozen=True)
class LineInput:
    """A line as typed: numbers may be French text ('1 234,5'), Decimal or int.

    A code starting with `txt_` makes a text line: only label and description count.
    """

    code: str | None = None
    label: str | None = None
    description: str | None = None
    quantity: str | Decimal | int | None = None
    unit: str | None = None
    unit_price: str | Decimal | int | None = None
    discount: str | Decimal | int | None = None  # percent, empty = 0
    vat_rate: str | Decimal | int | None = None  # percent: 20, 10, 5,5, 2,1, 0


@dataclass(frozen=True)
class Line:
    id: int
    position: int  # 1-based, document order
    kind: LineKind
    code: str | None
    label: str | None
    description: str | None
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    discount: Decimal
    vat_rate: Decimal | None
    net: Decimal | None  # line total HT; None for text lines
    option_id: int | None

    @property
    def is_text(self) -> bool:
        return self.kind == LineKind.TEXT

    def as_input(self) -> LineInput:
        return LineInput(code=self.code, label=self.label, description=self.description,
                         quantity=self.quantity, unit=self.unit, unit_price=self.unit_price,
                         discount=self.discount, vat_rate=self.vat_rate)


@dataclass(frozen=True)
class OptionGroup:
    id: int
    index: int  # 1-based order of the option in the document: "Option 1"
    title: str
    accepted: bool | None  # None: not decided yet
    net: Decimal  # subtotal HT (not in the document total)
    line_ids: tuple[int, ...]

    @property
    def heading(self) -> str:
        return f"Option {self.index} : {self.title}" if self.title else f"Option {self.index}"


@dataclass(frozen=True)
class DocumentHeader:
    """The editable header of a draft; `update_header` replaces it whole."""

    issue_date: date
    validity_date: date | None = None  # quotes
    due_date: date | None = None  # invoices; None: issue date + company payment delay
    ouvrage_id: int | None = None
    journal_id: int | None = None
    depot_id: int | None = None  # where the goods leave from (references list "depot")
    subject: str | None = None
    notes: str | None = None
    # The reform's mentions: core.legal.OPERATION_CATEGORIES or None (proposed from the
    # lines), the date of the service or delivery when it is not the document's date.
    operation_category: str | None = None
    service_date: date | None = None
    reverse_charge: bool = False  # autoliquidation: no VAT, the client's VAT number printed
    retention_percent: Decimal | None = None  # retenue de garantie (orders, invoices), ≤ 5


@dataclass(frozen=True)
class DepositRef:
    document_id: int
    number: str
    issue_date: date
    gross: Decimal


@dataclass(frozen=True)
class DocumentLink:
    id: int
    kind: DocumentKind
    number: str | None
    status: Status


@dataclass(frozen=True)
class DocumentDetail:
    id: int
    kind: DocumentKind
    status: Status
    number: str | None
    client_id: int
    client_name: str
    header: DocumentHeader
    ouvrage_name: str | None
    author_id: int | None
    author_name: str | None
    journal_label: str | None
    origin_id: int | None
    source: DocumentLink | None
    derived: tuple[DocumentLink, ...]  # documents made from this one
    lines: tuple[Line, ...]
    options: tuple[OptionGroup, ...]
    totals: Totals  # totals.options is keyed by option id
    deposits: tuple[DepositRef, ...]
    editable: bool
    transitions: tuple[Status, ...]  # what the status buttons may offer
    issued_at: datetime | None
    has_pdf: bool  # a frozen PDF is stored
    version: int
    created_at: datetime
    updated_at: datetime
    proposed_category: str | None = None  # what the lines say when none is chosen

    @property
    def display_number(self) -> str:
        return self.number or "(brouillon)"


class DocumentRow(NamedTuple):
    """One line of the Pièces list (a tuple: cheap to build by the thousand)."""

    id: int
    number: str | None
    kind: DocumentKind
    status: Status
    issue_date: date
    client_id: int
    client_name: str
    subject: str | None
    net: Decimal
    gross: Decimal
    due_date: date | None


@dataclass(frozen=True)
class DocumentFilter:
    kinds: frozenset[DocumentKind] = field(default_factory=frozenset)  # empty: every kind
    statuses: frozenset[Status] = field(default_factory=frozenset)
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    client_id: int | None = None
    ouvrage_id: int | None = None
