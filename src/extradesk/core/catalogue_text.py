"""Pure pieces of supplier catalogues: reference normalisation, numbers as suppliers write
them, the fields a column can hold and the guess of a column from its header."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from extradesk.core.money import round_to
from extradesk.core.search_text import fold

# What a catalogue column can be mapped to, in the order the mapping step shows them.
FIELDS = ("ref", "label", "family", "sub_family", "unit", "purchase_price", "public_price",
          "vat_rate", "ean")
PRICE_FIELDS = ("purchase_price", "public_price")

# Suppliers and tradesmen write the same reference as W1245ER, w 1245-er or W.1245.ER.
_REF_DROP = str.maketrans("", "", " .-\t\u00a0\u202f\u2010\u2011\u2012\u2013\u2014\u2212")
_REF_DROP_ASCII = b" .-\t"


def normalise_ref(ref: str | None) -> str:
    """'W 1245-er' -> 'w1245er': case, spaces, dots and dashes do not tell references apart."""
    if not ref:
        return ""
    if ref.isascii():  # nearly every reference; bytes.translate is C speed, str's is not
        return ref.encode("ascii").translate(None, _REF_DROP_ASCII).lower().decode("ascii")
    return ref.translate(_REF_DROP).upper().casefold()  # ı, ŉ, ß: any case, one key


_MONEY_NOISE = re.compile(r"[\s\u00a0\u202f'€%]|EUR|eur")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?\Z")
_DIGITS = re.compile(r"^[+-]?(\d+)?(?:\.(\d+))?$")


def parse_number(text: str, decimal: str = ",") -> Decimal | None:
    """A number as a supplier's file writes it -> Decimal; '' -> None; ValueError otherwise.

    `decimal` is the file's decimal separator. Both separators in one number: the last one is
    the decimal mark ('1.234,56', '1,234.56'). Only the other one, once, before exactly three
    digits: a thousands mark ('1.234' in a comma file is 1234); otherwise a decimal mark too
    (files mixing '12,5' and '12.5' exist; '0.045' stays 0.045).
    """
    if _PLAIN.match(text) and (decimal in text or "," not in text and "." not in text):
        return Decimal(text.replace(",", "."))  # the common case, without the cleaning
    cleaned = _MONEY_NOISE.sub("", text)
    if not cleaned:
        if text.strip():  # '€' alone: something was written, and it is no number
            raise ValueError(text)
        return None
    other = "." if decimal == "," else ","
    comma, point = cleaned.rfind(","), cleaned.rfind(".")
    if comma >= 0 and point >= 0:
        mark = "," if comma > point else "."
        thousands = "." if mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(mark, ".")
    elif other in cleaned:
        head, _, tail = cleaned.partition(other)
        digits = head.lstrip("+-")
        grouped = len(tail) == 3 and 1 <= len(digits) <= 3 and not digits.startswith("0")
        if cleaned.count(other) > 1 or grouped:
            cleaned = cleaned.replace(other, "")  # thousands only
        else:
            cleaned = cleaned.replace(other, ".")
    else:
        cleaned = cleaned.replace(decimal, ".")
    match = _DIGITS.match(cleaned)
    if match is None or not (match.group(1) or match.group(2)):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(text) from exc


def unit_price(value: Decimal) -> Decimal:
    """Unit prices are kept to 1/10000 (DESIGN.md §3)."""
    return round_to(value, 4)


# -- folding fast enough for a million labels ---------------------------------------------------

def _fold_table() -> dict[int, str]:
    """Per-character results of core.search_text.fold for the characters where folding one
    character alone gives the same as folding it inside a text, so most labels fold with
    one str.translate (C speed) instead of NFKD per character.

    Left out, hence folded the slow way: combining marks (they attach to the previous
    character) and capital sigma (its lower case depends on the next character).
    """
    table: dict[int, str] = {}
    ligatures = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'", "‘": "'",
                 "«": '"', "»": '"'}
    for code in range(0x80, 0x3000):
        ch = chr(code)
        if ch in ligatures:
            table[code] = ligatures[ch]
            continue
        if unicodedata.combining(ch) or ch == "\u03a3" or unicodedata.category(ch) == "Cs":
            continue
        bare = "".join(c for c in unicodedata.normalize("NFKD", ch)
                       if not unicodedata.combining(c))
        if not bare:
            continue
        if bare.isspace():
            table[code] = " "
        elif not any(c.isspace() for c in bare):
            lower = bare.lower()
            if not any(unicodedata.combining(c) for c in lower):
                table[code] = lower
    return table


def _unsafe(table: dict[int, str]) -> re.Pattern:
    """Matches any character the table cannot fold alone (outside ASCII and its keys)."""
    ranges, start, last = [], None, None
    for code in sorted(table):
        if start is None:
            start = last = code
        elif code == last + 1:
            last = code
        else:
            ranges.append((start, last))
            start = last = code
    if start is not None:
        ranges.append((start, last))
    body = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return re.compile(f"[^\\x00-\\x7f{body}]")


_FAST_FOLD = _fold_table()
_UNSAFE = _unsafe(_FAST_FOLD)


def _latin1_table(table: dict[int, str]) -> tuple[bytes, re.Pattern]:
    """A 256-byte table folding each ISO-8859-1 character that folds to exactly one
    ISO-8859-1 character (é -> e, Ø -> ø, A -> a, NBSP -> space), for bytes.translate;
    and a pattern matching the others (æ, ß, ½, µ…), which go the longer way."""
    out = bytearray(range(256))
    others = []
    for code in range(256):
        folded = chr(code).lower() if code < 0x80 else table.get(code)
        if folded is not None and len(folded) == 1 and ord(folded) < 256:
            out[code] = ord(folded)
        else:
            others.append(f"\\x{code:02x}")
    return bytes(out), re.compile("[" + "".join(others) + "]")


_LATIN1_FOLD, _LATIN1_OTHERS = _latin1_table(_FAST_FOLD)


def fold_label(text: str | None) -> str:
    """Equal to core.search_text.fold(text) (a property test says so), several times faster."""
    if not text:
        return ""
    if text.isascii():  # most labels: no table walk (translate per character is slow)
        return " ".join(text.lower().split())
    try:  # French labels (é, à, ç, Ø): one bytes.translate, C speed
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        raw = None
    if raw is not None and not _LATIN1_OTHERS.search(text):
        return " ".join(raw.translate(_LATIN1_FOLD).decode("latin-1").split())
    if _UNSAFE.search(text):
        return fold(text)
    # Word by word: the accented words of a catalogue are a small vocabulary (série, Ø,
    # galvanisé…), so each is translated once; the table is context-free, so a word folds
    # alone as it does inside its label. str.split() and re's \s agree on what whitespace
    # is, and the last split collapses what the table turned into spaces.
    folded = " ".join([w.lower() if w.isascii() else _fold_word(w) for w in text.split()])
    return " ".join(folded.split())


_WORDS: dict[str, str] = {}
_WORDS_MAX = 50_000  # bounded: a file of unique accented words must not grow it forever


def _fold_word(word: str) -> str:
    folded = _WORDS.get(word)
    if folded is None:
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        folded = _WORDS[word] = word.translate(_FAST_FOLD).lower()
    return folded


# -- guessing what a column holds from its header -----------------------------------------------

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("reference", "ref", "references", "codearticle", "code", "reffournisseur",
            "reffrs", "refarticle", "referencefournisseur", "article", "sku", "codeproduit",
            "reffabricant", "refcatalogue"),
    "label": ("designation", "libelle", "description", "desig", "designationarticle",
              "libellearticle", "nom", "produit", "intitule"),
    "family": ("famille", "family", "categorie", "rayon", "gamme", "famillearticle"),
    "sub_family": ("sousfamille", "sfamille", "subfamily", "souscategorie", "ssfamille",
                   "sousgamme"),
    "unit": ("unite", "u", "uv", "unit", "unitedevente", "uq", "unitevente"),
    "purchase_price": ("prix", "prixachat", "prixdachat", "pa", "prixnet", "net", "tarifnet",
                       "prixnetht", "prixachatht", "paht", "achat", "prixremise"),
    "public_price": ("prixpublic", "ppc", "pv", "prixdevente", "prixvente", "tarifpublic",
                     "prixcatalogue", "tarif", "prixpublicht", "ppht", "prixbrut", "brut"),
    "vat_rate": ("tva", "tauxtva", "vat", "tauxdetva", "txtva"),
    "ean": ("ean", "ean13", "gencod", "gencode", "codebarre", "codebarres", "gtin"),
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _compact(header: str) -> str:
    return _NOT_ALNUM.sub("", fold(header))


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """field -> column index, from header names; each field and column used at most once.

    Exact synonyms first ('Sous-famille' is sub_family even though it contains 'famille'),
    then headers that start with a synonym of 5+ letters ('Prix achat HT remisé').
    """
    compact = [_compact(h) for h in headers]
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for field in FIELDS:
            if field in mapping:
                continue
            for index, name in enumerate(compact):
                if index in taken or not name:
                    continue
                hit = name in _SYNONYMS[field] if exact else any(
                    len(s) >= 5 and name.startswith(s) for s in _SYNONYMS[field])
                if hit:
                    mapping[field] = index
                    taken.add(index)
                    break
    return mapping
