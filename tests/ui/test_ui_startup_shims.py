"""The start-up shortcut around PySide6's source scan of every imported module."""

import importlib
import linecache
import sys

from extradesk.ui import qt


def test_qt_free_modules_are_not_read_again_and_ui_modules_still_are():
    assert qt.skip_feature_source_scan()
    assert qt.skip_feature_source_scan()  # installing twice keeps one shortcut
    feature = sys.modules["shibokensupport.feature"]
    for name in ("extradesk.core.money", "sqlalchemy.sql", "json"):
        module = importlib.import_module(name)
        linecache.checkcache()
        linecache.cache.pop(module.__file__, None)
        assert feature._mod_uses_pyside(module) is False
        assert module.__file__ not in linecache.cache  # answered without reading the file
    ui_module = importlib.import_module("extradesk.ui.main_window")
    assert feature._mod_uses_pyside(ui_module) is True  # the original scan, for Qt code
