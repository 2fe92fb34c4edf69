"""Schema 0002: documents survive upgrades, and a 0001 database gains the documents tables."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

from extradesk.core.workflow import Status
from extradesk.db import migrate
from extradesk.services.context import open_context
from extradesk.services.documents import drafts as documents

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"


def test_the_0002_fixture_keeps_its_documents_and_frozen_pdf(tmp_path):
    path = tmp_path / "client.sqlite3"
    shutil.copy(SCHEMAS / "0002.sqlite3", path)
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT pdf, sha256 FROM document_pdfs").fetchone()
    ctx, report = open_context(path)
    assert report.after == migrate.head_revision()
    rows = documents.document_rows(ctx, documents.document_ids(ctx, sort="number",
                                                               descending=False))
    assert [(r.number, r.status) for r in rows] == [
        ("D-2026-00001", Status.DRAFT), ("F-2026-00001", Status.ISSUED)]
    quote = documents.get_document(ctx, rows[0].id)
    assert [line.is_text for line in quote.lines] == [True, False, False]
    assert quote.options[0].heading == "Option 1 : Chauffage"
    assert quote.totals.gross == D("2976.00")  # the option stays out
    invoice = documents.get_document(ctx, rows[1].id)
    assert invoice.totals.gross == D("198.00")
    pdf = documents.render_pdf(ctx, invoice.id)
    assert pdf == stored[0] and hashlib.sha256(pdf).hexdigest() == stored[1]


def test_a_0001_database_gets_the_documents_tables_and_the_sales_journal(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(SCHEMAS / "0001.sqlite3", path)
    ctx, report = open_context(path)
    assert report.before == "0001" and report.backup is not None
    with sqlite3.connect(path) as conn:
        # The sales journal; the cash and bank journals of payments (0010) come after it.
        assert conn.execute("SELECT code, label FROM journals WHERE kind = 'vente'"
                            ).fetchall() == [("VT", "Ventes")]
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    quote, _ = documents.create_quote(ctx, 1)
    assert documents.get_document(ctx, quote).journal_label == "VT Ventes"
