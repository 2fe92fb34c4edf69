"""Agenda: appointments (UTC instants + IANA zone), the users they concern, appointment types
with colours (seeded), agenda rights, CalDAV accounts, sync status rows and the sync log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPOINTMENT_TYPES = [
    ("Visite", "#3465a4"),
    ("Pose", "#4e9a06"),
    ("Entretien", "#c4a000"),
    ("SAV", "#cc0000"),
    ("Rendez-vous bureau", "#75507b"),
]


def upgrade() -> None:
    op.create_table(
        "appointment_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("color", sa.String(length=7), server_default="#3465a4", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_types")),
    )
    op.create_table(
        "agenda_rights",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("grantee_id", sa.Integer(), nullable=False),
        sa.Column("can_modify", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grantee_id"],
            ["users.id"],
            name=op.f("fk_agenda_rights_grantee_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_agenda_rights_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", "grantee_id", name=op.f("pk_agenda_rights")),
    )
    op.create_table(
        "caldav_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("calendar_url", sa.String(), nullable=True),
        sa.Column("calendar_name", sa.String(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("conflict_policy", sa.String(length=20), nullable=False),
        sa.Column("sync_token", sa.String(), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_caldav_accounts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_caldav_accounts")),
    )
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("message", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["caldav_accounts.id"],
            name=op.f("fk_sync_log_account_id_caldav_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
    )
    op.create_index(op.f("ix_sync_log_account_id"), "sync_log", ["account_id"], unique=False)

    op.create_table(
        "sync_status",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("href", sa.String(), nullable=False),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("local_revision", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["caldav_accounts.id"],
            name=op.f("fk_sync_status_account_id_caldav_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "uid", name=op.f("pk_sync_status")),
    )
    op.create_index("ix_sync_status_href", "sync_status", ["account_id", "href"], unique=False)

    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("end_utc", sa.DateTime(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("ouvrage_id", sa.Integer(), nullable=True),
        sa.Column("type_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reminder_minutes", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_appointments_client_id_clients"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_appointments_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["ouvrage_id"],
            ["ouvrages.id"],
            name=op.f("fk_appointments_ouvrage_id_ouvrages"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["type_id"],
            ["appointment_types.id"],
            name=op.f("fk_appointments_type_id_appointment_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("uid", name=op.f("uq_appointments_uid")),
    )
    op.create_index(op.f("ix_appointments_client_id"), "appointments", ["client_id"], unique=False)
    op.create_index(op.f("ix_appointments_type_id"), "appointments", ["type_id"], unique=False)

    op.create_table(
        "appointment_users",
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("end_utc", sa.DateTime(), nullable=False),
        sa.Column("is_long", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_appointment_users_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_appointment_users_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("appointment_id", "user_id", name=op.f("pk_appointment_users")),
    )
    op.create_index(
        "ix_appointment_users_user_span",
        "appointment_users",
        ["user_id", "is_long", "start_utc"],
        unique=False,
    )
    bind = op.get_bind()
    for position, (label, color) in enumerate(APPOINTMENT_TYPES, start=1):
        bind.execute(
            sa.text(
                "INSERT INTO appointment_types (label, position, active, color) "
                "VALUES (:label, :pos, :on, :color)"
            ),
            {"label": label, "pos": position, "on": True, "color": color},
        )


def downgrade() -> None:
    for table in (
        "appointment_users",
        "appointments",
        "sync_status",
        "sync_log",
        "caldav_accounts",
        "agenda_rights",
        "appointment_types",
    ):
        op.drop_table(table)
