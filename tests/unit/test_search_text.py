"""Folding, validation and French formatting: the pure pieces under the search and the forms."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extradesk.core import validation
from extradesk.core.search_text import digits, fold, prefix_upper_bound, sort_key, words
from extradesk.i18n import format as fmt


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Hélène", "helene"),
        ("  LŒUILLET   Françoise ", "loeuillet francoise"),
        ("D’Aubigné", "d'aubigne"),
        ("Müller-Groß", "muller-gross"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_removes_accents_case_and_extra_spaces(raw, folded):
    assert fold(raw) == folded


@given(st.text())
def test_fold_is_idempotent_and_lower_case(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.lower()


@given(st.text(min_size=1, max_size=20))
def test_prefix_bound_is_above_every_extension(prefix):
    folded = fold(prefix)
    assert folded + "zzz" < prefix_upper_bound(folded)
    assert folded <= folded + "a"


def test_words_and_digits():
    assert words(fold("Jean.Dupont@Gmail.com")) == ["jean", "dupont", "gmail", "com"]
    assert digits("06 12.34-56 78") == "0612345678"
    assert sort_key("Société Dupré", None, "Martin") == "societe dupre martin"


def test_email_and_postal_code_checks():
    assert validation.check_email("email", "jean@exemple.fr") == []
    assert validation.check_email("email", "jean@exemple")[0].message_id == "email.invalid"
    assert validation.check_email("email", "jean dupont@x.fr")[0].message_id == "email.invalid"
    assert validation.check_postal_code("cp", "69003", "FR") == []
    assert validation.check_postal_code("cp", "6900", "FR")[0].message_id == "postal_code.invalid"
    assert validation.check_postal_code("cp", "1000", "BE") == []
    assert validation.check_length("x", "a" * 10_000, 200)[0].params["length"] == 10_000


def test_french_formats():
    assert fmt.money(Decimal("1234.56")) == "1\u202f234,56\u00a0€"
    assert fmt.money(Decimal("-5")) == "-5,00\u00a0€"
    assert fmt.integer(100000) == "100\u202f000"
    assert fmt.day(date(2026, 11, 28)) == "28/11/2026"
    assert fmt.parse_day("28/11/2026") == date(2026, 11, 28)
    assert fmt.parse_day("") is None
    with pytest.raises(ValueError):
        fmt.parse_day("31/02/2026")
    # 13:00 UTC on a winter day is 14:00 in Paris.
    assert fmt.moment(datetime(2026, 1, 15, 13, 0, tzinfo=UTC)) == "15/01/2026 14:00"
    assert fmt.phone("+33612345678") == "06 12 34 56 78"
    assert fmt.phone("+3224567890").startswith("+32")
