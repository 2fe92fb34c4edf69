"""Editing a quote: text lines, options made from selected lines, moves, live totals."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extradesk.core.documents import KEEP, Slot, move, normalise_order
from extradesk.core.errors import StateError
from extradesk.core.totals import PricedLine, compute
from extradesk.i18n.messages import error_text
from extradesk.services.documents import conversions, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput


def article(label: str, price: str, vat: str = "20", quantity: str = "1") -> LineInput:
    return LineInput(code=label[:3].upper(), label=label, quantity=quantity, unit="u",
                     unit_price=price, vat_rate=vat)


@pytest.fixture
def quote(ctx, helene):
    quote_id, _ = documents.create_quote(ctx, helene)
    ids = {}
    for key, data in {
        "title": LineInput(code="txt_titre", label="Poêle à granulés"),
        "stove": article("Poêle 8 kW", "2890"),
        "flue": article("Conduit isolé", "640", vat="10"),
        "kit": article("Kit de raccordement", "180", vat="10"),
        "remote": article("Télécommande Wi-Fi", "149"),
        "care": article("Entretien annuel", "160", vat="10"),
    }.items():
        ids[key] = lines.add_line(ctx, quote_id, data=data)[0]
    return quote_id, ids


def order_of(ctx, quote_id) -> list[tuple[int, int | None]]:
    return [(line.id, line.option_id) for line in documents.get_document(ctx, quote_id).lines]


def test_a_txt_code_makes_a_text_line_without_quantity_or_price(ctx, quote):
    quote_id, ids = quote
    detail = documents.get_document(ctx, quote_id)
    title = detail.lines[0]
    assert title.is_text and title.label == "Poêle à granulés" and title.code == "txt_titre"
    assert (title.quantity, title.unit, title.unit_price, title.vat_rate, title.net) == (
        None, None, None, None, None)
    # Typed numbers on a text line are ignored, not stored.
    lines.update_line(ctx, ids["title"], data=LineInput(code="TXT_Chapitre", label="Fumisterie",
                                                   quantity="3", unit_price="99"))
    title = documents.get_document(ctx, quote_id).lines[0]
    assert title.is_text and title.quantity is None and title.net is None
    # Turning a text line back into an article line (another code) prices it.
    lines.update_line(ctx, ids["title"], data=article("Fumisterie", "90"))
    assert documents.get_document(ctx, quote_id).lines[0].net == D("90.00")


def test_totals_follow_every_edit(ctx, quote):
    quote_id, ids = quote
    # 2 890 + 149 = 3 039 at 20 % (607,80); 640 + 180 + 160 = 980 at 10 % (98,00)
    assert documents.get_document(ctx, quote_id).totals.gross == D("4724.80")
    changes = lines.update_line(ctx, ids["stove"], data=article("Poêle 8 kW", "2 890", quantity="2"))
    assert changes.documents == {quote_id}
    assert documents.get_document(ctx, quote_id).totals.gross == D("8192.80")  # + 3 468
    lines.delete_lines(ctx, [ids["remote"], ids["care"]])
    detail = documents.get_document(ctx, quote_id)
    assert [line.position for line in detail.lines] == [1, 2, 3, 4]
    # 5 780 at 20 % = 6 936; 820 at 10 % = 902
    assert detail.totals.gross == D("7838.00")
    rows = documents.document_rows(ctx, [quote_id])
    assert rows[0].gross == D("7838.00")  # the cached list column agrees


def test_create_option_rename_move_in_and_out(ctx, quote):
    quote_id, ids = quote
    # Selecting two separated lines gathers them where the first one was.
    option_id, _ = lines.create_option(ctx, [ids["kit"], ids["care"]])
    assert order_of(ctx, quote_id) == [
        (ids["title"], None), (ids["stove"], None), (ids["flue"], None),
        (ids["kit"], option_id), (ids["care"], option_id), (ids["remote"], None)]
    detail = documents.get_document(ctx, quote_id)
    assert detail.options[0].heading == "Option 1 : Kit de raccordement"
    assert detail.options[0].net == D("340.00")
    # 3 039 at 20 % and 640 at 10 %: the option's 340 HT is not in the total.
    assert detail.totals.net == D("3679.00") and detail.totals.gross == D("4350.80")

    lines.rename_option(ctx, option_id, title="  Raccordement   et entretien ")
    assert documents.get_document(ctx, quote_id).options[0].heading == (
        "Option 1 : Raccordement et entretien")

    # Drag the remote into the option, before the care line.
    lines.move_lines(ctx, [ids["remote"]], before_line_id=ids["care"], option_id=option_id)
    assert order_of(ctx, quote_id)[3:] == [
        (ids["kit"], option_id), (ids["remote"], option_id), (ids["care"], option_id)]
    # Reorder inside the option without leaving it.
    lines.move_lines(ctx, [ids["care"]], before_line_id=ids["kit"])
    assert [i for i, _ in order_of(ctx, quote_id)[3:]] == [ids["care"], ids["kit"],
                                                           ids["remote"]]
    # Drag the kit out to the top, and the flue after the option.
    lines.move_lines(ctx, [ids["kit"]], before_line_id=ids["title"], option_id=None)
    lines.move_lines(ctx, [ids["flue"]], before_line_id=None)
    assert order_of(ctx, quote_id) == [
        (ids["kit"], None), (ids["title"], None), (ids["stove"], None),
        (ids["care"], option_id), (ids["remote"], option_id), (ids["flue"], None)]

    # A second option; taking every line out of the first one removes it.
    second, _ = lines.create_option(ctx, [ids["flue"]], title="Tubage")
    lines.move_lines(ctx, [ids["care"], ids["remote"]], before_line_id=None, option_id=None)
    detail = documents.get_document(ctx, quote_id)
    assert [(o.id, o.heading) for o in detail.options] == [(second, "Option 1 : Tubage")]
    lines.dissolve_option(ctx, second)
    assert documents.get_document(ctx, quote_id).options == ()


def test_add_a_line_into_an_option_and_before_another(ctx, quote):
    quote_id, ids = quote
    option_id, _ = lines.create_option(ctx, [ids["remote"]], title="Confort")
    new, _ = lines.add_line(ctx, quote_id, data=article("Sonde d'ambiance", "59"),
                            option_id=option_id)
    first, _ = lines.add_line(ctx, quote_id, data=LineInput(code="txt_intro", label="Bonjour"),
                              before_line_id=ids["title"])
    got = order_of(ctx, quote_id)
    assert got[0] == (first, None)
    assert got[-3:] == [(ids["remote"], option_id), (new, option_id), (ids["care"], None)]


def test_options_are_for_quotes_only_and_the_order_gets_what_was_accepted(ctx, quote, helene):
    quote_id, ids = quote
    heating, _ = lines.create_option(ctx, [ids["remote"]], title="Confort")
    care, _ = lines.create_option(ctx, [ids["care"]], title="Entretien")
    order_id, _ = conversions.accept_quote(ctx, quote_id, accepted_options=[care])
    order = documents.get_document(ctx, order_id)
    assert [line.label for line in order.lines] == [
        "Poêle à granulés", "Poêle 8 kW", "Conduit isolé", "Kit de raccordement",
        "Entretien annuel"]
    quote_detail = documents.get_document(ctx, quote_id)
    assert {o.id: o.accepted for o in quote_detail.options} == {heating: False, care: True}
    with pytest.raises(StateError) as caught:
        lines.create_option(ctx, [order.lines[1].id])
    assert error_text(caught.value) == "Les options ne s'utilisent que dans les devis."
    with pytest.raises(StateError) as caught:  # the accepted quote is closed for edits
        lines.add_line(ctx, quote_id, data=article("Oubli", "10"))
    assert error_text(caught.value) == "Devis D-2026-00001 (Accepté) ne peut plus être modifié(e)."


def test_duplicate_keeps_lines_and_options_for_another_client(ctx, quote, helene):
    from extradesk.services.clients import records as clients
    from extradesk.services.dto import ClientInput

    quote_id, ids = quote
    lines.create_option(ctx, [ids["remote"]], title="Confort")
    other, _ = clients.create_client(ctx, ClientInput(company="Camping du Lac", origin_id=3))
    copy_id, _ = conversions.duplicate_document(ctx, quote_id, client_id=other)
    original, copy = documents.get_document(ctx, quote_id), documents.get_document(ctx, copy_id)
    assert copy.number == "D-2026-00002" and copy.client_id == other and copy.origin_id == 3
    assert copy.source is None
    assert (copy.totals.gross, list(copy.totals.options.values())) == (
        original.totals.gross, list(original.totals.options.values()))
    assert [(line.label, line.net) for line in copy.lines] == [
        (line.label, line.net) for line in original.lines]
    assert [o.heading for o in copy.options] == ["Option 1 : Confort"]


# -- properties ----------------------------------------------------------------------------

slot_lists = st.lists(st.tuples(st.integers(1, 200), st.sampled_from([None, 1, 2, 3])),
                      min_size=1, max_size=25, unique_by=lambda t: t[0]).map(
    lambda pairs: normalise_order([Slot(i, o) for i, o in pairs]))


def contiguous(slots: list[Slot]) -> bool:
    seen, last = set(), object()
    for slot in slots:
        if slot.option_id is not None and slot.option_id != last and slot.option_id in seen:
            return False
        seen.add(slot.option_id)
        last = slot.option_id
    return True


@given(slot_lists, st.data())
def test_moves_keep_every_line_once_and_options_in_one_piece(slots, data):
    ids = [s.line_id for s in slots]
    moving = data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    before = data.draw(st.sampled_from([None, *ids]))
    option = data.draw(st.sampled_from([KEEP, None, 1, 2, 4]))
    moved = move(slots, moving, before=before, option_id=option)
    assert sorted(s.line_id for s in moved) == sorted(ids)
    assert contiguous(moved)
    where = {s.line_id: s.option_id for s in moved}
    for line_id in moving:
        expected = dict((s.line_id, s.option_id) for s in slots)[line_id] \
            if option is KEEP else option
        assert where[line_id] == expected
    # Lines that did not move keep their relative order.
    still = [i for i in ids if i not in moving]
    assert [s.line_id for s in moved if s.line_id in still] == [
        s.line_id for s in normalise_order([s for s in slots if s.line_id in still])]


money = st.decimals(min_value=D("0"), max_value=D("5000"), places=2)
rates = st.sampled_from(["20", "10", "5,5", "2,1", "0"])


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # one db, many quotes
@given(typed=st.lists(st.tuples(st.integers(1, 40), money, rates, st.booleans()), min_size=1,
                      max_size=8))
def test_stored_totals_are_the_core_totals(ctx, helene, typed):
    quote_id, _ = documents.create_quote(ctx, helene)
    expected, in_option = [], []
    for quantity, price, rate, optional in typed:
        line_id, _ = lines.add_line(ctx, quote_id, data=LineInput(
            label="Ligne", quantity=str(quantity), unit_price=str(price).replace(".", ","),
            vat_rate=rate))
        if optional:
            in_option.append(line_id)
        expected.append(PricedLine(D(quantity), price, D(rate.replace(",", ".")),
                                   in_option=optional, option_key="o"))
    if in_option:
        lines.create_option(ctx, in_option)
    totals, want = documents.get_document(ctx, quote_id).totals, compute(expected)
    assert (totals.net, totals.vat, totals.gross) == (want.net, want.vat, want.gross)
    assert [(r.rate, r.base, r.amount) for r in totals.vat_rows] == [
        (r.rate, r.base, r.amount) for r in want.vat_rows]
    assert sum(totals.options.values(), D(0)) == want.options.get("o", D(0))
