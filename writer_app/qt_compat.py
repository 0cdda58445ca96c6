"""Guard against PySide6 builds that drop references to None/True/False (seen with PySide6 6.12.0 on CPython 3.11).

Such a build returns ``Py_None`` from void methods, and passes ``True`` to Python-defined ``Signal(bool)`` slots,
without taking a new reference; harmless on CPython 3.12+ where these objects are immortal, but on 3.11 every
call lowers the object's reference count and after a few thousand the interpreter aborts ("none_dealloc").
The project pins a good PySide6, so nothing is done blindly: ``ensure_singletons_are_safe()`` first probes the
installed build (a few hundred void calls and ``Signal(bool)`` emits, comparing ``sys.getrefcount``), and only
if references leak gives the three singletons a reference count no session can exhaust, with a warning that
names the PySide6 version.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

_BOOST = 1 << 46
_PROBE_CALLS = 300
_done = False
_guarded = False


def _probe_leaks(calls: int = _PROBE_CALLS) -> dict[str, int]:
    """References to None and True lost over ``calls`` void calls and ``calls`` Signal(bool) emits."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        flag = Signal(bool)

    probe = _Probe()
    seen: list[int] = []
    probe.flag.connect(lambda value: seen.append(1) if value is not True else None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(calls):
        probe.setObjectName("probe")  # a void method: returns None
    for _ in range(calls):
        probe.flag.emit(True)
    lost = {"None": none_before - sys.getrefcount(None), "True": true_before - sys.getrefcount(True)}
    probe.deleteLater()
    return lost


def references_leak() -> bool:
    """True if the installed PySide6 loses references to None/True on this interpreter (checked by a probe)."""
    if sys.version_info >= (3, 12):
        return False  # immortal singletons: nothing to lose
    lost = _probe_leaks()
    # A sound build loses none (at most a stray handful from the interpreter itself); a leaky one ~one per call.
    return max(lost.values()) >= _PROBE_CALLS // 2


def _boost() -> None:
    import ctypes  # only on a leaky build (importing it costs start-up time)

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _BOOST


def ensure_singletons_are_safe() -> bool:
    """Probe once; if PySide6 leaks singleton references, make None/True/False effectively immortal.

    Returns whether the guard is in place (idempotent).
    """
    global _done, _guarded
    if _done:
        return _guarded
    _done = True
    if not references_leak():
        log.debug("PySide6 keeps its references to None/True; no guard needed")
        return False
    import PySide6

    _boost()
    _guarded = True
    log.warning("PySide6 %s drops references to None/True/False on Python %s; guarding them against a crash "
                "(install a PySide6 version without this bug)", PySide6.__version__, sys.version.split()[0])
    return True


ensure_none_is_safe = ensure_singletons_are_safe


def spare_the_standard_library_pyside_scan() -> bool:
    """Keep PySide from reading the source of every standard-library module imported after it.

    PySide looks for ``from __feature__ import`` by reading each newly imported module's source and searching it
    for "PySide6" (``shibokensupport.feature._mod_uses_pyside``); for the ~160 modules start-up imports after Qt,
    that is a tenth of the window's own start-up time. A standard module never uses PySide, so it gets the answer
    the scan would give (False) without the reading. The app's own modules never select a feature either: they
    get True, PySide's default for a module it knows nothing about ("uses PySide, no feature"), which for a module
    without Qt code is the same as False while no module selects a feature. Other modules are still scanned.
    Returns whether the shortcut is in place (False on a PySide without that hook: nothing to spare).
    """
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if scan is None or not callable(scan):
        return False
    if getattr(scan, "spares_the_standard_library", False):
        return True
    import os

    standard = os.path.dirname(os.__file__) + os.sep

    def uses_pyside(module: object) -> bool:
        name = getattr(module, "__name__", "")
        if name == "writer_app" or name.startswith("writer_app."):
            return True
        path = getattr(module, "__file__", None) or ""
        if path.startswith(standard) and "-packages" not in path:
            return False
        return bool(scan(module))

    uses_pyside.spares_the_standard_library = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]  # noqa: SLF001
    return True


ensure_singletons_are_safe()
spare_the_standard_library_pyside_scan()
