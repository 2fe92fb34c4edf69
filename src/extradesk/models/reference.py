"""Reference lists the user edits and merges: civilities, statuses, origins, ouvrage types, suppliers."""

from __future__ import annotations

from extradesk.models.base import Field, SQLModel


class _ReferenceItem(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=100)
    position: int = Field(default=0)
    active: bool = Field(default=True)


class Civility(_ReferenceItem, table=True):
    __tablename__ = "civilities"


class ClientStatus(_ReferenceItem, table=True):
    __tablename__ = "client_statuses"


class ContactOrigin(_ReferenceItem, table=True):
    __tablename__ = "contact_origins"


class OuvrageType(_ReferenceItem, table=True):
    __tablename__ = "ouvrage_types"


class Supplier(_ReferenceItem, table=True):
    """A supplier: articles and catalogue lines point here; duplicates merge onto one."""

    __tablename__ = "suppliers"

    contact: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    customer_number: str | None = Field(default=None, max_length=60)  # ours, at the supplier
