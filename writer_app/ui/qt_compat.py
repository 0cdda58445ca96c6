"""Work around PySide6 builds that drop references to None/True/False (seen with PySide6 6.12 on CPython 3.11).

PySide6 6.12 returns ``Py_None`` from void methods, and passes ``True`` to Python-defined ``Signal(bool)``
slots, without taking a new reference; that is harmless on CPython 3.12+ where these objects are immortal.
On 3.11 every such call lowers the object's reference count, and after a few thousand calls the interpreter
aborts ("none_dealloc" / "bool_dealloc"). ``ensure_singletons_are_safe()`` gives the three singletons a
reference count so large no session can exhaust it (they are never freed anyway, so this costs nothing).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_BOOST = 1 << 46
_done = False


def ensure_singletons_are_safe() -> None:
    """Make None, True and False effectively immortal on Python < 3.12 (idempotent)."""
    global _done
    if _done:
        return
    _done = True
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _BOOST
    log.debug("boosted the reference counts of None/True/False for PySide6 on Python %s", sys.version.split()[0])


ensure_none_is_safe = ensure_singletons_are_safe

ensure_singletons_are_safe()
