"""A reminder letter for an unpaid invoice (relance, mise en demeure): data in, PDF out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from extradesk.i18n import format as fmt
from extradesk.reports.layout import PrintCompany, PrintParty
from extradesk.reports.letter_frame import build, header
from extradesk.reports.pdf_style import ACCENT, BODY, BOLD, LIGHT, RULE, WIDTH, para, styles


@dataclass(frozen=True)
class LetterData:
    company: PrintCompany
    client: PrintParty
    place_and_date: str  # "Lyon, le 28/11/2026"
    title: str  # "Relance", "Mise en demeure de payer"
    subject: str
    body: str  # paragraphs separated by blank lines
    number: str
    issue_date: date
    due_date: date
    net_to_pay: Decimal
    paid: Decimal
    remaining: Decimal


def render(data: LetterData) -> bytes:
    style = styles()
    story = header(data.company, data.client)
    story.append(para(data.place_and_date, "right"))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(data.title, style["title"]))
    story.append(para(f"Objet : {data.subject}", "base"))
    story.append(Spacer(1, 5 * mm))
    rows = [["Facture", "Date", "Échéance", "Montant dû", "Déjà réglé", "Reste à payer"],
            [data.number, fmt.day(data.issue_date), fmt.day(data.due_date),
             fmt.money(data.net_to_pay), fmt.money(data.paid), fmt.money(data.remaining)]]
    table = Table(rows, colWidths=[WIDTH * w for w in (0.2, 0.14, 0.14, 0.17, 0.17, 0.18)])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), *BODY), ("FONT", (0, 0), (-1, 0), *BOLD),
        ("FONT", (-1, 1), (-1, 1), *BOLD), ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT), ("BOX", (0, 0), (-1, -1), 0.4, RULE),
        ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
    ]))
    story += [table, Spacer(1, 6 * mm)]
    for paragraph in data.body.split("\n\n"):
        if paragraph.strip():
            story += [para(paragraph.strip(), "party"), Spacer(1, 3 * mm)]
    return build(story, title=f"{data.title} — {data.number}", company=data.company)
