"""Document lines remember their article, and the article's family and sales account as they
were when the line was made (the accountant's CA par famille / par compte and the FEC); the
company settings get the accountant's account numbers. Existing lines are matched to an
article by their code (case and accents ignored, as the editor finds them); lines with no
such article stay empty and count under "sans famille" and the waiting account.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from extradesk.core.search_text import fold

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Issued documents' lines are guarded by this trigger (0008); the backfill writes their first
# snapshot, so the trigger steps aside for it and comes back exactly as it was.
GUARD = "document_lines_frozen_update"


def _key(code: str | None) -> str:
    # Frozen copy of services.articles.checks.code_key as of this revision.
    return fold(code).replace(" ", "")


def upgrade() -> None:
    op.add_column("document_lines", sa.Column("article_id", sa.Integer(), nullable=True))
    op.add_column("document_lines", sa.Column("family_name", sa.String(length=300),
                                              nullable=True))
    op.add_column("document_lines", sa.Column("account_code", sa.String(length=12),
                                              nullable=True))
    op.add_column("company_settings", sa.Column("accounting", sa.Text(), nullable=True))
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    articles = {}
    for article_id, code, family, account in conn.execute(sa.text(
            "SELECT a.id, a.code, f.label, c.code FROM articles a "
            "LEFT JOIN article_families f ON f.id = a.family_id "
            "LEFT JOIN accounting_accounts c ON c.id = a.account_id")):
        articles[_key(code)] = (article_id, family, account)
    found = []
    for (code,) in conn.execute(sa.text(
            "SELECT DISTINCT code FROM document_lines WHERE code IS NOT NULL")):
        match = articles.get(_key(code))
        if match is not None:
            found.append({"code": code, "a": match[0], "f": match[1], "c": match[2]})
    if not found:
        return
    # One pass over the lines through a keyed temporary table, not one scan per code.
    conn.execute(sa.text("CREATE TEMPORARY TABLE line_articles (code VARCHAR(40) PRIMARY KEY, "
                         "article_id INTEGER, family_name VARCHAR(300), "
                         "account_code VARCHAR(12))"))
    conn.execute(sa.text("INSERT INTO line_articles VALUES (:code, :a, :f, :c)"), found)
    guard = None
    if conn.dialect.name == "sqlite":
        guard = conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name = :n"), {"n": GUARD}).scalar()
        if guard:
            conn.execute(sa.text(f"DROP TRIGGER {GUARD}"))
    conn.execute(sa.text(
        "UPDATE document_lines SET "
        "article_id = (SELECT t.article_id FROM line_articles t "
        "              WHERE t.code = document_lines.code), "
        "family_name = (SELECT t.family_name FROM line_articles t "
        "               WHERE t.code = document_lines.code), "
        "account_code = (SELECT t.account_code FROM line_articles t "
        "                WHERE t.code = document_lines.code) "
        "WHERE code IN (SELECT code FROM line_articles)"))
    if guard:
        conn.execute(sa.text(guard))
    conn.execute(sa.text("DROP TABLE line_articles"))


def downgrade() -> None:
    with op.batch_alter_table("company_settings") as batch:
        batch.drop_column("accounting")
    with op.batch_alter_table("document_lines") as batch:
        batch.drop_column("account_code")
        batch.drop_column("family_name")
        batch.drop_column("article_id")
