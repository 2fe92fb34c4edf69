"""SQLModel with the constraint naming convention set; every table module imports it from here.

Named constraints let alembic's batch mode (SQLite) find and alter them later. The convention
is set here, not in the package's __init__, so that importing `extradesk.models` or
`extradesk.models.tables` does not import SQLModel.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

__all__ = ["Field", "SQLModel"]
