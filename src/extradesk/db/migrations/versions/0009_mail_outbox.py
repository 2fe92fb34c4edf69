"""Mail and the outbox: SMTP accounts (per user or the company's), mail templates per kind,
the outbox of mails and SMS with their attachments.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_templates",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_mail_templates")),
    )
    op.create_table(
        "smtp_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("sender_name", sa.String(), nullable=True),
        sa.Column("sender_address", sa.String(length=254), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("security", sa.String(length=10), nullable=False),
        sa.Column("login", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_smtp_accounts_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_smtp_accounts")),
    )
    op.create_index("ix_smtp_accounts_user_id", "smtp_accounts", ["user_id"], unique=True)
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("sender", sa.String(), nullable=True),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("to_display", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("headers", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=60), nullable=True),
        sa.Column("last_error_params", sa.Text(), nullable=True),
        sa.Column("server_reply", sa.String(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["smtp_accounts.id"],
                                name=op.f("fk_outbox_account_id_smtp_accounts"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_outbox_client_id_clients"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"],
                                name=op.f("fk_outbox_created_by_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_outbox_document_id_documents"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index("ix_outbox_client", "outbox", ["client_id", "created_at"])
    op.create_index("ix_outbox_document", "outbox", ["document_id"])
    op.create_index("ix_outbox_message_id", "outbox", ["message_id"], unique=True)
    op.create_index("ix_outbox_state_due", "outbox", ["state", "next_attempt_at"])
    op.create_table(
        "outbox_attachments",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("pdf_document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["outbox.id"],
                                name=op.f("fk_outbox_attachments_item_id_outbox"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pdf_document_id"], ["document_pdfs.document_id"],
                                name=op.f("fk_outbox_attachments_pdf_document_id_document_pdfs")),
        sa.PrimaryKeyConstraint("item_id", "position", name=op.f("pk_outbox_attachments")),
    )


def downgrade() -> None:
    for table in ("outbox_attachments", "outbox", "smtp_accounts", "mail_templates"):
        op.drop_table(table)
