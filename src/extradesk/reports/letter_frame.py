"""What the payment printouts (deposit slips, reminder letters) share with the documents:
the company block, the A4 frame, the legal footer on every page (imports reportlab)."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from extradesk.reports.layout import PrintCompany, PrintParty
from extradesk.reports.pdf_style import (
    BODY,
    BOTTOM,
    GREY,
    MARGIN,
    PAGE_H,
    PAGE_W,
    RULE,
    WIDTH,
    escape,
    fonts,
    para,
    styles,
)


def header(company: PrintCompany, party: PrintParty | None) -> list:
    """The company on the left, the addressee in a box on the right, as on the documents."""
    style = styles()
    left: list = [Paragraph(escape(company.name), style["company"])]
    left += [para(line, "small") for line in company.lines]
    right: list = []
    if party is not None:
        right = [Paragraph("<b>" + escape(party.name) + "</b>", style["party"])]
        right += [para(line, "party") for line in party.lines]
    table = Table([[left, right]], colWidths=[WIDTH * 0.52, WIDTH * 0.48])
    commands = [("FONT", (0, 0), (-1, -1), *BODY), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0)]
    if party is not None:
        commands += [("BOX", (1, 0), (1, 0), 0.6, RULE), ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
                     ("TOPPADDING", (1, 0), (1, 0), 3 * mm),
                     ("BOTTOMPADDING", (1, 0), (1, 0), 3 * mm)]
    table.setStyle(TableStyle(commands))
    return [table, Spacer(1, 8 * mm)]


def build(story: Sequence, *, title: str, company: PrintCompany) -> bytes:
    """A4, DejaVu embedded, the company's legal line at the foot of every page."""
    fonts()
    buffer = BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=BOTTOM, title=title, author=company.name,
        creator="extradesk", initialFontName="DejaVuSans", initialFontSize=8.5,
        initialLeading=10.5)
    frame = Frame(MARGIN, BOTTOM, WIDTH, PAGE_H - MARGIN - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 13 * mm, PAGE_W - MARGIN, 13 * mm)
        canvas.setFont("DejaVuSans", 6.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 9 * mm, company.footer[:200])
        canvas.setFont("DejaVuSans", 7.5)
        canvas.drawRightString(PAGE_W - MARGIN, 5 * mm, f"Page {doc.page}")
        canvas.restoreState()

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    template.build(list(story))
    return buffer.getvalue()
