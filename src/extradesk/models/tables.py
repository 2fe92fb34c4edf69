"""SQLAlchemy Core views of the tables the start-up path reads, importable without SQLModel.

The clients list, the search box and the session (who is here, their preferences, the status
filter) only read these columns; reading them through the SQLModel classes would import
SQLModel, pydantic and the ORM (~120 ms, ~15 MB) before the first search can run. Each view
names a subset of its table's columns with the same types; tests/services/test_core_tables.py
compares them with the SQLModel tables so the two cannot drift apart. Writes go through the
SQLModel tables (their defaults and constraints), never through these views.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, TableClause, column, table

clients = table(
    "clients",
    column("id", Integer), column("last_name", String), column("first_name", String),
    column("company", String), column("status_id", Integer),
    column("billing_postal_code", String), column("billing_city", String),
    column("phone_mobile", String), column("phone_home", String), column("phone_work", String),
    column("email", String), column("email2", String), column("archived", Boolean),
    column("sort_key", String),
)

users = table(
    "users",
    column("id", Integer), column("name", String), column("initials", String),
    column("email", String), column("mobile", String), column("color", String),
    column("active", Boolean),
)

user_preferences = table(
    "user_preferences",
    column("user_id", Integer), column("key", String), column("value", String),
)


def reference_list(name: str) -> TableClause:
    """An editable reference list (client_statuses, civilities…): every one has these columns."""
    return table(name, column("id", Integer), column("label", String),
                 column("position", Integer), column("active", Boolean))


client_statuses = reference_list("client_statuses")
