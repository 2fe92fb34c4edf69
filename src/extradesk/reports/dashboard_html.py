"""The dashboard mail's HTML: tiles as a table (mail clients ignore most CSS) and the charts
as inline images referenced by Content-ID; text in, a string out."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

ACCENT, ALERT, GREY = "#204a87", "#b3261e", "#555555"


def render(*, title: str, intro: str, tiles: Sequence, charts: Sequence[tuple[str, str, int]],
           footer: str) -> str:
    """`tiles`: objects with title, headline, lines and alert; `charts`: (content id, alt
    text, width in pixels)."""
    cells = []
    for tile in tiles:
        colour = ALERT if tile.alert else ACCENT
        lines = "".join(f'<div style="color:{GREY};font-size:13px">{escape(line)}</div>'
                        for line in tile.lines)
        cells.append(
            '<td valign="top" width="50%" style="padding:10px 12px;border:1px solid #dddddd;'
            'border-radius:6px">'
            f'<div style="font-size:13px;color:{GREY}">{escape(tile.title)}</div>'
            f'<div style="font-size:22px;font-weight:bold;color:{colour};margin:2px 0 4px">'
            f"{escape(tile.headline)}</div>{lines}</td>")
    rows = "".join("<tr>" + "".join(cells[i:i + 2])
                   + ('<td width="50%"></td>' if len(cells[i:i + 2]) == 1 else "") + "</tr>"
                   for i in range(0, len(cells), 2))
    images = "".join(
        f'<p><img src="cid:{escape(cid)}" alt="{escape(alt)}" width="{width}" '
        f'style="max-width:100%;height:auto;border:0"></p>' for cid, alt, width in charts)
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        '<body style="font-family:DejaVu Sans,Arial,sans-serif;color:#333333;'
        'max-width:680px;margin:0 auto;padding:12px">'
        f'<h2 style="color:{ACCENT};margin:0 0 4px">{escape(title)}</h2>'
        f'<p style="margin:0 0 12px;color:{GREY}">{escape(intro)}</p>'
        f'<table cellspacing="8" cellpadding="0" width="100%">{rows}</table>'
        f"{images}"
        f'<p style="font-size:12px;color:{GREY}">{escape(footer)}</p></body></html>')
