"""Money, VAT and totals: the rules of DESIGN.md, checked by hand and by property."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extradesk.core import numbering, workflow
from extradesk.core.errors import StateError
from extradesk.core.money import parse_decimal, round_to, to_cents
from extradesk.core.tax import VAT_RATES, is_allowed_rate
from extradesk.core.totals import PricedLine, compute, line_net


def test_half_up_to_the_cent_and_no_floats():
    assert to_cents(D("1.005")) == D("1.01")
    assert to_cents(D("-1.005")) == D("-1.01")
    assert to_cents(D("2.675")) == D("2.68")
    assert round_to(D("1.23456"), 4) == D("1.2346")
    with pytest.raises(TypeError):
        to_cents(1.005)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1 234,5", D("1234.5")), ("1\u202f234,56", D("1234.56")), ("12.50", D("12.50")),
     ("-3", D("-3")), ("  ", None), ("15 €", D("15"))],
)
def test_french_number_entry(typed, value):
    assert parse_decimal(typed) == value


@pytest.mark.parametrize("typed", ["1,2,3", "abc", "1e5", "NaN", "12,", "--1"])
def test_not_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


def test_a_quote_worked_out_by_hand():
    lines = [
        PricedLine(D("3"), D("12.3333"), D("20")),  # 36.9999 -> 37.00
        PricedLine(D("1.5"), D("80"), D("10"), discount=D("5")),  # 114.00
        PricedLine(D("2"), D("19.99"), D("5.5")),  # 39.98
        PricedLine(D("1"), D("1000"), D("20"), in_option=True, option_key=1),
    ]
    totals = compute(lines)
    assert [(r.rate, r.base, r.amount) for r in totals.vat_rows] == [
        (D("20"), D("37.00"), D("7.40")),
        (D("10"), D("114.00"), D("11.40")),
        (D("5.5"), D("39.98"), D("2.20")),  # 2.1989 -> 2.20
    ]
    assert (totals.net, totals.vat, totals.gross) == (D("190.98"), D("21.00"), D("211.98"))
    assert totals.options == {1: D("1000.00")}
    with_deposit = compute(lines, deposits=D("60"))
    assert with_deposit.due == D("151.98")


def test_vat_is_rounded_once_per_rate_not_per_line():
    # Three lines of 0.03: per line 0.01 each (0.03), per rate 0.09 × 20 % = 0.018 -> 0.02.
    lines = [PricedLine(D("1"), D("0.03"), D("20")) for _ in range(3)]
    assert compute(lines).vat == D("0.02")


quantities = st.decimals(min_value=D("-1000"), max_value=D("100000"), places=3)
prices = st.decimals(min_value=D("0"), max_value=D("100000"), places=4)
discounts = st.decimals(min_value=D("0"), max_value=D("100"), places=2)
lines_strategy = st.lists(
    st.builds(PricedLine, quantities, prices, st.sampled_from(VAT_RATES), discounts,
              st.booleans(), st.integers(1, 3)),
    max_size=30,
)


@given(lines_strategy)
def test_totals_add_up_to_the_cent(lines):
    totals = compute(lines)
    priced = [line for line in lines if not line.in_option]
    assert totals.net == sum((line_net(line) for line in priced), D(0))
    assert totals.gross == totals.net + totals.vat
    assert totals.vat == sum((r.amount for r in totals.vat_rows), D(0))
    for value in (totals.net, totals.vat, totals.gross, *totals.options.values()):
        assert value == to_cents(value)
    for row in totals.vat_rows:
        assert abs(row.amount - row.base * row.rate / 100) <= D("0.005")
    assert len({r.rate for r in totals.vat_rows}) == len(totals.vat_rows)


@given(lines_strategy)
def test_options_never_change_the_total(lines):
    without_options = [line for line in lines if not line.in_option]
    assert compute(lines).gross == compute(without_options).gross


def test_rates_numbers_and_transitions():
    assert is_allowed_rate(D("5.50")) and not is_allowed_rate(D("7"))
    assert numbering.format_number(workflow.DocumentKind.INVOICE, 2026, 1) == "F-2026-00001"
    kind, status = workflow.DocumentKind.INVOICE, workflow.Status
    workflow.check_transition(kind, status.DRAFT, status.ISSUED)
    with pytest.raises(StateError):
        workflow.check_transition(kind, status.ISSUED, status.DRAFT)
    assert not workflow.is_editable(kind, status.ISSUED)
    from datetime import date

    with pytest.raises(StateError):
        numbering.check_chronology(date(2026, 1, 1), date(2026, 2, 1))
