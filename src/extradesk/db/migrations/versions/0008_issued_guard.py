"""Issued documents protected by the database itself, and chained by hash.

Triggers abort any change to an issued invoice's, deposit invoice's or credit note's frozen
columns, lines, options and stored PDF, and any change to the chain; `issued_chain` links
every issued document to the previous one (core.chain). Existing issued documents are
chained here in the order they were issued.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import hashlib
from datetime import date

import sqlalchemy as sa
from alembic import op

from extradesk.core.chain import GENESIS, link_hash
from extradesk.db import pg_ddl

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ISSUED_KINDS = "('facture', 'acompte', 'avoir')"
# What the printed, numbered document says. Not frozen: status (payments), version and
# updated_at, and the classification an office may tidy up later (journal, origin, author,
# an ouvrage deleted or merged) — the stored PDF keeps what was printed.
FROZEN_COLUMNS = ("kind", "number", "client_id", "issue_date", "validity_date", "due_date",
                  "source_id", "subject", "notes", "net", "vat", "gross", "deposits",
                  "vat_breakdown", "deposit_refs", "issued_at")
MESSAGE = "extradesk: issued document is frozen"


def _issued(alias: str) -> str:
    return (f"(SELECT d.issued_at IS NOT NULL AND d.kind IN {ISSUED_KINDS} "
            f"FROM documents d WHERE d.id = {alias}.document_id)")


TRIGGERS = {
    "documents_frozen_update": f"""
        CREATE TRIGGER documents_frozen_update BEFORE UPDATE ON documents
        WHEN OLD.issued_at IS NOT NULL AND OLD.kind IN {ISSUED_KINDS} AND ({' OR '.join(
            f'NEW.{c} IS NOT OLD.{c}' for c in FROZEN_COLUMNS)})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    "documents_frozen_delete": f"""
        CREATE TRIGGER documents_frozen_delete BEFORE DELETE ON documents
        WHEN OLD.issued_at IS NOT NULL AND OLD.kind IN {ISSUED_KINDS}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    **{f"{table}_frozen_{event.lower()}": f"""
        CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table}
        WHEN {_issued('NEW' if event == 'INSERT' else 'OLD')}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
       for table in ("document_lines", "document_options")
       for event in ("INSERT", "UPDATE", "DELETE")},
    **{f"document_pdfs_frozen_{event.lower()}": f"""
        CREATE TRIGGER document_pdfs_frozen_{event.lower()} BEFORE {event} ON document_pdfs
        WHEN {_issued('OLD')}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
       for event in ("UPDATE", "DELETE")},
    **{f"issued_chain_frozen_{event.lower()}": f"""
        CREATE TRIGGER issued_chain_frozen_{event.lower()} BEFORE {event} ON issued_chain
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
       for event in ("UPDATE", "DELETE")},
}

# The same guards on PostgreSQL: (table, event, condition) per trigger name, the condition
# checked in a plpgsql function (pg_ddl.guard).
PG_GUARDS = {
    "documents_frozen_update": ("documents", "UPDATE", (
        f"OLD.issued_at IS NOT NULL AND OLD.kind IN {ISSUED_KINDS} AND ("
        + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS) + ")")),
    "documents_frozen_delete": ("documents", "DELETE",
                                f"OLD.issued_at IS NOT NULL AND OLD.kind IN {ISSUED_KINDS}"),
    **{f"{table}_frozen_{event.lower()}": (
        table, event, _issued("NEW" if event == "INSERT" else "OLD"))
       for table in ("document_lines", "document_options")
       for event in ("INSERT", "UPDATE", "DELETE")},
    **{f"document_pdfs_frozen_{event.lower()}": ("document_pdfs", event, _issued("OLD"))
       for event in ("UPDATE", "DELETE")},
    **{f"issued_chain_frozen_{event.lower()}": ("issued_chain", event, "TRUE")
       for event in ("UPDATE", "DELETE")},
}


def upgrade() -> None:
    op.create_table(
        "issued_chain",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_issued_chain_document_id_documents")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_issued_chain")),
        sa.UniqueConstraint("document_id", name=op.f("uq_issued_chain_document_id")),
    )
    _chain_existing()
    if op.get_bind().dialect.name == "sqlite":
        for sql in TRIGGERS.values():
            op.execute(sql)
    else:
        for name, (table, event, condition) in PG_GUARDS.items():
            pg_ddl.guard(name, table, event, condition, MESSAGE)


def _chain_existing() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        f"SELECT d.id, d.number, d.kind, d.issue_date, d.net, d.vat, d.gross, d.deposits, "
        f"p.pdf FROM documents d LEFT JOIN document_pdfs p ON p.document_id = d.id "
        f"WHERE d.issued_at IS NOT NULL AND d.kind IN {ISSUED_KINDS} "
        f"ORDER BY d.issued_at, d.id")).all()
    previous = GENESIS
    for doc_id, number, kind, day, net, vat, gross, deposits, pdf in rows:
        pdf_sha = hashlib.sha256(pdf).hexdigest() if pdf is not None else ""
        day = date.fromisoformat(str(day)[:10])  # SQLite gives text, PostgreSQL a date
        chained = link_hash(previous, number=number, kind=kind, issue_date=day,
                            net_cents=int(net), vat_cents=int(vat), gross_cents=int(gross),
                            deposits_cents=int(deposits), pdf_sha256=pdf_sha)
        conn.execute(sa.text(
            "INSERT INTO issued_chain (document_id, previous_hash, pdf_sha256, chain_hash) "
            "VALUES (:d, :p, :s, :h)"), {"d": doc_id, "p": previous, "s": pdf_sha, "h": chained})
        previous = chained


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, (table, _event, _condition) in PG_GUARDS.items():
            pg_ddl.drop_guard(name, table)
    op.drop_table("issued_chain")
