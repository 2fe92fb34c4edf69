"""Shims for known PySide6 bugs, applied once at start-up (app.create_app, the UI tests).

PySide6 6.12.0 returns `True` from `SignalInstance.emit()` and `connect()`/`disconnect()`
without taking a reference. On Python 3.12+ `True` is immortal and nothing happens; on 3.11
every emit drops one reference and the process aborts ("bool_dealloc") after a few thousand
signals, i.e. minutes into a working session. Where that bug is measured, `True` is made
immortal the way CPython 3.12 does it: its reference count is raised far out of reach.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_IMMORTAL = 1 << 40  # a trillion lost references before it could matter
_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_true() -> bool:
    """Measure the bug: does emitting a signal lose a reference to True?"""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def guard_signal_refcounts() -> bool:
    """Apply the guard when needed; returns True when it was (or had been) applied."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not emit_loses_true():
        return False
    # CPython layout: ob_refcnt is the first field of every object, at id(obj).
    ctypes.c_ssize_t.from_address(id(True)).value += _IMMORTAL
    _applied = True
    return True
