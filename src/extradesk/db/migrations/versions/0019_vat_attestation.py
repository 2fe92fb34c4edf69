"""Reduced-VAT attestation (10 % / 5,5 % on works in a dwelling over two years old): the day
the client signed it and the scanned file, recorded on the quote and found from the order and
invoices made from it (services.documents.attestation).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, like 0016: batch mode would copy the table on SQLite and lose the
    # 0008 guard triggers. Not frozen columns: the attestation is no printed mention.
    if op.get_bind().dialect.name == "sqlite":  # alembic cannot add a constraint there
        op.execute("ALTER TABLE documents ADD COLUMN vat_attestation_date DATE")
        op.execute("ALTER TABLE documents ADD COLUMN vat_attestation_file_id INTEGER "
                   "CONSTRAINT fk_documents_vat_attestation_file_id_attachments "
                   "REFERENCES attachments (id)")
        op.execute("ALTER TABLE documents ADD COLUMN vat_attestation_name VARCHAR(255)")
        return
    op.add_column("documents", sa.Column("vat_attestation_date", sa.Date(), nullable=True))
    op.add_column("documents", sa.Column("vat_attestation_file_id", sa.Integer(),
                                         nullable=True))
    op.add_column("documents", sa.Column("vat_attestation_name", sa.String(255),
                                         nullable=True))
    op.create_foreign_key(op.f("fk_documents_vat_attestation_file_id_attachments"),
                          "documents", "attachments", ["vat_attestation_file_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint(op.f("fk_documents_vat_attestation_file_id_attachments"),
                              type_="foreignkey")
        batch.drop_column("vat_attestation_name")
        batch.drop_column("vat_attestation_file_id")
        batch.drop_column("vat_attestation_date")
