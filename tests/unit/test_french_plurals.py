"""Real French plurals: no "ligne(s) trouvée(s)" in anything a user reads (i18n.format.count
or a `{count|ligne|lignes}` message template instead)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import extradesk

PACKAGE = Path(extradesk.__file__).parent
HALF_PLURAL = re.compile(r"\w\(s\)")


def _literals(path: Path):
    with path.open("rb") as source:
        for token in tokenize.tokenize(source.readline):
            if token.type == tokenize.STRING or token.type == getattr(
                    tokenize, "FSTRING_MIDDLE", -1):
                yield token.start[0], token.string


def test_no_half_written_plurals_in_user_text():
    found = [f"{path.relative_to(PACKAGE)}:{line}: {text}"
             for folder in ("ui", "i18n", "cli")
             for path in sorted((PACKAGE / folder).rglob("*.py"))
             for line, text in _literals(path) if HALF_PLURAL.search(text)]
    assert found == []


def test_the_scan_sees_f_strings():
    code = 'x = f"{n} ligne(s) trouvée(s)"\n'
    tokens = tokenize.tokenize(io.BytesIO(code.encode()).readline)
    assert any(HALF_PLURAL.search(t.string) for t in tokens)
