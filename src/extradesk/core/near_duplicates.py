"""Near-identical labels of a reference list: « M. » / « Mr » / « Monsieur », « Prospect » /
« prospect  », « Ets Dupont » / « DUPONT SA » each reduce to one key.

A key per label, then a dictionary: n labels cost n keys, not n² comparisons, and the
grouping is explainable to a user (same words once the noise is gone) where a similarity
ratio would merge « Salon » and « Salons Pro » one day and not the next."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from extradesk.core.search_text import fold

_WORD = re.compile(r"[0-9a-z]+")

# Abbreviations of one civility (folded, without the dot).
_CIVILITY = {
    "m": "monsieur", "mr": "monsieur", "mons": "monsieur", "msieur": "monsieur",
    "mme": "madame", "mde": "madame", "mad": "madame",
    "mlle": "mademoiselle", "melle": "mademoiselle", "mle": "mademoiselle",
    "dr": "docteur", "doct": "docteur",
    "me": "maitre", "mtre": "maitre",
    "ste": "societe", "sty": "societe",
    "mm": "messieurs", "mrs": "messieurs",  # French « MM. » / « Mrs » = messieurs
}
# Words that say what kind of company, not which: « Ets Dupont » is « DUPONT SA ».
_LEGAL_FORMS = frozenset({
    "sa", "sarl", "sas", "sasu", "eurl", "sci", "snc", "scop", "ei", "eirl", "ets", "etb",
    "etablissement", "etablissements", "ste", "societe", "cie", "compagnie", "et", "groupe",
})


def _words(label: str) -> list[str]:
    return _WORD.findall(fold(label).replace("&", " et "))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def key(label: str, kind: str) -> str:
    """The key two labels share when they name the same thing. `kind`: "civility",
    "company" (suppliers: legal forms dropped, word order ignored) or "plain" (statuses,
    origins: case, accents, punctuation, spacing and plurals ignored)."""
    found = _words(label)
    if kind == "civility":
        found = [_CIVILITY.get(w, w) for w in found]
    elif kind == "company":
        named = sorted(w for w in found if w not in _LEGAL_FORMS)
        found = named or found  # « SA » alone stays itself
    found = [_singular(w) for w in found]
    return " ".join(found) or fold(label)


def groups(labels: Iterable[tuple[int, str]], kind: str) -> list[list[int]]:
    """The ids whose labels share a key, for every key held by two ids or more, in the
    order the ids first appear."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for item_id, label in labels:
        by_key[key(label, kind)].append(item_id)
    return [ids for ids in by_key.values() if len(ids) > 1]
