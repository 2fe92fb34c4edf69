"""Naive baselines of the accountant's exports, and the commercial export over a million
documents (a copy of a demo database whose documents are repeated). Used by
bench_exports.py."""

from __future__ import annotations

import resource
import shutil
import sqlite3
import tempfile
import time
import tracemalloc
from collections import defaultdict
from decimal import Decimal
from pathlib import Path


def naive_commercial(ctx, query) -> Decimal:
    """Every document as an ORM entity, its client fetched, its deposits and payments looked
    up one query at a time; returns the revenue HT of its invoices, deposits and notes."""
    import json

    from sqlmodel import Session, func, select

    from extradesk.models import Client, Document, PaymentAllocation

    total = Decimal(0)
    with Session(ctx.db.engine) as session:
        for doc in session.exec(select(Document).where(
                Document.issue_date >= query.start, Document.issue_date <= query.end)).all():
            session.get(Client, doc.client_id)
            if doc.kind in ("facture", "acompte") and doc.issued_at is not None:
                session.exec(select(func.sum(PaymentAllocation.amount)).where(
                    PaymentAllocation.document_id == doc.id)).one()
            if doc.kind not in ("facture", "acompte", "avoir") or doc.issued_at is None:
                continue
            net = doc.net
            for ref in json.loads(doc.deposit_refs or "[]"):
                net -= session.get(Document, ref["id"]).net
            total += -net if doc.kind == "avoir" else net
    return total


def naive_families(ctx, query) -> Decimal:
    """Every line as an ORM entity with its document; deposits deducted line by line."""
    import json

    from sqlmodel import Session, select

    from extradesk.models import Document, DocumentLine

    by_family: dict[str | None, Decimal] = defaultdict(Decimal)
    deducted: set[int] = set()
    with Session(ctx.db.engine) as session:
        for line in session.exec(select(DocumentLine)).all():
            doc = session.get(Document, line.document_id)
            if (doc.kind not in ("facture", "acompte", "avoir") or doc.issued_at is None
                    or not query.start <= doc.issue_date <= query.end or line.net is None
                    or line.option_id is not None):
                continue
            by_family[line.family_name] += -line.net if doc.kind == "avoir" else line.net
            if doc.id not in deducted:  # the deposits once per final invoice
                deducted.add(doc.id)
                for ref in json.loads(doc.deposit_refs or "[]"):
                    for dep in session.exec(select(DocumentLine).where(
                            DocumentLine.document_id == ref["id"])).all():
                        if dep.net is not None:
                            by_family[dep.family_name] -= dep.net
    return sum(by_family.values(), Decimal(0))


def naive_receipts(ctx, query) -> Decimal:
    from sqlmodel import Session, select

    from extradesk.models import Journal, Payment

    total = Decimal(0)
    with Session(ctx.db.engine) as session:
        for payment in session.exec(select(Payment)).all():
            if query.start <= payment.day <= query.end:
                if payment.journal_id:
                    session.get(Journal, payment.journal_id)
                total += payment.amount
    return total


def _inflate(source: Path, target: Path, rows: int) -> int:
    """Copy `source` and repeat its documents (header rows only) until there are `rows`."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    have = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    columns = [r[1] for r in conn.execute("PRAGMA table_info(documents)") if r[1] != "id"]
    listed = ", ".join(columns)
    picked = ", ".join("number || '-' || :k" if c == "number" else c for c in columns)
    round_ = 0
    while have < rows:
        round_ += 1
        conn.execute(f"INSERT INTO documents ({listed}) SELECT {picked} FROM documents "
                     f"WHERE id <= :last LIMIT :n", {"k": round_, "last": 10 ** 9,
                                                    "n": rows - have})
        have = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.commit()
    conn.close()
    return have


def million_rows(source: Path, rows: int) -> None:
    from datetime import date

    from extradesk.services.context import open_context
    from extradesk.services.exports import saving
    from extradesk.services.exports.model import ExportQuery

    folder = Path(tempfile.mkdtemp())
    big = folder / f"commercial-{rows}.sqlite3"
    t0 = time.perf_counter()
    count = _inflate(source, big, rows)
    print(f"\nbuilt {big.name}: {count:,} documents in {time.perf_counter() - t0:.1f} s")
    ctx, _ = open_context(big)
    query = ExportQuery(date(2000, 1, 1), date(2100, 12, 31))
    for xlsx in (False, True):
        out = folder / ("commercial.xlsx" if xlsx else "commercial.csv")
        t0, c0 = time.perf_counter(), time.process_time()
        _table, written = saving.save_export(ctx, "commercial", query=query, path=out, xlsx=xlsx)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"commercial {'xlsx' if xlsx else 'csv '} {written:,} rows: {wall:.1f} s "
              f"(CPU {cpu:.1f} s), {out.stat().st_size / 1e6:.0f} MB")
    tracemalloc.start()
    saving.save_export(ctx, "commercial", query=query, path=folder / "again.csv")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"commercial csv peak Python memory (traced run): {peak / 1e6:.1f} MB; "
          f"process peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    ctx.db.dispose()
    shutil.rmtree(folder)
