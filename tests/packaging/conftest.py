"""Fixtures for the packaging tests."""

from __future__ import annotations

import pytest
from packaging_support import load_installer_module


@pytest.fixture
def check_qt_libs():
    return load_installer_module("check_qt_libs")


@pytest.fixture
def bundle_trim():
    return load_installer_module("bundle_trim")
