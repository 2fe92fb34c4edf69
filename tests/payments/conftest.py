"""Fixtures for the payments tests: a business with its legal identity, a fixed clock."""

from __future__ import annotations

import pytest
from payments_helpers import LEGAL

from extradesk.services import company


@pytest.fixture
def business(ctx):
    company.save_company(ctx, LEGAL)
    return ctx
