"""Guard against this PySide6 build's reference leaks before any checking code emits signals.

PySide6 6.12 on CPython 3.11 returns borrowed ``None`` from void calls (handled by ``writer_app.ui.qt_compat``)
and borrowed ``True`` from ``Signal.emit()``: each emit lowers True's reference count by one until the
interpreter aborts with "bool_dealloc". Checking emits many signals, so True gets the same protection.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_BOOST = 1 << 46
_done = False


def _emit_drops_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 16


def ensure_bools_are_safe() -> None:
    """Make True and False effectively immortal when emits leak their references (idempotent)."""
    global _done
    if _done or sys.version_info >= (3, 12):
        _done = True
        return
    _done = True
    try:
        import writer_app.ui.qt_compat  # noqa: F401 - the None guard
    except ImportError:  # pragma: no cover - GUI helper's module missing
        pass
    if _emit_drops_true():
        for value in (True, False):
            ctypes.c_ssize_t.from_address(id(value)).value += _BOOST
        log.info("PySide6 drops references to True on emit; compensated")


ensure_bools_are_safe()
