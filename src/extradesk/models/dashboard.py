"""The dashboard's indexes on documents (no table of its own): revenue per day, author and
origin is read off them alone, never off the documents' wide rows."""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy import text as sql_text

from extradesk.models.document import Document

_D = Document.__table__.c
# Issued invoices, deposit invoices and credit notes: every amount revenue is made of. Kind
# first: the queries say `kind IN (…)`, and the planner then takes this covering index over
# ix_documents_kind_date whether the rows are grouped by day or by origin.
REVENUE_WHERE = "issued_at IS NOT NULL AND kind IN ('facture', 'acompte', 'avoir')"
# Final invoices that deduct deposit invoices (their references are JSON in deposit_refs).
DEDUCTING_WHERE = "issued_at IS NOT NULL AND deposit_refs IS NOT NULL"

Index("ix_documents_revenue", _D.kind, _D.issue_date, _D.net, _D.author_id, _D.origin_id,
      _D.journal_id, sqlite_where=sql_text(REVENUE_WHERE),
      postgresql_where=sql_text(REVENUE_WHERE))
Index("ix_documents_deducting", _D.issue_date, _D.kind, _D.author_id, _D.origin_id,
      _D.journal_id, _D.deposit_refs, sqlite_where=sql_text(DEDUCTING_WHERE),
      postgresql_where=sql_text(DEDUCTING_WHERE))
