"""What the Pièces list and the client record read: figures for a page of ids, the list
filtered on payment states (newest first), the default cash/bank journal per user."""

from datetime import date

from payments_helpers import invoice, new_client, pay

from extradesk.core.payments import PayState
from extradesk.services.documents import drafts as documents
from extradesk.services.payments import entries, figures

S = PayState


def test_states_of_a_page_and_the_filter(business):
    ctx = business  # today: 28/11/2026
    client = new_client(ctx)
    late = invoice(ctx, client, "100", on=date(2026, 9, 1))  # due 01/10
    paid = invoice(ctx, client, "200", on=date(2026, 10, 1))
    partly = invoice(ctx, client, "300", on=date(2026, 11, 10))  # due 10/12
    due = invoice(ctx, client, "400", on=date(2026, 11, 20))
    quote, _ = documents.create_quote(ctx, client)
    entries.pay_invoice(ctx, paid, data=pay(date(2026, 10, 2), "200"))
    entries.pay_invoice(ctx, partly, data=pay(date(2026, 11, 12), "100"))
    page = figures.figures_by_ids(ctx, [quote, late, paid, partly, due])
    assert {d: (f.state, str(f.remaining)) for d, f in page.items()} == {
        late: (S.LATE, "100.00"), paid: (S.PAID, "0.00"), partly: (S.PARTLY, "200.00"),
        due: (S.DUE, "400.00")}
    assert figures.ids_by_state(ctx, [S.LATE]) == [late]
    assert figures.ids_by_state(ctx, [S.DUE, S.PARTLY]) == [due, partly]
    assert figures.ids_by_state(ctx, [S.PAID]) == [paid]
    assert figures.ids_by_state(ctx, list(S), limit=2) == [due, partly]
    assert figures.ids_by_state(ctx, [S.LATE], client_id=client + 1) == []
    ctx.clock.advance(date(2026, 12, 11) - date(2026, 11, 28))
    assert figures.ids_by_state(ctx, [S.LATE]) == [partly, late]


def test_the_default_journal_is_the_users_choice(business):
    ctx = business
    client = new_client(ctx)
    doc = invoice(ctx, client, "100", on=date(2026, 10, 1))
    bank = entries.journal_by_code(ctx, "BQ")
    entries.set_default_journal(ctx, bank)
    entries.pay_invoice(ctx, doc, data=pay(date(2026, 10, 2), "40"))
    entries.pay_invoice(ctx, doc, data=pay(date(2026, 10, 2), "60", "especes",
                                           journal_id=entries.journal_by_code(ctx, "ca")))
    assert [r.journal for r in figures.payments(ctx)] == ["BQ", "CA"]
