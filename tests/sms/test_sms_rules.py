"""Pure SMS rules: GSM-7 vs UCS-2 and segments, the characters that cost, French public
holidays and the sending window of commercial messages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extradesk.core.clock import PARIS
from extradesk.core.sending_window import Window, easter, french_holidays
from extradesk.core.sms_text import analyse, replace_costly


def test_a_71st_ucs2_character_makes_a_second_segment():
    text = "ê" + "a" * 69
    assert (analyse(text).encoding, analyse(text).segments) == ("ucs2", 1)
    assert analyse(text + "b").segments == 2
    assert analyse("ê" * 134).segments == 2 and analyse("ê" * 135).segments == 3


def test_one_e_circumflex_turns_150_gsm7_characters_into_3_ucs2_segments():
    text = "Bonjour, " + "x" * 141
    assert len(text) == 150
    assert (analyse(text).encoding, analyse(text).segments) == ("gsm7", 1)
    info = analyse(text[:-1] + "ê")
    assert (info.encoding, info.segments, info.costly) == ("ucs2", 3, "ê")


def test_gsm7_limits_accents_and_extension_characters():
    assert analyse("é è à ù ì ò Ç É").encoding == "gsm7"  # in the basic table
    for char in "âîôûçœ’«»…":
        assert analyse(f"a{char}").encoding == "ucs2", char
    assert analyse("a" * 160).segments == 1 and analyse("a" * 161).segments == 2
    assert analyse("a" * 306).segments == 2 and analyse("a" * 307).segments == 3
    euros = analyse("€" * 80)  # two septets each
    assert (euros.encoding, euros.units, euros.segments) == ("gsm7", 160, 1)
    assert analyse("€" * 81).segments == 2
    # An escape pair is never split: 152 plain + € does not fit in the first 153-part.
    assert analyse("a" * 152 + "€" + "a" * 152).segments == 3
    assert analyse("").segments == 0


def test_replacing_the_characters_that_cost():
    text = "L’été… «\u00a0promo\u00a0» – 10\u202f% !"
    assert analyse(text).encoding == "ucs2"
    plain = replace_costly(text)
    assert plain == "L'été... \" promo \" - 10 % !"
    assert analyse(plain).encoding == "gsm7"
    assert replace_costly("fenêtre", letters=True) == "fenetre"
    assert replace_costly("fenêtre") == "fenêtre"  # spelling kept unless asked


def test_easter_and_the_french_holidays():
    assert [easter(y) for y in (2024, 2025, 2026, 2027)] == [
        date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28)]
    holidays = french_holidays(2026)
    assert len(holidays) == 11
    for day in (date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 14),
                date(2026, 11, 11)):
        assert day in holidays


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(("at", "expected"), [
    (paris(2026, 12, 5, 19, 59), paris(2026, 12, 5, 19, 59)),  # Saturday 19:59: goes
    (paris(2026, 12, 5, 20, 0), paris(2026, 12, 7, 8, 0)),  # 20:00: Monday 08:00
    (paris(2026, 12, 6, 11, 0), paris(2026, 12, 7, 8, 0)),  # Sunday
    (paris(2026, 12, 7, 7, 59), paris(2026, 12, 7, 8, 0)),  # before opening
    (paris(2026, 7, 14, 10, 0), paris(2026, 7, 15, 8, 0)),  # 14 July
    (paris(2026, 12, 24, 21, 0), paris(2026, 12, 26, 8, 0)),  # Christmas Day skipped
    (paris(2026, 3, 28, 21, 0), paris(2026, 3, 30, 8, 0)),  # across the change to summer time
])
def test_the_default_window(at, expected):
    assert Window().next_slot(at) == expected.astimezone(UTC)


def test_a_configured_window():
    looser = Window(days=frozenset(range(7)), start=9 * 60, end=21 * 60, skip_holidays=False)
    assert looser.allows(paris(2026, 7, 14, 20, 30))
    assert looser.next_slot(paris(2026, 12, 6, 8, 0)) == paris(2026, 12, 6, 9, 0)
