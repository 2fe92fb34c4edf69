"""A small business worked by hand for the exports (figures in test_revenue_reports.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from extradesk.core.workflow import Status
from extradesk.services import company, references
from extradesk.services.articles import accounts, families
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.clients import records as clients
from extradesk.services.documents import conversions, issuing, lines
from extradesk.services.documents import drafts as documents
from extradesk.services.documents.dto import LineInput
from extradesk.services.dto import ClientInput
from extradesk.services.payments import entries
from extradesk.services.payments.entries import PaymentInput

LEGAL = company.CompanyIdentity(
    name="Piscines Azur", legal_form="SARL", capital=Decimal("10000"),
    line1="12 avenue des Tilleuls", postal_code="69003", city="Lyon",
    siret="73282932000074", rcs_rm="RCS Lyon", vat_number="FR44732829320",
    insurer="MAAF Assurances", insurance_policy="DEC-1", insurance_coverage="France")


ADDRESS = {"billing_line1": "3 chemin des Vignes", "billing_postal_code": "69003",
           "billing_city": "Lyon"}


def _quote(ctx, client_id: int, amount: str, rate: str = "20") -> int:
    quote, _ = documents.create_quote(ctx, client_id, subject="Travaux")
    lines.add_line(ctx, quote, data=LineInput(label="Travaux", quantity="1",
                                              unit_price=amount, vat_rate=rate))
    return quote


@pytest.fixture
def scenario(ctx, clock):
    """Nov. 28, 2026: A (Salon) accepts 1 000 HT at 20 %, 30 % deposit issued; D (Bouche à
    oreille) accepts 800 HT, 20 % deposit issued; B (Site web) is invoiced 400 + 100 HT at
    10 % in the "Chantiers" journal (articles ENT, family Entretien, account 706000, and FIL,
    family Piscine, account 707000); C (Salon) refuses 2 000 HT. Dec. 3: A's final invoice,
    a credit note of B's 100 HT line; A pays its deposit 360 by cheque and B 300 by transfer
    (Banque), D pays 192 in cash (Caisse), cancelled the same day."""
    company.save_company(ctx, LEGAL)
    site, _ = references.add_item(ctx, "journal", label="Chantiers")
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE journals SET code = 'CH' WHERE id = :i"), {"i": site.id})
    a, _ = clients.create_client(ctx, ClientInput(
        last_name="Arnaud", origin_id=2, **ADDRESS))
    b, _ = clients.create_client(ctx, ClientInput(
        last_name="Blanc", origin_id=3, **ADDRESS))
    c, _ = clients.create_client(ctx, ClientInput(
        last_name="Caron", origin_id=2, **ADDRESS))
    d, _ = clients.create_client(ctx, ClientInput(
        last_name="Durand", origin_id=1, **ADDRESS))

    order_a, _ = conversions.accept_quote(ctx, _quote(ctx, a, "1000"))
    deposit_a, _ = conversions.deposit_invoice(ctx, order_a, percent="30")
    issuing.issue_document(ctx, deposit_a)
    order_d, _ = conversions.accept_quote(ctx, _quote(ctx, d, "800"))
    deposit_d, _ = conversions.deposit_invoice(ctx, order_d, percent="20")
    issuing.issue_document(ctx, deposit_d)
    codes = {a.code: a.id for a in accounts.list_accounts(ctx)}
    upkeep, _ = families.add_family(ctx, "Entretien", account_id=codes["706000"])
    pool, _ = families.add_family(ctx, "Piscine", account_id=codes["707000"])
    articles.create_article(ctx, ArticleInput(code="ENT", label="Entretien", sale_price="400",
                                              vat_rate="10", family_id=upkeep,
                                              account_id=codes["706000"]))
    articles.create_article(ctx, ArticleInput(code="FIL", label="Filtre", sale_price="100",
                                              vat_rate="10", family_id=pool,
                                              account_id=codes["707000"]))
    invoice_b, _ = documents.create_invoice(ctx, b)
    header = documents.get_document(ctx, invoice_b).header
    documents.update_header(ctx, invoice_b, header=replace(
        header, journal_id=site.id))
    lines.add_line(ctx, invoice_b, data=LineInput(code="ent", label="Entretien",
                                                  unit_price="400", vat_rate="10"))
    filter_line, _ = lines.add_line(ctx, invoice_b, data=LineInput(
        code="FIL", label="Filtre", unit_price="100", vat_rate="10"))
    issuing.issue_document(ctx, invoice_b)
    documents.set_status(ctx, _quote(ctx, c, "2000"), target=Status.REFUSED)

    clock.advance(timedelta(days=5))  # 3 December
    final_a, _ = conversions.invoice_order(ctx, order_a)
    issuing.issue_document(ctx, final_a)
    note, _ = conversions.credit_note(ctx, invoice_b, line_ids=[filter_line])
    documents.update_header(ctx, note, header=replace(
        documents.get_document(ctx, note).header, journal_id=site.id))
    issuing.issue_document(ctx, note)
    assert clock.today() == date(2026, 12, 3)
    bank, cash = entries.journal_by_code(ctx, "BQ"), entries.journal_by_code(ctx, "CA")
    entries.pay_invoice(ctx, deposit_a, data=PaymentInput(
        clock.today(), "360", "cheque", journal_id=bank, cheque_bank="LCL",
        cheque_number="0001234"))
    entries.pay_invoice(ctx, invoice_b, data=PaymentInput(clock.today(), "300",
                                                          "virement", journal_id=bank))
    cash_payment, _ = entries.pay_invoice(ctx, deposit_d, data=PaymentInput(
        clock.today(), "192", "especes", journal_id=cash))
    entries.cancel_payment(ctx, cash_payment, note="Erreur de saisie")
    return {"a": a, "b": b, "c": c, "d": d, "journal": site.id, "final_a": final_a,
            "invoice_b": invoice_b, "deposit_a": deposit_a, "deposit_d": deposit_d,
            "note": note}
