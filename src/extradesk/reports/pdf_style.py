"""Fonts, colours and paragraph styles shared by the PDF modules (imports reportlab)."""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from extradesk.reports import layout

# Binary (not ASCII85) streams: smaller files and ~10 % faster. reportlab uses its C
# accelerator (the rl_accel package) when installed: about 1.5× faster again.
rl_config.useA85 = 0

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
BOTTOM = 20 * mm
WIDTH = PAGE_W - 2 * MARGIN
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#eeeeee")
RULE = colors.HexColor("#bbbbbb")
OPTION_BG = colors.HexColor("#fdf6e3")
OPTION_HEAD = colors.HexColor("#f5e6b8")
ACCENT = colors.HexColor("#204a87")
OPTION_TEXT = colors.HexColor("#8f5902")
PAD = 6  # points of cell padding, left + right
BODY = ("DejaVuSans", 8.5)
DESC = ("DejaVuSans", 7.5)
BOLD = ("DejaVuSans-Bold", 8.5)


def escape(text: str) -> str:
    """Paragraph markup escaping (xml.sax.saxutils would pull in urllib: 25 ms of imports)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def fonts() -> str:
    """Register regular and bold once per process; returns the regular family name."""
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        pdfmetrics.registerFont(TTFont(name, str(layout.font_path(layout.FONT_FILES[name]))))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                  italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
    return "DejaVuSans"


@cache
def oblique() -> str:
    """The italic face, parsed only for documents that show options (~20 ms once)."""
    name = "DejaVuSans-Oblique"
    pdfmetrics.registerFont(TTFont(name, str(layout.font_path(layout.FONT_FILES[name]))))
    return name


@cache
def styles() -> dict[str, ParagraphStyle]:
    font = fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=8.5, leading=10.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9, textColor=GREY),
        "company": ParagraphStyle("company", parent=base, fontName="DejaVuSans-Bold",
                                  fontSize=12, leading=15, textColor=ACCENT),
        "party": ParagraphStyle("party", parent=base, fontSize=9.5, leading=12.5),
        "title": ParagraphStyle("title", parent=base, fontName="DejaVuSans-Bold", fontSize=15,
                                leading=19, textColor=ACCENT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName="DejaVuSans-Bold", fontSize=8,
                               leading=10),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "mention": ParagraphStyle("mention", parent=base, fontSize=7.2, leading=9,
                                  textColor=GREY, spaceAfter=1.5),
    }


def para(text: str | None, style: str = "cell") -> Paragraph:
    return Paragraph(escape(text or "").replace("\n", "<br/>"), styles()[style])


