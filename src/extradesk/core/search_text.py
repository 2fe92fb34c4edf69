"""Accent and case folding for search, done in Python (SQLite 3.40 trigram cannot fold)."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss",
                            "’": "'", "‘": "'", "«": '"', "»": '"'})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[0-9a-z]+")
_NOT_DIGIT = re.compile(r"\D+")


def fold(text: str | None) -> str:
    """'  Hélène  LŒUILLET ' -> 'helene loeuillet' (lower case, no accents, single spaces)."""
    if not text:
        return ""
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare).strip().lower()


def words(folded: str) -> list[str]:
    """The alphanumeric runs of folded text, as FTS5 unicode61 would see them."""
    return _WORDS.findall(folded)


def digits(text: str | None) -> str:
    return _NOT_DIGIT.sub("", text or "")


def sort_key(*parts: str | None) -> str:
    """Folded key used for alphabetical order and 'starts with' range queries."""
    return fold(" ".join(p for p in parts if p))


def prefix_upper_bound(prefix: str) -> str:
    """Smallest string greater than every string starting with `prefix` (for range scans)."""
    return prefix + "\U0010ffff"


# Emoji, pictographs, their joiners, variation selectors and keycaps: what a search cannot
# mean. Left in, "dupont👍" asked the trigram index for a word no client has, while the
# word-prefix index (which sees only letters and digits) found Dupont; a NUL broke FTS5.
_SPACED = {"So", "Sk", "Co", "Cs", "Cn"}  # symbols: a word boundary
_DROPPED = {"Cc", "Cf", "Me", "Mn"}  # NUL and controls, joiners, selectors, keycaps: nothing


def searchable(text: str) -> str:
    """What was typed, with symbols and control characters out (accents kept)."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for c in unicodedata.normalize("NFC", text):
        category = unicodedata.category(c)
        if c in "\t\r\n" or category in _SPACED:
            out.append(" ")
        elif category not in _DROPPED:
            out.append(c)
    return "".join(out)
