"""SMS text rules: GSM-7 or UCS-2, segments, and the characters that cost (standard library)."""

from __future__ import annotations

import math
from dataclasses import dataclass

# 3GPP TS 23.038 basic character set (the escape itself excluded) and its extension table,
# whose characters take two septets (escape + character).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7, UCS2 = "gsm7", "ucs2"
SINGLE = {GSM7: 160, UCS2: 70}
PART = {GSM7: 153, UCS2: 67}  # the rest of each part is the concatenation header

# Typographic punctuation and spaces with a plain GSM-7 twin (the issue's "remplacer les
# caractères qui coûtent"); letters only when asked, since they change the spelling.
_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2026": "...", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2022": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200b": "",
    "\u0153": "oe", "\u0152": "OE", "\u00b0": "o",
}
_LETTERS = {
    "ê": "e", "ë": "e", "â": "a", "á": "a", "î": "i", "ï": "i", "í": "i", "ô": "o",
    "ó": "o", "û": "u", "ú": "u", "ç": "c", "Ê": "E", "È": "E", "Ë": "E", "Â": "A",
    "À": "A", "Î": "I", "Ï": "I", "Ô": "O", "Û": "U", "Ù": "U",
}


@dataclass(frozen=True)
class TextInfo:
    encoding: str  # gsm7 | ucs2
    characters: int  # what the user typed
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    costly: str  # the characters that forced UCS-2, in order of appearance, once each


def _units(char: str, encoding: str) -> int:
    if encoding == GSM7:
        return 2 if char in GSM7_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1  # a surrogate pair


def analyse(text: str) -> TextInfo:
    """Encoding, length and segment count as the network will bill them. A two-unit
    character (escape pair, surrogate pair) is never split across two parts."""
    costly = "".join(dict.fromkeys(c for c in text
                                   if c not in GSM7_BASIC and c not in GSM7_EXTENSION))
    encoding = UCS2 if costly else GSM7
    units = [_units(c, encoding) for c in text]
    total = sum(units)
    if total <= SINGLE[encoding]:
        return TextInfo(encoding, len(text), total, 1 if text else 0, costly)
    part, segments, used = PART[encoding], 1, 0
    for width in units:
        if used + width > part:
            segments, used = segments + 1, 0
        used += width
    return TextInfo(encoding, len(text), total, max(segments, math.ceil(total / part)), costly)


def replace_costly(text: str, *, letters: bool = False) -> str:
    """Typographic quotes, ellipses, dashes and odd spaces become their plain twins; with
    `letters`, accented letters outside GSM-7 (ê, ç…) lose their accent too."""
    table = {**_PUNCTUATION, **(_LETTERS if letters else {})}
    return "".join(table.get(c, c) for c in text)
