"""The e-invoicing reform's mentions and the building trade's cases: a client's SIREN and VAT
number, an invoice's operation category, date of service or delivery, reverse-charge flag,
progress of a facture de situation (JSON), and retenue de garantie (percent, amount, release date, and how it was released), the
company's option for VAT on debits. Issued documents keep what they print frozen.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

ISSUED_KINDS = "('facture', 'acompte', 'avoir')"
MESSAGE = "extradesk: issued document is frozen"
# 0008's frozen columns, and what this revision adds to what an issued document says.
FROZEN_0008 = ("kind", "number", "client_id", "issue_date", "validity_date", "due_date",
               "source_id", "subject", "notes", "net", "vat", "gross", "deposits",
               "vat_breakdown", "deposit_refs", "issued_at")
FROZEN = FROZEN_0008 + ("operation_category", "service_date", "reverse_charge",
                        "retention_percent", "retention_amount", "retention_release_date",
                        "progress")
# Not frozen: the release of a retention (released_on, kind, reference) happens a year later.


def _frozen_trigger(columns: tuple[str, ...]) -> str:
    return f"""
        CREATE TRIGGER documents_frozen_update BEFORE UPDATE ON documents
        WHEN OLD.issued_at IS NOT NULL AND OLD.kind IN {ISSUED_KINDS} AND ({' OR '.join(
            f'NEW.{c} IS NOT OLD.{c}' for c in columns)})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""


def upgrade() -> None:
    # Plain ADD COLUMN, no batch copy: on SQLite a table copy would drop 0008's triggers.
    op.add_column("clients", sa.Column("siren", sa.String(length=9), nullable=True))
    op.add_column("clients", sa.Column("vat_number", sa.String(length=20), nullable=True))
    op.add_column("documents", sa.Column("operation_category", sa.String(length=12),
                                         nullable=True))
    op.add_column("documents", sa.Column("service_date", sa.Date(), nullable=True))
    op.add_column("documents", sa.Column("reverse_charge", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.add_column("documents", sa.Column("progress", sa.Text(), nullable=True))  # situations
    op.add_column("documents", sa.Column("retention_percent", sa.BigInteger(), nullable=True))
    op.add_column("documents", sa.Column("retention_amount", sa.BigInteger(), nullable=True))
    op.add_column("documents", sa.Column("retention_release_date", sa.Date(), nullable=True))
    op.add_column("documents", sa.Column("retention_released_on", sa.Date(), nullable=True))
    op.add_column("documents", sa.Column("retention_release_kind", sa.String(length=12),
                                         nullable=True))
    op.add_column("documents", sa.Column("retention_release_ref", sa.String(length=120),
                                         nullable=True))
    op.add_column("company_settings", sa.Column("vat_on_debits", sa.Boolean(), nullable=False,
                                                server_default=sa.false()))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS documents_frozen_update")
        op.execute(_frozen_trigger(FROZEN))
    # PostgreSQL: the issued-document guard comes with multi-PC support (no trigger yet).


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS documents_frozen_update")
        op.execute(_frozen_trigger(FROZEN_0008))
    op.drop_column("company_settings", "vat_on_debits")
    for name in ("retention_release_ref", "retention_release_kind", "retention_released_on",
                 "retention_release_date", "retention_amount", "retention_percent", "progress"):
        op.drop_column("documents", name)
    op.drop_column("documents", "reverse_charge")
    op.drop_column("documents", "service_date")
    op.drop_column("documents", "operation_category")
    op.drop_column("clients", "vat_number")
    op.drop_column("clients", "siren")
