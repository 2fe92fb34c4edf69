"""The chain of issued documents (core.chain): a link appended in the issuing transaction,
and `verify`, which recomputes every link from the documents and their stored PDFs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

from extradesk.core.chain import GENESIS, link_hash
from extradesk.services.context import Context

ISSUED_KINDS = ("facture", "acompte", "avoir")
_DOC = text(
    "SELECT d.number, d.kind, d.issue_date, d.net, d.vat, d.gross, d.deposits, p.pdf "
    "FROM documents d LEFT JOIN document_pdfs p ON p.document_id = d.id WHERE d.id = :id")
_LAST = text("SELECT chain_hash FROM issued_chain ORDER BY seq DESC LIMIT 1")
_INSERT = text("INSERT INTO issued_chain (document_id, previous_hash, pdf_sha256, chain_hash) "
               "VALUES (:d, :p, :s, :h)")


def _link(previous: str, row, *, pdf_at_issue: bool = True) -> tuple[str, str]:
    """(pdf hash, chain hash) of a document row as _DOC reads it; amounts are raw cents.
    `pdf_at_issue` False: the document had no stored PDF when it was chained (issued before
    the chain existed); the PDF its first print stored later is not part of its link."""
    number, kind, day, net, vat, gross, deposits, pdf = row
    pdf_sha = hashlib.sha256(pdf).hexdigest() if pdf is not None and pdf_at_issue else ""
    chained = link_hash(previous, number=number, kind=kind,
                        issue_date=date.fromisoformat(str(day)[:10]), net_cents=int(net),
                        vat_cents=int(vat), gross_cents=int(gross),
                        deposits_cents=int(deposits), pdf_sha256=pdf_sha)
    return pdf_sha, chained


def append(conn: Connection, document_id: int) -> str:
    """Chain a document just issued, inside the issuing (write) transaction; returns its
    link. The write lock the transaction holds keeps two PCs from chaining at once."""
    previous = conn.execute(_LAST).scalar() or GENESIS
    pdf_sha, chained = _link(previous, conn.execute(_DOC, {"id": document_id}).one())
    conn.execute(_INSERT, {"d": document_id, "p": previous, "s": pdf_sha, "h": chained})
    return chained


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_number: str | None = None  # the first document whose link does not hold
    reason: str | None = None  # a message id: chain.altered, chain.missing, chain.order

    @property
    def ok(self) -> bool:
        return self.broken_number is None


def verify(ctx: Context) -> ChainReport:
    """Recompute every link in order; name the first document whose link does not hold
    (its content or PDF changed, a link was removed or reordered, or an issued document
    has no link at all)."""
    with ctx.db.engine.connect() as conn:
        links = conn.execute(text(
            "SELECT c.document_id, c.previous_hash, c.chain_hash, d.number, c.pdf_sha256 "
            "FROM issued_chain c LEFT JOIN documents d ON d.id = c.document_id "
            "ORDER BY c.seq")).all()
        previous = GENESIS
        for count, (doc_id, stored_previous, stored_hash, number, pdf_sha) in enumerate(links):
            if stored_previous != previous:
                return ChainReport(count, number or f"#{doc_id}", "chain.order")
            row = conn.execute(_DOC, {"id": doc_id}).first()
            if row is None or _link(previous, row, pdf_at_issue=bool(pdf_sha))[1] != stored_hash:
                return ChainReport(count, number or f"#{doc_id}", "chain.altered")
            previous = stored_hash
        unchained = conn.execute(text(
            "SELECT d.number FROM documents d LEFT JOIN issued_chain c ON c.document_id = d.id "
            "WHERE d.issued_at IS NOT NULL AND d.kind IN ('facture', 'acompte', 'avoir') "
            "AND c.seq IS NULL ORDER BY d.issued_at, d.id LIMIT 1")).scalar()
        if unchained is not None:
            return ChainReport(len(links), unchained, "chain.missing")
    return ChainReport(len(links))
