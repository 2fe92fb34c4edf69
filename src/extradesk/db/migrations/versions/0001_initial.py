"""Initial schema: users, reference lists, clients, ouvrages, search indexes.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from extradesk.db import pg_ddl

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "civilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_civilities")),
    )
    op.create_table(
        "client_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_statuses")),
    )
    op.create_table(
        "contact_origins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_origins")),
    )
    op.create_table(
        "ouvrage_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ouvrage_types")),
    )
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("initials", sa.String(length=10), nullable=False),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("mobile", sa.String(), nullable=True),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("initials", name=op.f("uq_users_initials")),
    )
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("civility_id", sa.Integer(), nullable=True),
        sa.Column("last_name", sa.String(), nullable=True),
        sa.Column("first_name", sa.String(), nullable=True),
        sa.Column("company", sa.String(), nullable=True),
        sa.Column("status_id", sa.Integer(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("billing_line1", sa.String(), nullable=True),
        sa.Column("billing_line2", sa.String(), nullable=True),
        sa.Column("billing_postal_code", sa.String(), nullable=True),
        sa.Column("billing_city", sa.String(), nullable=True),
        sa.Column("billing_country", sa.String(length=2), nullable=False),
        sa.Column("site_same_as_billing", sa.Boolean(), nullable=False),
        sa.Column("site_line1", sa.String(), nullable=True),
        sa.Column("site_line2", sa.String(), nullable=True),
        sa.Column("site_postal_code", sa.String(), nullable=True),
        sa.Column("site_city", sa.String(), nullable=True),
        sa.Column("phone_mobile", sa.String(), nullable=True),
        sa.Column("phone_home", sa.String(), nullable=True),
        sa.Column("phone_work", sa.String(), nullable=True),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("email2", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("sort_key", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["civility_id"], ["civilities.id"], name=op.f("fk_clients_civility_id_civilities")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_clients_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"], ["contact_origins.id"], name=op.f("fk_clients_origin_id_contact_origins")
        ),
        sa.ForeignKeyConstraint(
            ["status_id"], ["client_statuses.id"], name=op.f("fk_clients_status_id_client_statuses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index("ix_clients_archived_sort", ["archived", "sort_key"], unique=False)
        batch_op.create_index("ix_clients_billing_city", ["billing_city"], unique=False)
        batch_op.create_index(
            "ix_clients_billing_postal_code", ["billing_postal_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_clients_civility_id"), ["civility_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_email2"), ["email2"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_origin_id"), ["origin_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_phone_home"), ["phone_home"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_phone_mobile"), ["phone_mobile"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_phone_work"), ["phone_work"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_status_id"), ["status_id"], unique=False)

    op.create_table(
        "user_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_preferences_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "key", name=op.f("pk_user_preferences")),
    )
    op.create_table(
        "ouvrages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("type_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("line1", sa.String(), nullable=True),
        sa.Column("line2", sa.String(), nullable=True),
        sa.Column("postal_code", sa.String(), nullable=True),
        sa.Column("city", sa.String(), nullable=True),
        sa.Column("install_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_ouvrages_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["type_id"], ["ouvrage_types.id"], name=op.f("fk_ouvrages_type_id_ouvrage_types")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ouvrages")),
    )
    with op.batch_alter_table("ouvrages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ouvrages_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ouvrages_type_id"), ["type_id"], unique=False)

    _create_search_indexes()
    _seed_reference_lists()


# Two FTS5 indexes over the same accent-folded text (folded in Python: SQLite 3.40's
# trigram tokenizer cannot remove diacritics). Trigram answers "contains" for 3+ characters;
# unicode61 with prefix indexes answers "starts with" on any word, and 1-2 character input.
SEARCH_TABLES = {
    "client_fts_tri": "tokenize='trigram'",
    "client_fts_word": "tokenize='unicode61', prefix='1 2 3'",
}


def _create_search_indexes() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # One pg_trgm table serves "contains" and, by LIKE on word starts, "starts with".
        pg_ddl.search_table("client_fts_tri")
        return
    for name, options in SEARCH_TABLES.items():
        op.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(text, {options})")


REFERENCE_SEEDS = {
    "civilities": ["M.", "Mme", "M. et Mme", "Mlle", "Société", "Maître", "Docteur"],
    "client_statuses": ["Suspect", "Prospect", "Client", "Ancien client"],
    "contact_origins": [
        "Bouche à oreille",
        "Salon",
        "Site web",
        "Pages Jaunes",
        "Réseaux sociaux",
        "Recommandation client",
        "Publicité locale",
        "Chantier voisin",
        "Apporteur d'affaires",
    ],
    "ouvrage_types": [
        "Piscine",
        "Poêle à granulés",
        "Poêle à bois",
        "Cheminée",
        "Chaudière",
        "Pompe à chaleur",
        "Jardin",
        "Terrasse",
        "Salle de bains",
        "Cuisine",
        "Projet graphique",
        "Autre",
    ],
}


def _seed_reference_lists() -> None:
    bind = op.get_bind()
    for table, labels in REFERENCE_SEEDS.items():
        for position, label in enumerate(labels, start=1):
            bind.execute(
                sa.text(f"INSERT INTO {table} (label, position, active) VALUES (:label, :pos, :on)"),
                {"label": label, "pos": position, "on": True},
            )


def downgrade() -> None:
    for name in SEARCH_TABLES:
        op.execute(f"DROP TABLE IF EXISTS {name}")

    with op.batch_alter_table("ouvrages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ouvrages_type_id"))
        batch_op.drop_index(batch_op.f("ix_ouvrages_client_id"))

    op.drop_table("ouvrages")
    op.drop_table("user_preferences")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clients_status_id"))
        batch_op.drop_index(batch_op.f("ix_clients_phone_work"))
        batch_op.drop_index(batch_op.f("ix_clients_phone_mobile"))
        batch_op.drop_index(batch_op.f("ix_clients_phone_home"))
        batch_op.drop_index(batch_op.f("ix_clients_origin_id"))
        batch_op.drop_index(batch_op.f("ix_clients_email2"))
        batch_op.drop_index(batch_op.f("ix_clients_email"))
        batch_op.drop_index(batch_op.f("ix_clients_civility_id"))
        batch_op.drop_index("ix_clients_billing_postal_code")
        batch_op.drop_index("ix_clients_billing_city")
        batch_op.drop_index("ix_clients_archived_sort")

    op.drop_table("clients")
    op.drop_table("users")
    op.drop_table("suppliers")
    op.drop_table("ouvrage_types")
    op.drop_table("contact_origins")
    op.drop_table("client_statuses")
    op.drop_table("civilities")
