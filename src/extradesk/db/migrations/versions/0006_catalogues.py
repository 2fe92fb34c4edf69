"""Supplier catalogues: imports (pending until applied), lines indexed by normalised
reference, the column mapping remembered per supplier, and a trigram index over the
folded labels for "contains" searches.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from extradesk.db import pg_ddl

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("price_up", sa.Integer(), nullable=False),
        sa.Column("price_down", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_catalogue_imports_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_imports")),
    )
    op.create_index(op.f("ix_catalogue_imports_supplier_id"), "catalogue_imports",
                    ["supplier_id"])
    op.create_table(
        "catalogue_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=60), nullable=False),
        sa.Column("ref_norm", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("family", sa.String(length=100), nullable=True),
        sa.Column("sub_family", sa.String(length=100), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("purchase_price", sa.BigInteger(), nullable=True),
        sa.Column("public_price", sa.BigInteger(), nullable=True),
        sa.Column("vat_rate", sa.BigInteger(), nullable=True),
        sa.Column("ean", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["catalogue_imports.id"],
                                name=op.f("fk_catalogue_lines_import_id_catalogue_imports")),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_catalogue_lines_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_lines")),
    )
    op.create_index("ix_catalogue_lines_ref_norm", "catalogue_lines", ["ref_norm"])
    op.create_index("ix_catalogue_lines_import_ref", "catalogue_lines",
                    ["import_id", "ref_norm"])
    op.create_table(
        "catalogue_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("encoding", sa.String(length=20), nullable=False),
        sa.Column("delimiter", sa.String(length=2), nullable=False),
        sa.Column("decimal", sa.String(length=1), nullable=False),
        sa.Column("has_header", sa.Boolean(), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_catalogue_mappings_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_mappings")),
    )
    op.create_index(op.f("ix_catalogue_mappings_supplier_id"), "catalogue_mappings",
                    ["supplier_id"])
    if op.get_bind().dialect.name == "sqlite":
        # Contains-search on folded labels (3+ characters); rowid = catalogue_lines.id.
        op.execute("CREATE VIRTUAL TABLE catalogue_fts_tri USING fts5(text, "
                   "tokenize='trigram', columnsize=0)")
    else:
        pg_ddl.search_table("catalogue_fts_tri")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS catalogue_fts_tri")
    for table in ("catalogue_mappings", "catalogue_lines", "catalogue_imports"):
        op.drop_table(table)
