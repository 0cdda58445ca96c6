"""The heap around bursts of objects: the collector paused while loading, free C memory given back after.

Loading rules, the tagger and the lexicon makes tens of thousands of lasting objects and no garbage: a cyclic
collection during it only walks them again (:func:`collector_paused`). Checking a novel makes and drops millions
of small objects; the C library keeps the freed pages, so the process's resident memory stays at its peak
although Python holds far less. ``malloc_trim`` (glibc) returns them; elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import sys
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, ImportError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> None:
    """Return free heap pages to the system (cheap: a few milliseconds); safe to call from any thread."""
    trim = _malloc_trim()
    if trim is not None:
        try:
            trim(0)
        except OSError:  # pragma: no cover - a C library that refuses
            log.debug("malloc_trim failed", exc_info=True)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that loads lasting objects; it is left as it was found,
    whatever the block raises."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
