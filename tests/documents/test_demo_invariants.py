"""The demo keeps the application's invariants: a seller on every document, every issued
document with its stored PDF (chained), every invoiced order closed."""

from __future__ import annotations

import sqlite3

import pytest
from documents_helpers import LEGAL, pdf_text

from extradesk.core.errors import StateError
from extradesk.core.legal import missing_identity
from extradesk.core.workflow import Status
from extradesk.services import company
from extradesk.services.demo import dataset
from extradesk.services.demo.company_identity import DEMO_COMPANY
from extradesk.services.documents import chain, conversions
from extradesk.services.documents import drafts as documents


@pytest.fixture
def demo(ctx):
    report, _ = dataset.generate(ctx, clients=150, seed=3)
    assert report.documents > 100
    return ctx


def test_an_empty_database_gets_a_fictional_but_valid_company(demo):
    assert company.get_company(demo) == DEMO_COMPANY
    assert missing_identity(DEMO_COMPANY) == []  # SIRET, VAT key, IBAN: all check out


def test_a_real_company_is_never_replaced(ctx):
    company.save_company(ctx, LEGAL)
    dataset.generate(ctx, clients=20, seed=3)
    assert company.get_company(ctx).name == "Piscines Azur"


@pytest.mark.sqlite_only
def test_every_issued_document_has_its_stored_pdf_and_prints_its_seller_for_good(
        demo, db_path):
    with sqlite3.connect(db_path) as conn:
        issued, missing = conn.execute(
            "SELECT count(*), sum(p.document_id IS NULL) FROM documents d "
            "LEFT JOIN document_pdfs p ON p.document_id = d.id "
            "WHERE d.issued_at IS NOT NULL").fetchone()
        first = conn.execute(
            "SELECT id FROM documents WHERE kind = 'facture' AND issued_at IS NOT NULL "
            "ORDER BY issued_at, id LIMIT 1").fetchone()[0]
    assert issued > 50 and missing == 0
    stored = documents.render_pdf(demo, first)
    assert "Rhône Habitat Services" in pdf_text(stored)
    company.save_company(demo, LEGAL)  # the business changes its name later
    assert documents.render_pdf(demo, first) == stored  # the invoice does not
    assert chain.verify(demo).ok


@pytest.mark.sqlite_only
def test_an_invoiced_demo_order_is_closed(demo, db_path):
    with sqlite3.connect(db_path) as conn:
        orders = conn.execute(
            "SELECT o.id, o.status FROM documents o JOIN documents f ON f.source_id = o.id "
            "WHERE o.kind = 'commande' AND f.kind = 'facture' AND f.issued_at IS NOT NULL"
        ).fetchall()
    assert orders and {status for _id, status in orders} == {Status.INVOICED.value}
    with pytest.raises(StateError):
        conversions.invoice_order(demo, orders[0][0])
