"""QtGui support for the PDF writer: a QGuiApplication when none runs, and PySide6's None-reference bug.

PySide6 6.12 on CPython 3.11 returns ``None`` from void methods without a new reference; a long export makes
hundreds of thousands of such calls and would abort the interpreter ("none_dealloc"). The export layer must
not import ``writer_app.ui`` (where the GUI has the same guard), so it compensates here once, the same way:
when the bug is detected, None gets a reference count no session can exhaust.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import Any

log = logging.getLogger(__name__)

_BOOST = 1 << 46
_guarded = False


def guard_none_refcount() -> None:
    """Compensate PySide6 builds that drop a reference to None on every void call (idempotent)."""
    global _guarded
    if _guarded:
        return
    _guarded = True
    if sys.version_info >= (3, 12):
        return
    from PySide6.QtCore import QPointF

    point = QPointF(0.0, 0.0)
    before = sys.getrefcount(None)
    for _ in range(16):
        point.setX(1.0)
    if sys.getrefcount(None) <= before - 16:
        ctypes.c_ssize_t.from_address(id(None)).value += _BOOST
        log.info("PySide6 drops references to None on void calls; compensated")


def ensure_gui_application() -> Any:
    """Return the running Qt application, creating an offscreen QGuiApplication if there is none."""
    guard_none_refcount()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app
