"""What a printed document shows, as plain data (no reportlab here: importing this is free).

Services build a PrintDocument with everything already loaded; document_pdf.render turns it
into bytes without fetching anything (DESIGN.md §4: nothing fetched inside page callbacks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from extradesk import paths
from extradesk.core.totals import VatRow
from extradesk.i18n import format as fmt

FONT_FILES = {  # ~20 ms each to parse on the first print; Oblique only when options show
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
}


def font_path(file_name: str) -> Path:
    """The shipped font, or the system copy when running from an odd layout."""
    shipped = paths.resources_dir() / "fonts" / file_name
    if shipped.is_file():
        return shipped
    return Path("/usr/share/fonts/truetype/dejavu") / file_name


@dataclass(frozen=True)
class PrintParty:
    name: str
    lines: tuple[str, ...] = ()  # address lines, then contact lines
    heading: str | None = None  # "Adresse du chantier"


@dataclass(frozen=True)
class PrintCompany:
    name: str
    lines: tuple[str, ...]  # address, phone, e-mail, web
    logo: bytes | None = None
    footer: str = ""  # legal identity line printed at the bottom of every page


@dataclass(frozen=True)
class PrintLine:
    text: bool  # a title or paragraph line: spans the table, no quantity or price
    number: int | None  # shown when the user wants line numbers (priced lines only)
    code: str | None
    label: str
    description: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    discount: Decimal = Decimal(0)
    vat_rate: Decimal | None = None
    net: Decimal | None = None


@dataclass(frozen=True)
class PrintOption:
    heading: str  # "Option 1 : Pompe à chaleur"
    net: Decimal  # subtotal HT
    accepted: bool | None
    lines: tuple[PrintLine, ...]


@dataclass(frozen=True)
class PrintBlock:
    """A run of ordinary lines, or one option group."""

    lines: tuple[PrintLine, ...] = ()
    option: PrintOption | None = None


@dataclass(frozen=True)
class PrintDeposit:
    label: str  # "Acompte FA-2026-00001 du 02/12/2026"
    amount: Decimal  # TTC


@dataclass(frozen=True)
class PrintDocument:
    title: str  # "FACTURE"
    number: str | None  # None: an invoice draft, printed as such
    dates: tuple[tuple[str, date], ...]  # ("Date", d), ("Échéance", d)...
    company: PrintCompany
    client: PrintParty
    site: PrintParty | None
    subject: str | None
    references: tuple[str, ...]  # "Suivant devis D-2026-00001 du 28/11/2026"
    blocks: tuple[PrintBlock, ...]
    vat_rows: tuple[VatRow, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal
    deposits: tuple[PrintDeposit, ...] = ()
    retention: PrintDeposit | None = None  # retenue de garantie, deducted after deposits
    due_label: str = "Net à payer"
    due: Decimal | None = None  # None: no "net à payer" line (quotes)
    notes: str | None = None
    mentions: tuple[str, ...] = ()  # payment terms, penalties, insurance, VAT texts...
    signature: bool = False  # "Bon pour accord" box (quotes)
    line_numbers: bool = False
    author: str | None = None  # "Votre contact : Marc Lefèvre"
    pdf_title: str = ""

    @property
    def draft(self) -> bool:
        return self.number is None

    @property
    def show_discount(self) -> bool:
        return any(line.discount for block in self.blocks for line in _block_lines(block))


def _block_lines(block: PrintBlock) -> tuple[PrintLine, ...]:
    return block.option.lines if block.option else block.lines


def quantity(value: Decimal | None) -> str:
    """1.500 -> '1,5'; 1234 -> '1 234': as few decimals as the value needs (3 at most)."""
    if value is None:
        return ""
    places = min(3, max(0, -value.normalize().as_tuple().exponent))
    return fmt.decimal(value, places)


def unit_price(value: Decimal | None) -> str:
    """Two decimals, up to four when the price has them: '12,50', '0,1234'."""
    if value is None:
        return ""
    places = min(4, max(2, -value.normalize().as_tuple().exponent))
    return fmt.decimal(value, places)


def percent(value: Decimal | None) -> str:
    """Decimal('5.5') -> '5,5 %'; 20 -> '20 %'."""
    if value is None:
        return ""
    places = max(0, -value.normalize().as_tuple().exponent)
    return f"{fmt.decimal(value, places)}\u00a0%"


def money(value: Decimal | None) -> str:
    return "" if value is None else fmt.money(value)
