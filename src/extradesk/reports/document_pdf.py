"""One PDF renderer for every kind of document (quote, order, invoice, deposit, credit note).

Imports reportlab at the top: callers import this module lazily, on the first print.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from extradesk.i18n import format as fmt
from extradesk.reports import layout
from extradesk.reports.layout import PrintBlock, PrintDocument
from extradesk.reports.pdf_lines import Columns, lines_table
from extradesk.reports.pdf_style import (
    ACCENT,
    BODY,
    BOTTOM,
    GREY,
    LIGHT,
    MARGIN,
    PAGE_H,
    PAGE_W,
    RULE,
    WIDTH,
    escape,
    fonts,
    styles,
)
from extradesk.reports.pdf_style import para as _p

# -- header -------------------------------------------------------------------------------

def _logo(data: bytes) -> Image | None:
    try:
        reader = ImageReader(BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a broken logo must never stop an invoice from printing
        return None
    scale = min(55 * mm / width, 22 * mm / height)
    image = Image(BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def _header(doc: PrintDocument) -> list:
    style = styles()
    left: list = []
    if doc.company.logo and (image := _logo(doc.company.logo)) is not None:
        left += [image, Spacer(1, 2 * mm)]
    left.append(Paragraph(escape(doc.company.name), style["company"]))
    left += [_p(line, "small") for line in doc.company.lines]

    right: list = [Paragraph("<b>" + escape(doc.client.name) + "</b>", style["party"])]
    right += [_p(line, "party") for line in doc.client.lines]
    if doc.site is not None:
        right.append(Spacer(1, 2.5 * mm))
        right.append(_p(doc.site.heading or "Adresse du chantier", "small"))
        if doc.site.name:
            right.append(_p(doc.site.name, "base"))
        right += [_p(line, "base") for line in doc.site.lines]
    table = Table([[left, right]], colWidths=[WIDTH * 0.52, WIDTH * 0.48])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), *BODY),  # every table names its font: no Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("BOX", (1, 0), (1, 0), 0.6, RULE),
        ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
        ("TOPPADDING", (1, 0), (1, 0), 3 * mm),
        ("BOTTOMPADDING", (1, 0), (1, 0), 3 * mm),
    ]))
    return [table, Spacer(1, 5 * mm)]


def _title(doc: PrintDocument) -> list:
    style = styles()
    number = doc.number if doc.number else "BROUILLON (non numérotée)"
    parts = [Paragraph(f"{escape(doc.title)} N° {escape(number)}", style["title"])]
    dates = " &nbsp; · &nbsp; ".join(f"{escape(label)} : <b>{fmt.day(value)}</b>"
                                     for label, value in doc.dates)
    if dates:
        parts.append(Paragraph(dates, style["base"]))
    for reference in doc.references:
        parts.append(_p(reference, "base"))
    if doc.author:
        parts.append(_p(doc.author, "small"))
    if doc.subject:
        parts.append(Spacer(1, 1.5 * mm))
        parts.append(Paragraph("<b>Objet :</b> " + escape(doc.subject), style["base"]))
    parts.append(Spacer(1, 4 * mm))
    return parts


# -- totals, mentions, signature ------------------------------------------------------------

def _totals(doc: PrintDocument) -> Table:
    vat_rows = [["Taux TVA", "Base HT", "Montant TVA"]]
    vat_rows += [[layout.percent(r.rate), layout.money(r.base), layout.money(r.amount)]
                 for r in doc.vat_rows]
    vat_table = Table(vat_rows, colWidths=[20 * mm, 27 * mm, 27 * mm])
    vat_table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "DejaVuSans", 8),
        ("FONT", (0, 0), (-1, 0), "DejaVuSans-Bold", 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]))
    sums = [["Total HT", layout.money(doc.net)], ["Total TVA", layout.money(doc.vat)],
            ["Total TTC", layout.money(doc.gross)]]
    strong = [2]
    for deposit in doc.deposits:
        sums.append([deposit.label, layout.money(-deposit.amount)])
    if doc.retention is not None:
        sums.append([Paragraph(escape(doc.retention.label), styles()["base"]),
                     layout.money(-doc.retention.amount)])
    if doc.due is not None:
        sums.append([doc.due_label, layout.money(doc.due)])
        strong.append(len(sums) - 1)
    sums_table = Table(sums, colWidths=[64 * mm, 28 * mm])
    style = [
        ("FONT", (0, 0), (-1, -1), "DejaVuSans", 8.5),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    for index in strong:
        style += [("FONT", (0, index), (-1, index), "DejaVuSans-Bold", 9.5),
                  ("BACKGROUND", (0, index), (-1, index), LIGHT)]
    sums_table.setStyle(TableStyle(style))
    outer = Table([[vat_table, sums_table]], colWidths=[WIDTH - 92 * mm, 92 * mm])
    outer.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), *BODY),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return outer


def _signature_box() -> Table:
    style = styles()
    box = Table(
        [[Paragraph("<b>Bon pour accord</b>", style["base"])],
         ["Date : ____ / ____ / ________"],
         [_p("Signature précédée de la mention manuscrite « Bon pour accord » :", "small")],
         [""]],
        colWidths=[80 * mm], rowHeights=[None, 7 * mm, None, 17 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                             ("FONT", (0, 0), (-1, -1), *BODY),
                             ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm)]))
    return box


def _story(doc: PrintDocument) -> list:
    cols = Columns(doc)
    story = _header(doc) + _title(doc)
    story.append(lines_table(doc, cols))
    story.append(Spacer(1, 4 * mm))
    tail: list = [_totals(doc)]
    if doc.notes:
        tail += [Spacer(1, 3 * mm), _p(doc.notes, "base")]
    story.append(KeepTogether(tail))
    story.append(Spacer(1, 4 * mm))
    mentions = [_p(text, "mention") for text in doc.mentions]
    if doc.signature:  # mentions on the left, the box the client signs on the right
        both = Table([[mentions, _signature_box()]], colWidths=[WIDTH - 82 * mm, 82 * mm])
        both.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), *BODY),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (0, 0), 0),
                                  ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                                  ("RIGHTPADDING", (1, 0), (1, 0), 0)]))
        story.append(both)
    else:
        story += mentions
    return story


# -- pages ---------------------------------------------------------------------------------

def _canvas_class(footer: str, draft: bool):
    class NumberedCanvas(Canvas):
        """Holds pages back until the end so each can say "Page i/n"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, 13 * mm, PAGE_W - MARGIN, 13 * mm)
            self.setFont("DejaVuSans", 6.5)
            self.setFillColor(GREY)
            self.drawString(MARGIN, 9 * mm, footer[:200])
            self.setFont("DejaVuSans", 7.5)
            self.drawRightString(PAGE_W - MARGIN, 5 * mm, f"Page {number}/{total}")
            if draft:
                self.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.12))
                self.setFont("DejaVuSans-Bold", 90)
                self.translate(PAGE_W / 2, PAGE_H / 2)
                self.rotate(40)
                self.drawCentredString(0, 0, "BROUILLON")
            self.restoreState()

    return NumberedCanvas


def prepare() -> None:
    """Everything the first render pays once: fonts parsed, styles built."""
    styles()


def render(doc: PrintDocument) -> bytes:
    """The PDF bytes of `doc` (A4, DejaVu embedded, table header repeated on every page)."""
    fonts()
    buffer = BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=BOTTOM, title=doc.pdf_title, author=doc.company.name,
        creator="extradesk", subject=doc.subject or "",
        # Without this every page starts in Helvetica, a font the PDF does not embed.
        initialFontName="DejaVuSans", initialFontSize=8.5, initialLeading=10.5,
    )
    frame = Frame(MARGIN, BOTTOM, WIDTH, PAGE_H - MARGIN - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(_story(doc), canvasmaker=_canvas_class(doc.company.footer, doc.draft))
    return buffer.getvalue()


__all__ = ["PrintBlock", "PrintDocument", "render"]
