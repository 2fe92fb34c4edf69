"""Shared fixtures: an isolated EXTRADESK_HOME, a migrated database, a fixed clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from extradesk.core.clock import FixedClock  # noqa: E402
from extradesk.services import users  # noqa: E402
from extradesk.services.context import open_context  # noqa: E402


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """Every test gets its own data and config folders; nothing touches the real home."""
    monkeypatch.setenv("EXTRADESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 28, 9, 30, tzinfo=UTC))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "extradesk.sqlite3"


@pytest.fixture
def ctx(db_path, clock):
    context, _report = open_context(db_path, clock=clock)
    context.user_id = users.ensure_a_user(context)
    yield context
    context.db.dispose()
