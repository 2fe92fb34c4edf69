"""Factures de situation, worked by hand: an order invoiced at 30 %, 60 % and 100 % with a
30 % deposit.

Order C-2026-00001: masonry 10 000,00 HT at 10 % (VAT 1 000,00) and a liner 3 333,33 HT at
20 % (VAT 666,666 → 666,67): 13 333,33 HT, 1 666,67 VAT, 15 000,00 TTC.
Deposit 30 %: 10 %: 3 000,00 (VAT 300,00); 20 %: 999,999 → 1 000,00 (VAT 200,00): 4 000,00
HT, 4 500,00 TTC.

Situation 1, 30 %: masonry 3 000,00; liner 999,999 → 1 000,00. 4 000,00 HT, VAT 300,00 +
  200,00 = 500,00, TTC 4 500,00. Deposit deducted: 4 500,00 × 4 000,00 / 13 333,33 =
  1 350,0000338 → 1 350,00. Net to pay 3 150,00.
Situation 2, 60 %: masonry 6 000,00 − 3 000,00 = 3 000,00; liner 1 999,998 → 2 000,00 −
  1 000,00 = 1 000,00. Same 4 000,00 HT, 500,00 VAT, 4 500,00 TTC. Deposit: 4 500,00 ×
  8 000,00 / 13 333,33 = 2 700,0000675 → 2 700,00, less 1 350,00 = 1 350,00. To pay 3 150,00.
Situation 3, 100 %: masonry 4 000,00 (VAT 400,00); liner 3 333,33 − 2 000,00 = 1 333,33
  (VAT 266,666 → 266,67). 5 333,33 HT, 666,67 VAT, 6 000,00 TTC. Deposit: 4 500,00 −
  2 700,00 = 1 800,00. To pay 4 200,00.
Together: 15 000,00 TTC = the order; 4 500,00 deducted = the deposit.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from documents_helpers import pdf_text
from facturx_helpers import amount, schematron_errors, vat_rows, xml_of

from extradesk.core.errors import StateError, ValidationError
from extradesk.core.workflow import Status
from extradesk.i18n.messages import error_text
from extradesk.services.documents import conversions, einvoice, issuing, lines, situations
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput


@pytest.fixture
def order(business, helene):
    ctx = business
    order_id, _ = documents.create_order(ctx, helene, subject="Piscine")
    lines.add_line(ctx, order_id, data=LineInput(code="txt_lot", label="Gros œuvre"))
    masonry, _ = lines.add_line(ctx, order_id, data=LineInput(
        code="MAC", label="Maçonnerie", quantity="1", unit="forfait", unit_price="10000",
        vat_rate="10"))
    liner, _ = lines.add_line(ctx, order_id, data=LineInput(
        code="LIN", label="Liner", quantity="1", unit="u", unit_price="3333,33", vat_rate="20"))
    documents.set_status(ctx, order_id, target=Status.CONFIRMED)  # the client signed it
    totals = documents.get_document(ctx, order_id).totals
    assert (totals.net, totals.vat, totals.gross) == (D("13333.33"), D("1666.67"), D("15000.00"))
    return order_id, masonry, liner


def figures(ctx, invoice_id):
    t = documents.get_document(ctx, invoice_id).totals
    return t.net, t.vat, t.gross, t.deposits, t.due


def test_three_situations_with_a_deposit_to_the_cent(business, order, clock):
    ctx, (order_id, _masonry, _liner) = business, order
    deposit_id, _ = conversions.deposit_invoice(ctx, order_id, percent="30")
    assert documents.get_document(ctx, deposit_id).totals.gross == D("4500.00")
    issuing.issue_document(ctx, deposit_id)

    expected = [("30", (D("4000.00"), D("500.00"), D("4500.00"), D("1350.00"), D("3150.00"))),
                ("60", (D("4000.00"), D("500.00"), D("4500.00"), D("1350.00"), D("3150.00"))),
                ("100", (D("5333.33"), D("666.67"), D("6000.00"), D("1800.00"), D("4200.00")))]
    issued = []
    for step, (percent, wanted) in enumerate(expected, start=1):
        clock.advance(timedelta(days=10))
        invoice_id, _ = situations.progress_invoice(ctx, order_id, percent=percent)
        assert figures(ctx, invoice_id) == wanted
        number, _ = issuing.issue_document(ctx, invoice_id)
        issued.append((invoice_id, number))
        order_status = documents.get_document(ctx, order_id).status
        assert order_status == (Status.INVOICED if step == 3 else Status.CONFIRMED)

    # The second situation, as printed and as its XML says it.
    invoice_id, number = issued[1]
    pdf = documents.render_pdf(ctx, invoice_id)
    text = pdf_text(pdf)
    assert "Situation n° 2 — avancement cumulé 60,00 %" in text
    assert ("Travaux cumulés HT 8 000,00 € — situations précédentes HT 4 000,00 € — "
            "cette situation HT 4 000,00 €") in text
    assert "Avancement cumulé 60 % (précédent 30 %) sur 10 000,00 € HT" in text
    assert "Opération : mixte (livraison de biens et prestation de services)" in text  # order's
    assert ("Total TTC\n4 500,00 €\nAcompte FA-2026-00001 du 28/11/2026\n-1 350,00 €\n"
            "Net à payer\n3 150,00 €") in text
    xml = xml_of(pdf)
    assert vat_rows(xml) == [("S", D("20"), D("1000.00"), D("200.00")),
                             ("S", D("10"), D("3000.00"), D("300.00"))]
    assert (amount(xml, "TotalPrepaidAmount"), amount(xml, "DuePayableAmount")) == (
        D("1350.00"), D("3150.00"))
    assert einvoice.check(xml)[1] == [] and schematron_errors(xml) == []

    # The last one: VAT per rate on this step's bases
    last = documents.get_document(ctx, issued[2][0]).totals
    assert [(r.rate, r.base, r.amount) for r in last.vat_rows] == [
        (D("20"), D("1333.33"), D("266.67")), (D("10"), D("4000.00"), D("400.00"))]
    # All together: the order's TTC, the whole deposit
    every = [figures(ctx, i) for i, _n in issued]
    assert sum(f[2] for f in every) == D("15000.00")
    assert sum(f[3] for f in every) == D("4500.00")
    with pytest.raises(StateError):
        situations.progress_invoice(ctx, order_id, percent="100")  # the order is closed


def test_progress_per_line_and_what_is_refused(business, order):
    ctx, (order_id, masonry, liner) = business, order
    first, _ = situations.progress_invoice(ctx, order_id, line_percents={masonry: "50"})
    # masonry 5 000,00 at 10 % (VAT 500,00), the liner not started: 0,00
    assert figures(ctx, first)[:3] == (D("5000.00"), D("500.00"), D("5500.00"))
    with pytest.raises(StateError) as caught:
        situations.progress_invoice(ctx, order_id, percent="80")
    assert "une situation en brouillon attend" in error_text(caught.value)
    issuing.issue_document(ctx, first)
    with pytest.raises(ValidationError) as caught:
        situations.progress_invoice(ctx, order_id, line_percents={masonry: "40"})
    assert error_text(caught.value) == (
        "« Maçonnerie » : l'avancement cumulé ne peut pas redescendre (50 % déjà facturés, "
        "40 % demandés).")
    with pytest.raises(ValidationError) as caught:
        situations.progress_invoice(ctx, order_id, percent="120")
    assert error_text(caught.value) == (
        "Avancement : « 120 » n'est pas un pourcentage entre 0 et 100.")
    # liner to 25 %: 833,3325 → 833,33 at 20 % (VAT 166,666 → 166,67); masonry stays at 50 %
    second, _ = situations.progress_invoice(ctx, order_id, line_percents={liner: "25"})
    assert figures(ctx, second)[:3] == (D("833.33"), D("166.67"), D("1000.00"))
    assert documents.get_document(ctx, order_id).status == Status.CONFIRMED
