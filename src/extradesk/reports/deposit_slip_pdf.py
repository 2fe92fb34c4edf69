"""The cheque deposit slip (bordereau de remise de chèques): data in, PDF bytes out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from extradesk.i18n import format as fmt
from extradesk.reports.layout import PrintCompany
from extradesk.reports.letter_frame import build, header
from extradesk.reports.pdf_style import ACCENT, BODY, BOLD, LIGHT, RULE, WIDTH, escape, styles


@dataclass(frozen=True)
class SlipCheque:
    drawer: str
    bank: str
    number: str
    day: date
    amount: Decimal


@dataclass(frozen=True)
class SlipData:
    company: PrintCompany
    number: int
    day: date
    bank: str
    iban: str
    cheques: tuple[SlipCheque, ...]
    total: Decimal


def render(data: SlipData) -> bytes:
    style = styles()
    story = header(data.company, None)
    story.append(Paragraph(f"Bordereau de remise de chèques N° {data.number}", style["title"]))
    story.append(Paragraph(
        f"Date de remise : <b>{fmt.day(data.day)}</b> &nbsp; · &nbsp; Banque : "
        f"<b>{escape(data.bank)}</b>" + (f" &nbsp; · &nbsp; IBAN : {escape(data.iban)}"
                                          if data.iban else ""), style["base"]))
    story.append(Spacer(1, 5 * mm))
    rows = [["N°", "Tireur", "Banque", "N° de chèque", "Reçu le", "Montant"]]
    for i, cheque in enumerate(data.cheques, start=1):
        rows.append([str(i), cheque.drawer, cheque.bank, cheque.number, fmt.day(cheque.day),
                     fmt.money(cheque.amount)])
    count = fmt.count(len(data.cheques), "chèque", "chèques")
    rows.append(["", f"Total : {count}", "", "", "", fmt.money(data.total)])
    widths = [0.06, 0.34, 0.2, 0.16, 0.1, 0.14]
    table = Table(rows, colWidths=[WIDTH * w for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), *BODY),
        ("FONT", (0, 0), (-1, 0), *BOLD),
        ("FONT", (0, -1), (-1, -1), *BOLD),
        ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
        ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
    ]))
    story += [table, Spacer(1, 12 * mm), Paragraph("Signature du remettant :", style["base"])]
    return build(story, title=f"Remise de chèques {data.number}", company=data.company)
