"""Shared by the packaging tests: the packaging files live in installer/ and resources/,
outside the package (a unique module name: test folders have no __init__.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
LINUX = ROOT / "resources" / "linux"
APP_ID = "fr.extradesk.Extradesk"


def load_installer_module(name: str):
    """installer/NAME.py as a module (installer/ is scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

