"""Supplier references and numbers as suppliers write them; column guesses from headers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extradesk.core.catalogue_text import (
    fold_label,
    guess_mapping,
    normalise_ref,
    parse_number,
)
from extradesk.core.search_text import fold

REF_CHARS = st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x17F)
SEPARATORS = st.sampled_from([" ", ".", "-", "\u00a0", "–"])


def test_the_issue_example_is_one_reference():
    assert normalise_ref("W1245ER") == normalise_ref("w 1245-er") == normalise_ref("W.1245.ER")
    assert normalise_ref("W1245ER") != normalise_ref("W1245E")


@given(st.lists(st.tuples(st.text(REF_CHARS, min_size=1, max_size=4),
                          st.lists(SEPARATORS, max_size=2)), min_size=1, max_size=6),
       st.booleans())
def test_separators_and_case_never_tell_references_apart(parts, upper):
    bare = "".join(text for text, _ in parts)
    written = "".join(text + "".join(seps) for text, seps in parts)
    written = written.upper() if upper else written.lower()
    assert normalise_ref(written) == normalise_ref(bare)
    assert normalise_ref(normalise_ref(written)) == normalise_ref(written)


@given(st.text(REF_CHARS, min_size=1, max_size=12), st.text(REF_CHARS, min_size=1, max_size=12))
def test_different_characters_stay_different(a, b):
    if a.upper().casefold() != b.upper().casefold():
        assert normalise_ref(a) != normalise_ref(b)


@pytest.mark.parametrize(("text", "decimal", "value"), [
    ("12,50", ",", "12.50"), ("12.50", ".", "12.50"), ("1 234,56 €", ",", "1234.56"),
    ("1.234,56", ",", "1234.56"), ("1,234.56", ".", "1234.56"), ("1.234", ",", "1234"),
    ("0.045", ",", "0.045"), ("12.5", ",", "12.5"), ("20 %", ",", "20"), ("-3", ",", "-3"),
    ("1\u202f234,5", ",", "1234.5"), (",5", ",", "0.5"),
])
def test_prices_as_suppliers_write_them(text, decimal, value):
    assert parse_number(text, decimal) == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "12,50 HT", "1-2", "--3", "€", "1,2,3,4.5.6", "12a"])
def test_not_numbers_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text, ",")


def test_empty_is_no_number():
    assert parse_number("", ",") is None
    assert parse_number("  ", ",") is None


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False),
       st.sampled_from([",", "."]), st.booleans())
def test_a_number_written_either_way_reads_back(value, decimal, grouped):
    """Python writes it with the file's decimal mark, thousands grouped or not."""
    text = f"{value:,.4f}" if grouped else f"{value:.4f}"
    if decimal == ",":
        text = text.replace(",", " ").replace(".", ",")
    assert parse_number(text, decimal) == value


@given(st.decimals(min_value=0, max_value=999, places=2, allow_nan=False),
       st.sampled_from([",", "."]))
def test_short_numbers_with_either_mark_read_back(value, decimal):
    text = f"{value:.2f}".replace(".", decimal)
    assert parse_number(text, "," if decimal == "." else ".") == value


@given(st.text(max_size=60))
def test_fast_label_folding_is_the_search_folding(text):
    assert fold_label(text) == fold(text)


def test_fold_label_examples():
    assert fold_label("Pompe à chaleur ŒUVRE  Été\u00a09 kW") == "pompe a chaleur oeuvre ete 9 kw"


def test_headers_are_guessed_sub_family_apart_from_family():
    headers = ["Référence", "Désignation", "Famille", "Sous-famille", "Unité",
               "Prix achat HT", "Prix public", "TVA", "EAN13", "Poids"]
    assert guess_mapping(headers) == {
        "ref": 0, "label": 1, "family": 2, "sub_family": 3, "unit": 4, "purchase_price": 5,
        "public_price": 6, "vat_rate": 7, "ean": 8}
    assert guess_mapping(["Code article", "Libellé", "Prix net remisé", "PPC", "Gencod"]) == {
        "ref": 0, "label": 1, "purchase_price": 2, "public_price": 3, "ean": 4}
    assert guess_mapping(["x", "y"]) == {}
