"""Commercial documents: documents, lines, options, counters, frozen PDFs, company settings,
sales journals (seeded with VT Ventes).

Money columns are BIGINT counts of cents (1/10000 for unit prices, 1/1000 for quantities).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_counters",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("kind", "year", name=op.f("pk_document_counters")),
    )
    op.create_table(
        "journals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journals")),
    )
    op.create_table(
        "company_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("legal_form", sa.String(length=60), nullable=True),
        sa.Column("capital", sa.BigInteger(), nullable=True),
        sa.Column("line1", sa.String(), nullable=True),
        sa.Column("line2", sa.String(), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("website", sa.String(), nullable=True),
        sa.Column("siret", sa.String(length=20), nullable=True),
        sa.Column("rcs_rm", sa.String(), nullable=True),
        sa.Column("vat_number", sa.String(length=20), nullable=True),
        sa.Column("vat_exempt", sa.Boolean(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_name", sa.String(), nullable=True),
        sa.Column("iban", sa.String(length=40), nullable=True),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("decennial_required", sa.Boolean(), nullable=False),
        sa.Column("insurer", sa.String(), nullable=True),
        sa.Column("insurance_policy", sa.String(), nullable=True),
        sa.Column("insurance_coverage", sa.String(), nullable=True),
        sa.Column("payment_days", sa.Integer(), nullable=False),
        sa.Column("payment_terms", sa.String(), nullable=True),
        sa.Column("late_penalty", sa.String(), nullable=True),
        sa.Column("recovery_indemnity", sa.Boolean(), nullable=False),
        sa.Column("quote_validity_days", sa.Integer(), nullable=False),
        sa.Column("housing_vat_text", sa.String(), nullable=True),
        sa.Column("default_journal_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["default_journal_id"],
            ["journals.id"],
            name=op.f("fk_company_settings_default_journal_id_journals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_settings")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("ouvrage_id", sa.Integer(), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("validity_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("journal_id", sa.Integer(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("vat", sa.BigInteger(), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("deposits", sa.BigInteger(), nullable=False),
        sa.Column("vat_breakdown", sa.Text(), nullable=True),
        sa.Column("deposit_refs", sa.Text(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_documents_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_documents_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["journal_id"], ["journals.id"], name=op.f("fk_documents_journal_id_journals")
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["contact_origins.id"],
            name=op.f("fk_documents_origin_id_contact_origins"),
        ),
        sa.ForeignKeyConstraint(
            ["ouvrage_id"],
            ["ouvrages.id"],
            name=op.f("fk_documents_ouvrage_id_ouvrages"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["documents.id"], name=op.f("fk_documents_source_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            "ix_documents_client_date", ["client_id", "issue_date", "id"], unique=False
        )
        batch_op.create_index("ix_documents_date", ["issue_date", "id"], unique=False)
        batch_op.create_index("ix_documents_gross", ["gross", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_journal_id"), ["journal_id"], unique=False)
        batch_op.create_index("ix_documents_kind_date", ["kind", "issue_date", "id"], unique=False)
        batch_op.create_index("ix_documents_number", ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_documents_origin_id"), ["origin_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_ouvrage_id"), ["ouvrage_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_source_id"), ["source_id"], unique=False)
        batch_op.create_index(
            "ix_documents_status_date", ["status", "issue_date", "id"], unique=False
        )

    op.create_table(
        "document_options",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_options_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_options")),
    )
    with op.batch_alter_table("document_options", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_options_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "document_pdfs",
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_pdfs_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_pdfs")),
    )
    op.create_table(
        "document_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("description", sa.String(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column("unit", sa.String(length=12), nullable=True),
        sa.Column("unit_price", sa.BigInteger(), nullable=True),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("vat_rate", sa.BigInteger(), nullable=True),
        sa.Column("net", sa.BigInteger(), nullable=True),
        sa.Column("option_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_lines_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["document_options.id"],
            name=op.f("fk_document_lines_option_id_document_options"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_lines")),
    )
    with op.batch_alter_table("document_lines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_document_lines_document_position", ["document_id", "position"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_lines_option_id"), ["option_id"], unique=False
        )

    _seed_journals()


JOURNALS = [("VT", "Ventes")]


def _seed_journals() -> None:
    bind = op.get_bind()
    for position, (code, label) in enumerate(JOURNALS, start=1):
        bind.execute(
            sa.text(
                "INSERT INTO journals (code, label, position, active) "
                "VALUES (:code, :label, :pos, :on)"
            ),
            {"code": code, "label": label, "pos": position, "on": True},
        )


def downgrade() -> None:
    with op.batch_alter_table("document_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_lines_option_id"))
        batch_op.drop_index("ix_document_lines_document_position")

    op.drop_table("document_lines")
    op.drop_table("document_pdfs")
    with op.batch_alter_table("document_options", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_options_document_id"))

    op.drop_table("document_options")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_status_date")
        batch_op.drop_index(batch_op.f("ix_documents_source_id"))
        batch_op.drop_index(batch_op.f("ix_documents_ouvrage_id"))
        batch_op.drop_index(batch_op.f("ix_documents_origin_id"))
        batch_op.drop_index("ix_documents_number")
        batch_op.drop_index("ix_documents_kind_date")
        batch_op.drop_index(batch_op.f("ix_documents_journal_id"))
        batch_op.drop_index("ix_documents_gross")
        batch_op.drop_index("ix_documents_date")
        batch_op.drop_index("ix_documents_client_date")
        batch_op.drop_index(batch_op.f("ix_documents_author_id"))

    op.drop_table("documents")
    op.drop_table("company_settings")
    op.drop_table("journals")
    op.drop_table("document_counters")
