"""Who last changed a document: with the version every edit bumps, the second of two PCs saving
the same draft is refused with the name of the first (services.documents.drafts).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both backends: batch mode would copy the table on SQLite and lose
    # the 0008 guard triggers with the old one. Not a frozen column (0008 freezes only what
    # the printed document says).
    if op.get_bind().dialect.name == "sqlite":  # alembic cannot add a constraint there
        op.execute("ALTER TABLE documents ADD COLUMN updated_by INTEGER "
                   "CONSTRAINT fk_documents_updated_by_users REFERENCES users (id)")
        return
    op.add_column("documents", sa.Column("updated_by", sa.Integer(), nullable=True))
    op.create_foreign_key(op.f("fk_documents_updated_by_users"), "documents", "users",
                          ["updated_by"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint(op.f("fk_documents_updated_by_users"), type_="foreignkey")
        batch.drop_column("updated_by")
