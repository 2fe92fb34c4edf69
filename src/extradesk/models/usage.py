"""What each user has used and when: the health check asks who never tried a feature."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String

from extradesk.models.base import Field, SQLModel
from extradesk.models.types import UTCDateTime


class UsageEvent(SQLModel, table=True):
    """One row per (user, feature): how many times and the last time. `user_id` is None
    for the command line, which has no user (a scheduled export still counts as used)."""

    __tablename__ = "usage_events"
    __table_args__ = (Index("ix_usage_events_what_user", "what", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=True))
    what: str = Field(sa_column=Column(String(60), nullable=False))
    count: int = 0
    first_at: datetime = Field(sa_type=UTCDateTime)
    last_at: datetime = Field(sa_type=UTCDateTime)
