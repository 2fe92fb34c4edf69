"""The dashboard's two charts as PNG (Pillow, no Qt: the command line has no display), for
the dashboard mail: monthly revenue over 13 months against last year, revenue by origin."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from extradesk.core.charts import nice_scale
from extradesk.i18n.dashboard import LAST_YEAR, THIS_YEAR, compact_money
from extradesk.reports import layout

SCALE = 2  # drawn at twice the size the mail shows them: sharp on high-density screens
THIS_COLOUR, LAST_COLOUR = (32, 74, 135), (186, 196, 210)
TEXT, GRID, AXIS = (51, 51, 51), (229, 229, 229), (153, 153, 153)
ORIGIN_COLOURS = ((32, 74, 135), (78, 154, 6), (196, 160, 0), (206, 92, 0), (117, 80, 123),
                  (52, 101, 164), (143, 89, 2), (85, 87, 83))


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold" if bold else "DejaVuSans"
    return ImageFont.truetype(str(layout.font_path(layout.FONT_FILES[name])), size * SCALE)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def monthly_png(bars: Sequence[tuple[str, Decimal, Decimal]], *, title: str,
                width: int = 640, height: int = 260) -> bytes:
    """`bars`: (month label, this year, a year earlier), oldest first."""
    w, h = width * SCALE, height * SCALE
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    small = _font(11)
    draw.text((8 * SCALE, 6 * SCALE), title, fill=TEXT, font=_font(13, bold=True))
    _legend(draw, w - 12 * SCALE, 10 * SCALE, ((THIS_YEAR, THIS_COLOUR), (LAST_YEAR, LAST_COLOUR)))
    largest = max([max(a, b) for _l, a, b in bars] + [Decimal(0)])
    step, top = nice_scale(largest)
    left, right, upper, lower = 70 * SCALE, w - 10 * SCALE, 40 * SCALE, h - 26 * SCALE
    for i in range(5):
        y = lower - (lower - upper) * i / 4
        draw.line((left, y, right, y), fill=GRID if i else AXIS, width=SCALE)
        label = compact_money(step * i)
        draw.text((left - 6 * SCALE, y), label, fill=TEXT, font=small, anchor="rm")
    slot = (right - left) / max(len(bars), 1)
    bar = slot * 0.36
    # Month and year under each bar when they all fit, else the month alone.
    full = all(draw.textlength(b[0], font=small) + 4 * SCALE < slot for b in bars)
    for i, (label, now, before) in enumerate(bars):
        x = left + slot * i + slot * 0.12
        for value, colour, shift in ((before, LAST_COLOUR, 0), (now, THIS_COLOUR, bar)):
            if value > 0:
                y = lower - (lower - upper) * float(value / top)
                draw.rectangle((x + shift, y, x + shift + bar - SCALE, lower), fill=colour)
        draw.text((left + slot * (i + 0.5), lower + 5 * SCALE),
                  label if full else label.split()[0], fill=TEXT, font=small, anchor="mt")
    return _png(image)


def origins_png(shares: Sequence[tuple[str, Decimal]], *, title: str,
                width: int = 640) -> bytes:
    """`shares`: (origin label, revenue HT), largest first; an empty list draws the title."""
    rows = max(len(shares), 1)
    height = 38 + 26 * rows + 8
    w, h = width * SCALE, height * SCALE
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    font = _font(12)
    draw.text((8 * SCALE, 6 * SCALE), title, fill=TEXT, font=_font(13, bold=True))
    largest = max([v for _l, v in shares] + [Decimal(0)])
    left, right = 180 * SCALE, w - 90 * SCALE
    for i, (label, value) in enumerate(shares):
        y = (38 + 26 * i) * SCALE
        draw.text((left - 8 * SCALE, y + 10 * SCALE), _clip(draw, label, font, 160 * SCALE),
                  fill=TEXT, font=font, anchor="rm")
        if largest > 0 and value > 0:
            length = (right - left) * float(value / largest)
            draw.rectangle((left, y + 2 * SCALE, left + max(length, SCALE), y + 18 * SCALE),
                           fill=ORIGIN_COLOURS[i % len(ORIGIN_COLOURS)])
        draw.text((right + 8 * SCALE, y + 10 * SCALE), compact_money(value), fill=TEXT,
                  font=font, anchor="lm")
    return _png(image)


def _legend(draw: ImageDraw.ImageDraw, right: float, top: float, items) -> None:
    font = _font(11)
    x = right
    for label, colour in reversed(items):
        x -= draw.textlength(label, font=font)
        draw.text((x, top), label, fill=TEXT, font=font)
        x -= 14 * SCALE
        draw.rectangle((x, top + 3 * SCALE, x + 10 * SCALE, top + 13 * SCALE), fill=colour)
        x -= 12 * SCALE


def _clip(draw: ImageDraw.ImageDraw, label: str, font, room: float) -> str:
    if draw.textlength(label, font=font) <= room:
        return label
    while label and draw.textlength(label + "…", font=font) > room:
        label = label[:-1]
    return label + "…"
