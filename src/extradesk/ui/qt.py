"""Shims for known PySide6 bugs, applied once at start-up (app.create_app, the UI tests).

PySide6 6.12.0 returns the singletons without taking a reference: `None` from every void
method (setText, appendRow, setEnabled…) and `True` from `SignalInstance.emit()` and
`connect()`. On Python 3.12+ these objects are immortal and nothing happens; on 3.11 each call
drops one reference and the process aborts ("none_dealloc", "bool_dealloc") after some
thousands of calls, i.e. minutes into a working session. Where the bug is measured, None,
True and False are made immortal the way CPython 3.12 does it: their reference counts are
raised far out of reach.
"""

from __future__ import annotations

import ctypes
import sys
import sysconfig

from PySide6.QtCore import QObject, Signal

# Packages we import that never use PySide6 (import-linter keeps Qt out of our non-UI layers).
_QT_FREE = frozenset({
    "sqlalchemy", "sqlmodel", "alembic", "pydantic", "pydantic_core", "typing_extensions",
    "annotated_types", "typing_inspection", "phonenumbers", "babel", "reportlab", "pypdf",
    "platformdirs", "keyring", "caldav", "requests", "urllib3", "icalendar", "greenlet",
    "mako", "markupsafe", "lxml", "dateutil", "certifi", "charset_normalizer", "idna",
})
_STDLIB = sysconfig.get_paths()["stdlib"]
_IMMORTAL = 1 << 40  # a trillion lost references before it could matter
_SINGLETONS = (None, True, False)
_applied = False


class _Probe(QObject):
    ping = Signal()


def singletons_leak() -> bool:
    """Measure the bug: do a void call and an emit lose references to None or True?"""
    probe = _Probe()
    before = [sys.getrefcount(o) for o in _SINGLETONS]
    for _ in range(8):
        probe.setObjectName("probe")  # returns None
        probe.ping.emit()  # returns True
    after = [sys.getrefcount(o) for o in _SINGLETONS]
    return any(a < b for a, b in zip(after, before, strict=True))


def guard_singleton_refcounts() -> bool:
    """Apply the guard when needed; returns True when it was (or had been) applied."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not singletons_leak():
        return False
    for singleton in _SINGLETONS:
        # CPython layout: ob_refcnt is the first field of every object, at id(obj).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL
    _applied = True
    return True


def _qt_free(module) -> bool:
    name = getattr(module, "__name__", None) or ""
    top = name.partition(".")[0]
    if top in _QT_FREE:
        return True
    if top == "extradesk":
        return not name.startswith(("extradesk.ui", "extradesk.app"))
    path = getattr(module, "__file__", None) or ""
    return path.startswith(_STDLIB) and "site-packages" not in path


def skip_feature_source_scan() -> bool:
    """Stop PySide6 from reading the source of every module imported after it.

    shiboken6 replaces `__import__` to support `from __feature__ import snake_case`; after
    each import it calls `_mod_uses_pyside(module)`, which is `"PySide6" in
    inspect.getsource(module)`: every file of SQLAlchemy, pydantic, phonenumbers… is read
    again and kept in linecache (~10 % of the start-up CPU, measured with py-spy). We never
    use `__feature__`, and modules known to be Qt-free get the answer at once; any other
    module is still asked the original way. Returns True when the shortcut is installed.
    """
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if scan is None or getattr(scan, "skips_qt_free", False):
        return scan is not None

    def uses_pyside(module) -> bool:
        return False if _qt_free(module) else scan(module)

    uses_pyside.skips_qt_free = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True


class GuiThreadGarbageCollector(QObject):
    """Python's cyclic garbage collector, run on the GUI thread only.

    Left automatic, a collection can start on whichever thread allocates when a threshold is
    crossed — a database worker — and free widgets caught in reference cycles (a lambda
    connected to a signal of its own widget) there: Qt deletes them off its thread and the
    process crashes. So automatic collection is off, and a timer on the GUI thread collects
    the generations whose thresholds were crossed (pyqtgraph's GarbageCollector pattern)."""

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        import gc

        from PySide6.QtCore import QTimer

        super().__init__(parent)
        self._gc = gc
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = self._gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                self._gc.collect(generation)
                return
