"""How often each article was sold, the ranking habits 6 and 8 use: invoice lines grouped by
code in one pass (an index walk from the invoices to their lines), matched to the article
base by the folded code in Python — tens of codes, not a query per article."""

from __future__ import annotations

from sqlalchemy import bindparam, text

from extradesk.core.documents import LineKind
from extradesk.core.workflow import DocumentKind, Status
from extradesk.services.articles.checks import code_key

SOLD = (Status.ISSUED, Status.PARTLY_PAID, Status.PAID)

_SOLD_CODES = text(
    "SELECT l.code, COUNT(*) FROM documents d "
    "JOIN document_lines l ON l.document_id = d.id "
    "WHERE d.kind = :kind AND d.status IN :states AND l.kind = :line AND l.code IS NOT NULL "
    "GROUP BY l.code"
).bindparams(bindparam("states", expanding=True))


def times_sold(conn) -> dict[str, int]:
    """{article code_key: number of issued invoice lines}."""
    counts: dict[str, int] = {}
    for code, count in conn.execute(_SOLD_CODES, {
            "kind": str(DocumentKind.INVOICE), "states": [str(s) for s in SOLD],
            "line": str(LineKind.ARTICLE)}):
        key = code_key(code)
        counts[key] = counts.get(key, 0) + count
    return counts
