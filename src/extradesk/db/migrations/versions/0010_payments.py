"""Payments: payments and their allocations, cheque deposit slips, period closings, the
payments chain, reminder letters and their templates; journals get a kind (sales or
cash/bank) and the cash and bank journals are seeded. SQLite triggers keep entered payments,
allocations, closings, slips, letters and the chain unchanged, and refuse a payment dated in
a closed period. A partial index on documents holds the invoices still owed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from extradesk.db import pg_ddl

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MESSAGE = "extradesk: entered payment is frozen"
CLOSED = "extradesk: period closed"
# Everything a payment says; only deposit_slip_id and the cancel fields may be set, once.
FROZEN_COLUMNS = ("id", "client_id", "day", "amount", "mode", "journal_id", "reference",
                  "note", "cheque_bank", "cheque_number", "drawer", "cancels_id",
                  "created_by", "created_at")

TRIGGERS = {
    "payments_frozen_update": f"""
        CREATE TRIGGER payments_frozen_update BEFORE UPDATE ON payments
        WHEN {' OR '.join(f'NEW.{c} IS NOT OLD.{c}' for c in FROZEN_COLUMNS)}
          OR (OLD.deposit_slip_id IS NOT NULL
              AND NEW.deposit_slip_id IS NOT OLD.deposit_slip_id)
          OR ((OLD.cancelled_at IS NOT NULL OR OLD.deposit_slip_id IS NOT NULL)
              AND (NEW.cancelled_at IS NOT OLD.cancelled_at
                   OR NEW.cancelled_by IS NOT OLD.cancelled_by))
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    "payments_closed_period": f"""
        CREATE TRIGGER payments_closed_period BEFORE INSERT ON payments
        WHEN EXISTS (SELECT 1 FROM payment_closings c
                     WHERE NEW.day BETWEEN c.first_day AND c.last_day)
        BEGIN SELECT RAISE(ABORT, '{CLOSED}'); END""",
    **{f"{table}_frozen_{event.lower()}": f"""
        CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
       for table in ("payment_allocations", "payment_chain", "payment_closings",
                     "deposit_slips", "dunning_letters")
       for event in ("UPDATE", "DELETE")},
    "payments_frozen_delete": f"""
        CREATE TRIGGER payments_frozen_delete BEFORE DELETE ON payments
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
}

# The same guards on PostgreSQL: name -> (table, event, condition, message), pg_ddl.guard.
PG_GUARDS = {
    "payments_frozen_update": ("payments", "UPDATE", (
        " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS)
        + " OR (OLD.deposit_slip_id IS NOT NULL"
          " AND NEW.deposit_slip_id IS NOT OLD.deposit_slip_id)"
          " OR ((OLD.cancelled_at IS NOT NULL OR OLD.deposit_slip_id IS NOT NULL)"
          " AND (NEW.cancelled_at IS NOT OLD.cancelled_at"
          " OR NEW.cancelled_by IS NOT OLD.cancelled_by))"), MESSAGE),
    "payments_closed_period": ("payments", "INSERT", (
        "EXISTS (SELECT 1 FROM payment_closings c"
        " WHERE NEW.day BETWEEN c.first_day AND c.last_day)"), CLOSED),
    **{f"{table}_frozen_{event.lower()}": (table, event, "TRUE", MESSAGE)
       for table in ("payment_allocations", "payment_chain", "payment_closings",
                     "deposit_slips", "dunning_letters")
       for event in ("UPDATE", "DELETE")},
    "payments_frozen_delete": ("payments", "DELETE", "TRUE", MESSAGE),
}


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(column: str, table: str, **kw) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], **kw)


def upgrade() -> None:
    with op.batch_alter_table("journals") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=12), nullable=False,
                                   server_default="vente"))
    conn = op.get_bind()
    last = conn.execute(sa.text("SELECT COALESCE(MAX(position), 0) FROM journals")).scalar()
    for offset, (code, label) in enumerate((("CA", "Caisse"), ("BQ", "Banque")), start=1):
        conn.execute(sa.text(
            "INSERT INTO journals (code, label, position, active, kind) "
            "VALUES (:c, :l, :p, :a, 'tresorerie')"),
            {"c": code, "l": label, "p": last + offset, "a": True})

    op.create_table(
        "deposit_slips", _id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=True),
        sa.Column("bank", sa.String(), nullable=True),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("journal_id", "journals", name=op.f("fk_deposit_slips_journal_id_journals")),
        _fk("created_by", "users", name=op.f("fk_deposit_slips_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposit_slips")),
    )
    op.create_table(
        "payments", _id(),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("cheque_bank", sa.String(), nullable=True),
        sa.Column("cheque_number", sa.String(length=30), nullable=True),
        sa.Column("drawer", sa.String(), nullable=True),
        sa.Column("cancels_id", sa.Integer(), nullable=True),
        sa.Column("cancelled_by", sa.Integer(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("deposit_slip_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("client_id", "clients", name=op.f("fk_payments_client_id_clients")),
        _fk("journal_id", "journals", name=op.f("fk_payments_journal_id_journals")),
        _fk("cancels_id", "payments", name=op.f("fk_payments_cancels_id_payments")),
        _fk("cancelled_by", "users", name=op.f("fk_payments_cancelled_by_users")),
        _fk("deposit_slip_id", "deposit_slips",
            name=op.f("fk_payments_deposit_slip_id_deposit_slips")),
        _fk("created_by", "users", name=op.f("fk_payments_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("cancels_id", name=op.f("uq_payments_cancels_id")),
    )
    op.create_index("ix_payments_client_day", "payments", ["client_id", "day", "id"])
    op.create_index("ix_payments_day", "payments", ["day", "id"])
    op.create_index("ix_payments_undeposited", "payments", ["mode", "deposit_slip_id", "day"])
    op.create_index("ix_payments_deposit_slip_id", "payments", ["deposit_slip_id"])
    op.create_table(
        "payment_allocations", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("credit_note_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(payment_id IS NULL) <> (credit_note_id IS NULL)",
                           name=op.f("ck_payment_allocations_one_source")),
        _fk("document_id", "documents",
            name=op.f("fk_payment_allocations_document_id_documents")),
        _fk("payment_id", "payments", name=op.f("fk_payment_allocations_payment_id_payments")),
        _fk("credit_note_id", "documents",
            name=op.f("fk_payment_allocations_credit_note_id_documents")),
        _fk("created_by", "users", name=op.f("fk_payment_allocations_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_allocations")),
    )
    op.create_index("ix_payment_allocations_document", "payment_allocations",
                    ["document_id", "amount"])
    op.create_index("ix_payment_allocations_payment_id", "payment_allocations", ["payment_id"])
    op.create_index("ix_payment_allocations_credit_note_id", "payment_allocations",
                    ["credit_note_id"])
    op.create_table(
        "payment_closings", _id(),
        sa.Column("period", sa.String(length=6), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("totals", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        _fk("closed_by", "users", name=op.f("fk_payment_closings_closed_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_closings")),
    )
    op.create_index("ix_payment_closings_period", "payment_closings", ["period", "first_day"],
                    unique=True)
    op.create_index("ix_payment_closings_days", "payment_closings", ["first_day", "last_day"])
    op.create_table(
        "payment_chain",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("closing_id", sa.Integer(), nullable=True),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        _fk("payment_id", "payments", name=op.f("fk_payment_chain_payment_id_payments")),
        _fk("closing_id", "payment_closings",
            name=op.f("fk_payment_chain_closing_id_payment_closings")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_payment_chain")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_payment_chain_payment_id")),
        sa.UniqueConstraint("closing_id", name=op.f("uq_payment_chain_closing_id")),
    )
    open_invoices = sa.text("status IN ('emise', 'payee_partiellement') "
                            "AND kind IN ('facture', 'acompte')")
    op.create_index("ix_documents_open", "documents",
                    ["due_date", "client_id", "gross", "deposits", "number", "issue_date", "kind"],
                    sqlite_where=open_invoices, postgresql_where=open_invoices)
    op.create_table(
        "dunning_letters", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("document_id", "documents", name=op.f("fk_dunning_letters_document_id_documents")),
        _fk("outbox_id", "outbox", name=op.f("fk_dunning_letters_outbox_id_outbox"),
            ondelete="SET NULL"),
        _fk("created_by", "users", name=op.f("fk_dunning_letters_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dunning_letters")),
    )
    op.create_index("ix_dunning_letters_document", "dunning_letters", ["document_id", "level"])
    op.create_table(
        "dunning_templates",
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("level", name=op.f("pk_dunning_templates")),
    )
    if conn.dialect.name == "sqlite":
        for sql in TRIGGERS.values():
            op.execute(sql)
    else:
        for name, (table, event, condition, message) in PG_GUARDS.items():
            pg_ddl.guard(name, table, event, condition, message)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, (table, _event, _condition, _message) in PG_GUARDS.items():
            pg_ddl.drop_guard(name, table)
    op.drop_index("ix_documents_open", table_name="documents")
    for table in ("dunning_templates", "dunning_letters", "payment_chain", "payment_closings",
                  "payment_allocations", "payments", "deposit_slips"):
        op.drop_table(table)
    op.execute("DELETE FROM journals WHERE kind = 'tresorerie' AND id NOT IN "
               "(SELECT journal_id FROM documents WHERE journal_id IS NOT NULL)")
    with op.batch_alter_table("journals") as batch:
        batch.drop_column("kind")
