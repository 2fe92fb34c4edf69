"""Text coming in from files, servers and the keyboard, cleaned before it is stored."""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL and NUL; tab and line breaks are handled separately.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text: str | None, *, multiline: bool = False) -> str | None:
    """`text` without NUL and control characters (kept: tab and line breaks when
    `multiline`); a one-line field gets tabs and line breaks as spaces."""
    if text is None:
        return None
    if multiline:
        return _CONTROLS.sub("", text)
    return _LINE_CONTROLS.sub(lambda m: " " if m[0] in "\t\r\n" else "", text)


def has_controls(text: str) -> bool:
    return bool(_CONTROLS.search(text))
