"""Demo documents: realistic, deterministic, numbered without gaps, consistent with services."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from documents_helpers import pdf_text

from extradesk.core import numbering
from extradesk.core.search_text import sort_key
from extradesk.core.workflow import FROZEN, DocumentKind, Status
from extradesk.db.session import unit_of_work
from extradesk.models import Client
from extradesk.services.context import open_context
from extradesk.services.demo import documents as demo_documents
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing, lines
from extradesk.services.documents.dto import LineInput


def add_clients(ctx, count: int) -> list[int]:
    now = ctx.clock.now()
    rows = [{"last_name": f"Client{i}", "first_name": "Demo", "billing_line1": f"{i} rue Haute",
             "billing_postal_code": "69003", "billing_city": "Lyon", "billing_country": "FR",
             "site_same_as_billing": True, "archived": False, "origin_id": 1 + i % 3,
             "sort_key": sort_key(f"Client{i}", "Demo"), "created_at": now, "updated_at": now}
            for i in range(count)]
    with unit_of_work(ctx.db, write=True) as session:
        session.connection().execute(Client.__table__.insert(), rows)
    return list(range(1, count + 1))


def snapshot(ctx):
    rows = documents.document_rows(ctx, documents.document_ids(ctx, descending=False))
    return [(r.kind, r.number, r.status, r.issue_date, r.gross) for r in rows]


@pytest.fixture
def demo(business):
    ids = add_clients(business, 400)
    steps = []
    report, changes = demo_documents.generate_documents(
        business, client_ids=ids, seed=7, progress=lambda done, total: steps.append(done))
    assert changes.everything and steps[0] == 0 and steps[-1] == report.documents
    return business, report


def test_the_demo_tells_two_years_of_business(demo):
    ctx, report = demo
    rows = documents.document_rows(ctx, documents.document_ids(ctx, descending=False))
    assert len(rows) == report.documents > 300
    kinds = defaultdict(int)
    for row in rows:
        kinds[row.kind] += 1
    assert set(kinds) == set(DocumentKind)
    dates = [r.issue_date for r in rows]
    assert min(dates) >= datetime(2024, 11, 28).date() and max(dates) <= ctx.clock.today()
    assert {r.status for r in rows if r.kind == DocumentKind.QUOTE} >= {
        Status.ACCEPTED, Status.REFUSED, Status.EXPIRED}


def test_numbers_are_gap_free_and_chronological_and_issuing_continues(demo, helene):
    ctx, _ = demo
    sequences = defaultdict(list)
    for kind, number, status, day, _gross in snapshot(ctx):
        if number is None:
            assert kind in (DocumentKind.INVOICE,) and status == Status.DRAFT
            continue
        parsed = numbering.parse_number(number)
        sequences[(parsed[0], parsed[1])].append((parsed[2], day))
    for values in sequences.values():
        values.sort()
        assert [v for v, _ in values] == list(range(1, len(values) + 1))
        assert [d for _, d in values] == sorted(d for _, d in values)
    invoice, _ = documents.create_invoice(ctx, helene)
    lines.add_line(ctx, invoice, data=LineInput(label="Entretien", unit_price="120"))
    number, _ = issuing.issue_document(ctx, invoice)
    assert number == f"F-2026-{len(sequences[(DocumentKind.INVOICE, 2026)]) + 1:05d}"


def test_demo_documents_read_like_real_ones(demo):
    ctx, _ = demo
    ids = documents.document_ids(ctx)
    details = [documents.get_document(ctx, i) for i in ids[:150]]
    finals = [d for d in details if d.kind == DocumentKind.INVOICE and d.deposits
              and d.status in FROZEN]
    assert finals
    for final in finals:
        assert final.totals.deposits == sum(d.gross for d in final.deposits)
        assert final.totals.due == final.totals.gross - final.totals.deposits
    quote = next(d for d in details if d.kind == DocumentKind.QUOTE and d.options)
    assert quote.lines[0].is_text and quote.totals.options
    # Stored totals agree with the lines, and an issued demo invoice prints once, then the
    # same bytes forever.
    issued = next(d for d in details if d.kind == DocumentKind.INVOICE and d.status in FROZEN)
    pdf = documents.render_pdf(ctx, issued.id)
    assert documents.get_document(ctx, issued.id).has_pdf
    assert documents.render_pdf(ctx, issued.id) == pdf
    assert issued.number in pdf_text(pdf)
    credit = next(d for d in details if d.kind == DocumentKind.CREDIT_NOTE)
    assert credit.header.subject == f"Avoir sur la facture {credit.source.number}"


def test_same_seed_same_documents(tmp_path, clock, demo):
    ctx, _ = demo
    other, _ = open_context(tmp_path / "other.sqlite3", clock=clock)
    from extradesk.services import users

    other.user_id = users.ensure_a_user(other)
    other.render_pdf = lambda data: b"%PDF-1.4 same seed"  # the rows are compared, not PDFs
    demo_documents.generate_documents(other, client_ids=add_clients(other, 400), seed=7)
    assert snapshot(other) == snapshot(ctx)
    assert D(sum(g for *_x, g in snapshot(other))) > 0
    other.db.dispose()
    assert clock.now() == datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
