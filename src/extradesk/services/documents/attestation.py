"""Reduced-VAT attestation: before invoicing works at 10 % or 5,5 % (art. 279-0 bis and
278-0 bis A CGI), the client certifies the dwelling is over two years old. It is recorded on
the quote (its date and the scanned file, kept in the notice store) and found from the order
and the invoices made from it by walking their sources."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, select, update

from extradesk.core.changes import Changes
from extradesk.core.errors import Problem, StorageError, ValidationError
from extradesk.core.workflow import DocumentKind
from extradesk.db.session import unit_of_work
from extradesk.i18n import format as fmt
from extradesk.models import Attachment
from extradesk.services.articles import notices
from extradesk.services.context import Context
from extradesk.services.documents import store

D, DC = store.D, store.DC
_T = Attachment.__table__.c
REDUCED_RATES = frozenset({Decimal("10"), Decimal("5.5")})
_NEEDS = (DocumentKind.INVOICE, DocumentKind.DEPOSIT_INVOICE)
_MAX_DEPTH = 6  # quote → order → invoice: a chain is never this long; a loop cannot hang


@dataclass(frozen=True)
class Attestation:
    document_id: int  # the document it is recorded on (the quote, usually)
    day: date
    name: str | None  # the file's name as the user gave it; None: no file kept
    path: Path | None  # where the stored file is


def reduced_rates(lines, *, reverse_charge: bool) -> list[Decimal]:
    """The reduced rates among the priced lines (none under autoliquidation)."""
    if reverse_charge:
        return []
    return sorted({line.vat_rate for line in lines if not line.is_text
                   and line.option_id is None and line.vat_rate in REDUCED_RATES})


def _row(conn: Connection, document_id: int):
    return conn.execute(select(DC.source_id, DC.vat_attestation_date,
                               DC.vat_attestation_file_id, DC.vat_attestation_name)
                        .where(DC.id == document_id)).first()


def find(conn: Connection, document_id: int) -> tuple[int, date, int | None, str | None] | None:
    """The attestation of this document or of the first of its sources that has one."""
    current: int | None = document_id
    for _ in range(_MAX_DEPTH):
        if current is None:
            return None
        row = _row(conn, current)
        if row is None:
            return None
        if row[1] is not None:
            return current, row[1], row[2], row[3]
        current = row[0]
    return None


def problems(conn: Connection, document_id: int, kind: DocumentKind, lines, *,
             reverse_charge: bool) -> list[Problem]:
    """Refuse an invoice with a line at 10 % or 5,5 % without the client's attestation."""
    if kind not in _NEEDS:
        return []
    rates = reduced_rates(lines, reverse_charge=reverse_charge)
    if not rates or find(conn, document_id) is not None:
        return []
    shown = " / ".join(fmt.decimal(r, 1 if r != r.to_integral() else 0) + " %"
                       for r in rates)
    return [Problem("vat_attestation", "mention.vat_attestation", {"rates": shown})]


def load(ctx: Context, document_id: int) -> Attestation | None:
    with ctx.db.engine.connect() as conn:
        found = find(conn, document_id)
        if found is None:
            return None
        owner, day, file_id, name = found
        sha = conn.execute(select(_T.sha256).where(_T.id == file_id)).scalar() \
            if file_id is not None else None
    return Attestation(owner, day, name if sha else None,
                       notices.stored_path(ctx, sha) if sha else None)


def record(ctx: Context, document_id: int, *, day: date, source: str | Path | None = None,
           name: str | None = None) -> Changes:
    """Record the attestation signed on `day` on this document, with its scanned file
    (copied into the notice store; the same bytes are stored once). Recording again replaces
    the date and, when a file is given, the file."""
    if day > ctx.clock.today():
        raise ValidationError([Problem("vat_attestation_date", "attestation.future")])
    sha = size = tmp = None
    if source is not None:
        source = Path(source)
        if not source.is_file() or not os.access(source, os.R_OK):
            raise ValidationError([Problem("vat_attestation", "attestation.unreadable",
                                           {"path": str(source)})])
        if source.stat().st_size > notices.MAX_SIZE:
            raise StorageError("notice.too_big", path=source.name, size=notices._size(source.stat().st_size),
                               limit=notices._size(notices.MAX_SIZE))
        sha, size, tmp = notices._copy_in(ctx, source)
    now = ctx.clock.now()
    try:
        with unit_of_work(ctx.db, write=True) as session:
            conn = session.connection()
            head = store.load_head(conn, document_id)
            values: dict = {"vat_attestation_date": day, "updated_at": now}
            if sha is not None:
                notices._place(ctx, sha, tmp)
                file_id = conn.execute(select(_T.id).where(_T.sha256 == sha)).scalar()
                if file_id is None:
                    file_id = conn.execute(Attachment.__table__.insert().values(
                        sha256=sha, size=size, created_at=now)).inserted_primary_key[0]
                values["vat_attestation_file_id"] = file_id
                values["vat_attestation_name"] = ((name or source.name).strip()[:255]
                                                  or sha[:12])
            conn.execute(update(D).where(DC.id == document_id).values(**values))
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)  # placed or dropped already, unless something failed
    return Changes(documents=frozenset({document_id}), clients=frozenset({head.client_id}))
