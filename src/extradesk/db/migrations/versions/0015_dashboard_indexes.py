"""Two partial covering indexes on documents for the dashboard's revenue figures: the
issued revenue documents (kind, day, net, author, origin, journal) and the final invoices
that deduct deposit invoices (with their references).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

REVENUE_WHERE = "issued_at IS NOT NULL AND kind IN ('facture', 'acompte', 'avoir')"
DEDUCTING_WHERE = "issued_at IS NOT NULL AND deposit_refs IS NOT NULL"


def upgrade() -> None:
    revenue, deducting = sa.text(REVENUE_WHERE), sa.text(DEDUCTING_WHERE)
    op.create_index("ix_documents_revenue", "documents",
                    ["kind", "issue_date", "net", "author_id", "origin_id", "journal_id"],
                    sqlite_where=revenue, postgresql_where=revenue)
    op.create_index("ix_documents_deducting", "documents",
                    ["issue_date", "kind", "author_id", "origin_id", "journal_id",
                     "deposit_refs"],
                    sqlite_where=deducting, postgresql_where=deducting)


def downgrade() -> None:
    op.drop_index("ix_documents_deducting", table_name="documents")
    op.drop_index("ix_documents_revenue", table_name="documents")
