"""Dépôts: the stock locations goods leave from (a reference list seeded with « Dépôt
principal ») and the document's depot (nullable; the user's preference fills it at creation).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "depots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_depots")),
    )
    # A bound boolean: PostgreSQL refuses a literal 1 for a boolean column.
    op.get_bind().execute(
        sa.text("INSERT INTO depots (label, position, active) VALUES (:label, 1, :on)"),
        {"label": "Dépôt principal", "on": True})
    # A plain ADD COLUMN on both backends (as 0016): batch mode would copy the table on
    # SQLite and lose the 0008 guard triggers. Not a frozen column: the depot is not printed.
    if op.get_bind().dialect.name == "sqlite":  # alembic cannot add a constraint there
        op.execute("ALTER TABLE documents ADD COLUMN depot_id INTEGER "
                   "CONSTRAINT fk_documents_depot_id_depots REFERENCES depots (id)")
        return
    op.add_column("documents", sa.Column("depot_id", sa.Integer(), nullable=True))
    op.create_foreign_key(op.f("fk_documents_depot_id_depots"), "documents", "depots",
                          ["depot_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint(op.f("fk_documents_depot_id_depots"), type_="foreignkey")
        batch.drop_column("depot_id")
    op.drop_table("depots")
