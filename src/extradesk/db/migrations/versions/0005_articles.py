"""Article base: sales accounts (seeded, 707900 "Articles à classer" as the waiting account),
two-level article families, articles with their search indexes, notices stored by content
hash, and contact fields on suppliers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from extradesk.db import pg_ddl

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# (code, label, waiting): the sales accounts a small trade business uses (PCG class 70).
ACCOUNTS = [
    ("704000", "Travaux", False),
    ("706000", "Prestations de services", False),
    ("707000", "Ventes de marchandises", False),
    ("707900", "Articles à classer", True),
    ("708500", "Ports et frais accessoires facturés", False),
]

# Same pair as the clients' (0001/0003): trigram for "contains" on 3+ characters, word
# prefixes for "starts with" and 1-2 characters. Folded in Python (codes, labels, refs).
SEARCH_TABLES = {
    "article_fts_tri": "tokenize='trigram'",
    "article_fts_word": "tokenize='unicode61', prefix='1 2 3 4 5 6'",
}


def _reference_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "accounting_accounts",
        *_reference_columns(),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("waiting", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounting_accounts")),
    )
    op.create_index("ix_accounting_accounts_code", "accounting_accounts", ["code"], unique=True)

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"], unique=True)

    op.create_table(
        "article_families",
        *_reference_columns(),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("vat_rate", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounting_accounts.id"],
            name=op.f("fk_article_families_account_id_accounting_accounts")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["article_families.id"],
            name=op.f("fk_article_families_parent_id_article_families"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_families")),
    )
    op.create_index(op.f("ix_article_families_account_id"), "article_families", ["account_id"])
    op.create_index(op.f("ix_article_families_parent_id"), "article_families", ["parent_id"])

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("code_key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("sort_label", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("unit", sa.String(length=12), nullable=True),
        sa.Column("purchase_price", sa.BigInteger(), nullable=True),
        sa.Column("sale_price", sa.BigInteger(), nullable=True),
        sa.Column("margin", sa.BigInteger(), nullable=True),
        sa.Column("vat_rate", sa.BigInteger(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("sub_family_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("supplier_ref", sa.String(length=60), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("price_updated_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounting_accounts.id"],
                                name=op.f("fk_articles_account_id_accounting_accounts")),
        sa.ForeignKeyConstraint(["family_id"], ["article_families.id"],
                                name=op.f("fk_articles_family_id_article_families")),
        sa.ForeignKeyConstraint(["sub_family_id"], ["article_families.id"],
                                name=op.f("fk_articles_sub_family_id_article_families")),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_articles_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index("ix_articles_code_key", "articles", ["code_key"], unique=True)
    op.create_index("ix_articles_active_code", "articles", ["active", "code_key"])
    op.create_index("ix_articles_active_label", "articles", ["active", "sort_label"])
    for column in ("account_id", "family_id", "sub_family_id", "supplier_id"):
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column])

    op.create_table(
        "article_notices",
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("attachment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_article_notices_article_id_articles"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachments.id"],
                                name=op.f("fk_article_notices_attachment_id_attachments")),
        sa.PrimaryKeyConstraint("article_id", "attachment_id", name=op.f("pk_article_notices")),
    )
    op.create_index(op.f("ix_article_notices_attachment_id"), "article_notices",
                    ["attachment_id"])

    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("email", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("customer_number", sa.String(length=60), nullable=True))

    if op.get_bind().dialect.name == "sqlite":
        for name, options in SEARCH_TABLES.items():
            op.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(text, {options})")
    else:  # one pg_trgm table: contains, and starts-with by LIKE on word starts
        pg_ddl.search_table("article_fts_tri")
    bind = op.get_bind()
    for position, (code, label, waiting) in enumerate(ACCOUNTS, start=1):
        bind.execute(
            sa.text("INSERT INTO accounting_accounts (label, position, active, code, waiting) "
                    "VALUES (:label, :pos, :on, :code, :waiting)"),
            {"label": label, "pos": position, "on": True, "code": code,
             "waiting": waiting},
        )


def downgrade() -> None:
    for name in SEARCH_TABLES:
        op.execute(f"DROP TABLE IF EXISTS {name}")
    with op.batch_alter_table("suppliers", schema=None) as batch_op:
        for column in ("customer_number", "phone", "email", "contact"):
            batch_op.drop_column(column)
    for table in ("article_notices", "articles", "article_families", "attachments",
                  "accounting_accounts"):
        op.drop_table(table)
