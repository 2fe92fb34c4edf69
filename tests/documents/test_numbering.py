"""Invoice numbers: strict, chronological, no gap, no duplicate, across processes and crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from documents_helpers import LEGAL
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from extradesk.core import numbering
from extradesk.core.workflow import DocumentKind, Status
from extradesk.db.engine import url_for
from extradesk.db.session import unit_of_work
from extradesk.models import Document, DocumentLine
from extradesk.services.documents import drafts as documents
from extradesk.services.documents import issuing

# A child process: opens the same database (SQLite file or PostgreSQL URL) and issues the invoices it is given, once the
# parent says go. "fast" swaps the PDF renderer for a stub that writes the number it was
# given into the bytes: the test then proves every stored PDF carries its own number.
CHILD = r'''
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path

from extradesk.core.clock import FixedClock
from extradesk.db.engine import open_database
from extradesk.services.documents import issuing
from extradesk.services.context import Context

db_path, ids, folder, mode = sys.argv[1], json.loads(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
me = f"{mode}-{ids[0]}"

def pause(*_args):
    (folder / f"paused-{me}").write_text("paused")
    time.sleep(120)  # killed here by the parent

ctx = Context(db=open_database(db_path),
              clock=FixedClock(datetime(2026, 11, 28, 10, tzinfo=UTC)), user_id=1)
if mode == "fast":
    ctx.render_pdf = lambda data: b"%PDF-stub " + data.number.encode()
elif mode == "kill-after-number":
    ctx.fault = lambda point: point == "number_allocated" and pause()
elif mode == "kill-before-commit":
    ctx.fault = lambda point: point == "pdf_stored" and pause()
(folder / f"ready-{me}").write_text("ready")
while not (folder / "go").exists():
    time.sleep(0.002)
print(json.dumps([issuing.issue_document(ctx, i)[0] for i in ids]))
'''


def drafts(ctx, client_id: int, count: int) -> list[int]:
    """`count` draft invoices of one 100 € line, bulk-inserted (the setup is not under test)."""
    now = ctx.clock.now()
    with unit_of_work(ctx.db, write=True) as session:
        conn = session.connection()
        first = conn.execute(Document.__table__.insert().values(
            kind="facture", status="brouillon", client_id=client_id,
            issue_date=ctx.clock.today(), created_at=now, updated_at=now)
        ).inserted_primary_key[0]
        if count > 1:
            conn.execute(Document.__table__.insert(), [
                {"kind": "facture", "status": "brouillon", "client_id": client_id,
                 "issue_date": ctx.clock.today(), "created_at": now, "updated_at": now}
                for _ in range(count - 1)])
        ids = list(range(first, first + count))
        conn.execute(DocumentLine.__table__.insert(), [
            {"document_id": i, "position": 1, "kind": "article", "label": "Entretien annuel",
             "quantity": D(1), "unit_price": D(100), "discount": D(0), "vat_rate": D(20),
             "net": D(100)} for i in ids])
    return ids


def start(db_path, ids, folder: Path, mode: str) -> subprocess.Popen:
    script = folder / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(db_path), json.dumps(ids), str(folder), mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        assert time.monotonic() < deadline, f"{path.name} never came"
        time.sleep(0.01)


def _read(db_path, sql: str) -> list[tuple]:
    """Rows read by a fresh engine (a SQLite file or a PostgreSQL URL, as --backend says)."""
    engine = create_engine(url_for(db_path))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def rows(db_path):
    return [(i, n, s, bytes(p) if p is not None else None) for i, n, s, p in _read(
        db_path, "SELECT d.id, d.number, d.status, p.pdf FROM documents d "
                 "LEFT JOIN document_pdfs p ON p.document_id = d.id ORDER BY d.id")]


def counter(db_path) -> int | None:
    found = _read(db_path, "SELECT last_value FROM document_counters "
                           "WHERE kind = 'facture' AND year = 2026")
    return found[0][0] if found else None


def chain_numbers(db_path) -> list[str]:
    """Numbers in the order their issuing transactions committed (the hash chain's order)."""
    return [r[0] for r in _read(db_path, "SELECT d.number FROM issued_chain c JOIN documents d "
                                         "ON d.id = c.document_id ORDER BY c.seq")]


def issue_concurrently(business, helene, db_path, tmp_path, *, processes: int,
                       each: int) -> list[list[str]]:
    ids = drafts(business, helene, processes * each)
    shares = [ids[k::processes] for k in range(processes)]
    children = [start(db_path, share, tmp_path, "fast") for share in shares]
    for child, share in zip(children, shares, strict=True):
        wait_for(tmp_path / f"ready-fast-{share[0]}", child)
    (tmp_path / "go").write_text("go")  # all start at once
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        results.append(json.loads(out))
    return results


def test_two_processes_issuing_200_invoices_each_get_1_to_400(business, helene, db_path,
                                                              tmp_path):
    results = issue_concurrently(business, helene, db_path, tmp_path, processes=2, each=200)
    both = results[0] + results[1]
    expected = [numbering.format_number(DocumentKind.INVOICE, 2026, n) for n in range(1, 401)]
    assert sorted(both) == expected  # 1..400: no gap, no duplicate
    assert [len(r) for r in results] == [200, 200]
    assert all(r == sorted(r) for r in results)  # each process sees its numbers go up
    # They really ran at the same time: neither got one solid block of numbers.
    assert not (max(results[0]) < min(results[1]) or max(results[1]) < min(results[0]))
    stored = rows(db_path)
    assert {(number, status) for _id, number, status, _pdf in stored} == {
        (n, Status.ISSUED.value) for n in expected}
    for _id, number, _status, pdf in stored:
        assert pdf == b"%PDF-stub " + number.encode()  # the PDF shows its own number
    assert counter(db_path) == 400
    assert chain_numbers(db_path) == expected  # committed in number order: chronological


def test_four_processes_issuing_250_invoices_each_on_postgresql_get_1_to_1000(
        pg_url, tmp_path):
    """The issue's figure, on a shared server: four PCs issuing at once."""
    from extradesk.core.clock import FixedClock
    from extradesk.services import company, users
    from extradesk.services.clients import records as clients
    from extradesk.services.context import open_context
    from extradesk.services.dto import ClientInput

    ctx, _ = open_context(pg_url, clock=FixedClock(datetime(2026, 11, 28, 9, tzinfo=UTC)))
    try:
        ctx.user_id = users.ensure_a_user(ctx)
        company.save_company(ctx, LEGAL)
        client, _ = clients.create_client(ctx, ClientInput(
            last_name="Martin", first_name="Paul", billing_line1="3 rue Haute",
            billing_postal_code="69003", billing_city="Lyon"))
        results = issue_concurrently(ctx, client, pg_url, tmp_path, processes=4, each=250)
    finally:
        ctx.db.dispose()
    expected = [numbering.format_number(DocumentKind.INVOICE, 2026, n) for n in range(1, 1001)]
    assert sorted(n for r in results for n in r) == expected
    assert [len(r) for r in results] == [250] * 4
    assert all(r == sorted(r) for r in results)
    assert chain_numbers(pg_url) == expected  # committed in number order
    assert counter(pg_url) == 1000
    stored = rows(pg_url)
    assert all(pdf == b"%PDF-stub " + number.encode() for _i, number, _s, pdf in stored)


@pytest.mark.parametrize("mode", ["kill-after-number", "kill-before-commit"])
def test_a_process_killed_mid_issue_leaves_no_gap_and_no_half_invoice(
        business, helene, db_path, tmp_path, mode):
    first, victim, third = drafts(business, helene, 3)
    assert issuing.issue_document(business, first)[0] == "F-2026-00001"
    before = rows(db_path)
    child = start(db_path, [victim], tmp_path, mode)
    wait_for(tmp_path / f"ready-{mode}-{victim}", child)
    (tmp_path / "go").write_text("go")
    wait_for(tmp_path / f"paused-{mode}-{victim}", child)
    # The child holds the write lock with the counter moved (and, in the second case, the
    # invoice updated and its PDF written): kill -9, nothing of it may survive.
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert rows(db_path) == before
    assert counter(db_path) == 1
    if str(db_path).endswith(".sqlite3"):
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert issuing.issue_document(business, victim)[0] == "F-2026-00002"
    assert issuing.issue_document(business, third)[0] == "F-2026-00003"
    detail = documents.get_document(business, victim)
    assert detail.status == Status.ISSUED and detail.has_pdf


def test_each_kind_and_year_has_its_own_sequence(business, helene, clock):
    quote, _ = documents.create_quote(business, helene)
    order, _ = documents.create_order(business, helene)
    [invoice] = drafts(business, helene, 1)
    assert [documents.get_document(business, i).number for i in (quote, order)] == [
        "D-2026-00001", "C-2026-00001"]
    assert issuing.issue_document(business, invoice)[0] == "F-2026-00001"
    clock.advance(datetime(2027, 1, 2, tzinfo=UTC) - clock.now())
    [next_year] = drafts(business, helene, 1)
    assert issuing.issue_document(business, next_year)[0] == "F-2027-00001"
    quote_2027, _ = documents.create_quote(business, helene)
    assert documents.get_document(business, quote_2027).number == "D-2027-00001"
    # Invoices dated back into 2026 after 2027 started would break the chronology.
    [late] = drafts(business, helene, 1)
    with pytest.raises(Exception, match="date_before_last"):
        issuing.issue_document(business, late, on=datetime(2026, 12, 31).date())


def test_find_by_number_reads_what_people_type(business, helene):
    [invoice] = drafts(business, helene, 1)
    issuing.issue_document(business, invoice)
    for typed in ("F-2026-00001", "f-2026-1", "F2026-00001", " f 2026 1 ", "F/2026/001"):
        assert documents.find_by_number(business, typed) == invoice
    for typed in ("F-2026-00002", "X-2026-1", "2026-1", "", "facture"):
        assert documents.find_by_number(business, typed) is None


@given(st.sampled_from(list(DocumentKind)), st.integers(2000, 2999), st.integers(1, 99_999))
def test_numbers_read_back_as_written(kind, year, value):
    text = numbering.format_number(kind, year, value)
    assert numbering.parse_number(text) == (kind, year, value)
    assert numbering.parse_number(text.lower().replace("-", " ")) == (kind, year, value)
