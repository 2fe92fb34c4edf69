"""The lines table of a document: priced lines, text lines spanning, option blocks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Table, TableStyle

from extradesk.reports import layout
from extradesk.reports.layout import PrintDocument, PrintLine
from extradesk.reports.pdf_style import (
    ACCENT,
    BODY,
    BOLD,
    DESC,
    GREY,
    LIGHT,
    OPTION_BG,
    OPTION_HEAD,
    OPTION_TEXT,
    PAD,
    RULE,
    WIDTH,
    oblique,
)


def _wrap(text: str | None, font: tuple[str, float], width: float) -> str:
    """Hard-wrap plain text for a table cell: strings are ~20× cheaper than Paragraphs."""
    lines: list[str] = []
    for part in (text or "").splitlines() or [""]:
        lines += simpleSplit(part, font[0], font[1], width - PAD) or [""]
    return "\n".join(lines)


class Columns:
    """Column layout of the lines table; optional columns only when they carry something."""

    def __init__(self, doc: PrintDocument) -> None:
        names = ["num"] if doc.line_numbers else []
        names += ["label", "qty", "unit", "price"]
        if doc.show_discount:
            names.append("discount")
        names += ["vat", "net"]
        fixed = {"num": 8 * mm, "qty": 15 * mm, "unit": 13 * mm, "price": 21 * mm,
                 "discount": 12 * mm, "vat": 13 * mm, "net": 24 * mm}
        self.names = names
        self.widths = [fixed.get(n, 0) for n in names]
        self.label = names.index("label")
        self.widths[self.label] = WIDTH - sum(self.widths)
        self.last = len(names) - 1
        self.numeric_from = names.index("qty")
        self.unit = names.index("unit")
        self.span_width = sum(self.widths[self.label:])  # a text line runs to the right edge

    def header(self) -> list:
        titles = {"num": "N°", "label": "Désignation", "qty": "Qté", "unit": "Unité",
                  "price": "P.U. HT", "discount": "Rem.", "vat": "TVA", "net": "Total HT"}
        return [titles[n] for n in self.names]

    def row(self, line: PrintLine) -> list:
        values = {
            "num": str(line.number) if line.number is not None else "",
            "label": _wrap(line.label, BODY, self.widths[self.label]),
            "qty": layout.quantity(line.quantity),
            "unit": line.unit or "",
            "price": layout.unit_price(line.unit_price),
            "discount": layout.percent(line.discount) if line.discount else "",
            "vat": layout.percent(line.vat_rate),
            "net": layout.money(line.net),
        }
        return [values[n] for n in self.names]

    def blank(self) -> list:
        return [""] * len(self.names)


class _LinesTable(Table):
    """A Table that skips empty cells: a third of a quote's cells are blank, and reportlab
    would still run each through its text machinery."""

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 - reportlab's name
        if cellval == "":
            return
        super()._drawCell(cellval, cellstyle, pos, size)


def lines_table(doc: PrintDocument, cols: Columns) -> Table:
    rows: list[list] = [cols.header()]
    style: list = [
        ("FONT", (0, 0), (-1, -1), *BODY),
        ("FONT", (0, 0), (-1, 0), "DejaVuSans-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (cols.numeric_from, 0), (-1, -1), "RIGHT"),
        ("ALIGN", (cols.unit, 0), (cols.unit, -1), "CENTER"),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]

    def add_line(line: PrintLine, in_option: bool) -> None:
        first = len(rows)
        if line.text:
            row = cols.blank()
            row[cols.label] = _wrap(line.label, BOLD, cols.span_width)
            rows.append(row)
            style.append(("SPAN", (cols.label, first), (cols.last, first)))
            style.append(("FONT", (0, first), (-1, first), *BOLD))
            style.append(("TOPPADDING", (0, first), (-1, first), 5))
        else:
            rows.append(cols.row(line))
        if line.description:
            index = len(rows)
            row = cols.blank()
            width = cols.span_width if line.text else cols.widths[cols.label]
            row[cols.label] = _wrap(line.description, DESC, width)
            rows.append(row)
            style.extend([("FONT", (0, index), (-1, index), *DESC),
                      ("LEADING", (0, index), (-1, index), 9),
                      ("TEXTCOLOR", (0, index), (-1, index), GREY),
                      ("TOPPADDING", (0, index), (-1, index), 0),
                      ("LINEBELOW", (0, first), (-1, first), 0, colors.white),
                      ("NOSPLIT", (0, first), (-1, index))])
            if line.text:
                style.append(("SPAN", (cols.label, index), (cols.last, index)))
        last = len(rows) - 1
        style.append(("LINEBELOW", (0, last), (-1, last), 0.25, RULE))
        if in_option:
            style.append(("BACKGROUND", (0, first), (-1, last), OPTION_BG))

    for block in doc.blocks:
        if block.option is None:
            for line in block.lines:
                add_line(line, False)
            continue
        option = block.option
        index = len(rows)
        head = cols.blank()
        heading = option.heading + (" — retenue par le client" if option.accepted else "")
        head[0] = _wrap(heading, BOLD, sum(cols.widths[:cols.numeric_from]))
        head[cols.numeric_from] = "Option — non comprise dans le total"
        rows.append(head)
        style += [("SPAN", (0, index), (cols.numeric_from - 1, index)),
                  ("SPAN", (cols.numeric_from, index), (cols.last, index)),
                  ("FONT", (0, index), (cols.numeric_from - 1, index), *BOLD),
                  ("FONT", (cols.numeric_from, index), (-1, index), oblique(), 8),
                  ("TEXTCOLOR", (cols.numeric_from, index), (-1, index), OPTION_TEXT),
                  ("BACKGROUND", (0, index), (-1, index), OPTION_HEAD),
                  ("TOPPADDING", (0, index), (-1, index), 4),
                  ("NOSPLIT", (0, index), (-1, index + 1))]
        for line in option.lines:
            add_line(line, True)
        index = len(rows)
        total = cols.blank()
        name = option.heading.split(" :")[0]
        total[0] = f"Sous-total {name} (HT, non compris dans le total)"
        total[cols.last] = layout.money(option.net)
        rows.append(total)
        style += [("SPAN", (0, index), (cols.last - 1, index)),
                  ("ALIGN", (0, index), (-1, index), "RIGHT"),
                  ("FONT", (0, index), (-1, index), oblique(), 8),
                  ("BACKGROUND", (0, index), (-1, index), OPTION_BG),
                  ("LINEBELOW", (0, index), (-1, index), 0.6, RULE)]
    table = _LinesTable(rows, colWidths=cols.widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table
