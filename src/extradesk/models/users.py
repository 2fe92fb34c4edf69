"""The people of the business and their preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import UTCDateTime


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    initials: str = Field(unique=True, max_length=10)
    email: str | None = None
    mobile: str | None = None  # E.164
    color: str = Field(default="#3465a4", max_length=7)
    active: bool = True
    created_at: datetime = Field(sa_type=UTCDateTime)


class UserPreference(SQLModel, table=True):
    __tablename__ = "user_preferences"

    user_id: int = Field(
        sa_column=Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    )
    key: str = Field(primary_key=True, max_length=60)
    value: str  # JSON
