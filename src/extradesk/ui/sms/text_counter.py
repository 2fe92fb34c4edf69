"""The live count under an SMS text: characters, segments and encoding (GSM-7 or UCS-2, and
the characters that forced UCS-2), as the network bills them (core.sms_text)."""

from __future__ import annotations

from extradesk.core import sms_text
from extradesk.i18n import format as fmt

ENCODINGS = {sms_text.GSM7: "GSM-7", sms_text.UCS2: "UCS-2"}


def describe(info: sms_text.TextInfo) -> str:
    """« 152 caractères · 1 SMS · GSM-7 (160 par SMS) »; in UCS-2, the culprits."""
    per = sms_text.SINGLE[info.encoding] if info.segments <= 1 else \
        sms_text.PART[info.encoding]
    text = (f"{fmt.count(info.characters, 'caractère', 'caractères')} · "
            f"{fmt.count(info.segments, 'SMS', 'SMS')} · {ENCODINGS[info.encoding]} "
            f"({per} par SMS)")
    if info.costly:
        shown = " ".join(f"« {c} »" for c in info.costly[:8])
        text += f" — à cause de : {shown}"
    return text


def analyse(text: str) -> sms_text.TextInfo:
    return sms_text.analyse(text)


def replace_costly(text: str) -> str:
    return sms_text.replace_costly(text)
