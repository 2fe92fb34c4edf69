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

from PySide6.QtCore import QObject, Signal

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
