"""Work around PySide6 builds that drop a reference to ``None`` on every void call (Python < 3.12).

PySide6 6.12 on CPython 3.11 returns ``Py_None`` from void methods without a new reference (harmless on 3.12+
where None is immortal). Each call then lowers None's reference count by one, and after a few thousand Qt calls
the interpreter aborts with "none_dealloc". ``ensure_none_is_safe()`` detects the bug once and, if present,
gives None a reference count so large that no session can exhaust it.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_BOOST = 1 << 46
_checked = False


def _void_call_drops_none() -> bool:
    from PySide6.QtCore import QPointF

    point = QPointF(0.0, 0.0)
    before = sys.getrefcount(None)
    for _ in range(16):
        point.setX(1.0)
    return sys.getrefcount(None) <= before - 16


def ensure_none_is_safe() -> None:
    """Make None effectively immortal when this PySide6 build leaks its references (idempotent)."""
    global _checked
    if _checked or sys.version_info >= (3, 12):
        _checked = True
        return
    _checked = True
    if _void_call_drops_none():
        ctypes.c_ssize_t.from_address(id(None)).value += _BOOST
        log.info("PySide6 drops references to None on void calls; compensated")


ensure_none_is_safe()
