"""QtGui support for the PDF writer: a QGuiApplication when none runs, and a probe-first reference guard.

Some PySide6 builds (6.12.0 on CPython 3.11) return ``None``/``True`` without a new reference, so a long export
would eventually abort the interpreter. The project pins PySide6 < 6.12, where this does not happen, so nothing
is changed blindly: :func:`ensure_singletons_are_safe` defers to the GUI's guard when it is already loaded
(``writer_app.ui.qt_compat``; never imported from here), otherwise probes the installed build once and only
guards when references actually leak. (The lead plans to move the GUI guard to ``writer_app.qt_compat``; this
module then becomes a one-line import.)
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import Any

log = logging.getLogger(__name__)

_PROBE_CALLS = 300
_BOOST = 1 << 46
_result: bool | None = None


def references_leak(calls: int = _PROBE_CALLS) -> bool:
    """True if the installed PySide6 loses a reference to None on each void call (checked by a probe)."""
    if sys.version_info >= (3, 12):
        return False  # immortal singletons: nothing to lose
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")  # a void method: returns None
    lost = before - sys.getrefcount(None)
    return lost >= calls // 2  # a sound build loses none; a leaky one about one per call


def ensure_singletons_are_safe() -> bool:
    """Guard None/True/False only if this PySide6 leaks their references; returns whether a guard is on."""
    global _result
    if _result is not None:
        return _result
    gui_guard = sys.modules.get("writer_app.ui.qt_compat")  # loaded by the GUI: reuse its decision
    if gui_guard is not None and hasattr(gui_guard, "ensure_singletons_are_safe"):
        _result = bool(gui_guard.ensure_singletons_are_safe())
        return _result
    _result = references_leak()
    if _result:
        import PySide6

        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += _BOOST
        log.warning("PySide6 %s drops references to None/True/False on Python %s; guarding them "
                    "(install a PySide6 version without this bug)", PySide6.__version__, sys.version.split()[0])
    else:
        log.debug("PySide6 keeps its references to None; no guard needed")
    return _result


guard_none_refcount = ensure_singletons_are_safe  # the name the PDF writer used before


def ensure_gui_application() -> Any:
    """Return the running Qt application, creating an offscreen QGuiApplication if there is none."""
    ensure_singletons_are_safe()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app
