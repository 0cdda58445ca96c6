"""Plain-text helpers: word counts, paragraphs, and UTF-16 <-> code-point offset conversion.

Qt positions count UTF-16 code units; Python strings count code points. Characters outside the Basic
Multilingual Plane (most emoji) take two UTF-16 units but one code point, so offsets must be converted.
"""

from __future__ import annotations

import bisect

__all__ = [
    "word_count",
    "utf16_len",
    "cp_to_utf16",
    "utf16_to_cp",
    "paragraphs",
    "paragraph_offsets",
    "normalize_newlines",
]


def word_count(text: str) -> int:
    """Count words as whitespace-separated tokens (``len(text.split())``)."""
    return len(text.split())


def _is_ascii_bmp(s: str) -> bool:
    """Tell whether every character fits in one UTF-16 unit (fast path)."""
    return s.isascii() or max(s, default="\0") <= "\uffff"


def utf16_len(s: str) -> int:
    """Return the length of ``s`` in UTF-16 code units (as Qt counts it)."""
    if _is_ascii_bmp(s):
        return len(s)
    return len(s.encode("utf-16-le")) // 2


def cp_to_utf16(s: str, cp_index: int) -> int:
    """Convert a code-point index into ``s`` to a UTF-16 unit index (clamped to the string)."""
    cp_index = max(0, min(cp_index, len(s)))
    return utf16_len(s[:cp_index])


def _astral_positions(s: str) -> list[int]:
    """Return the code-point indexes of characters that need two UTF-16 units."""
    return [i for i, ch in enumerate(s) if ch > "\uffff"]


def utf16_to_cp(s: str, u16_index: int) -> int:
    """Convert a UTF-16 unit index into ``s`` to a code-point index (inside a surrogate pair -> after it)."""
    if u16_index <= 0:
        return 0
    if _is_ascii_bmp(s):
        return min(u16_index, len(s))
    astral = _astral_positions(s)
    # A code point at index i starts at UTF-16 unit i + (number of astral chars before i).
    lo, hi = 0, len(s)
    while lo < hi:
        mid = (lo + hi) // 2
        if mid + bisect.bisect_left(astral, mid) < u16_index:
            lo = mid + 1
        else:
            hi = mid
    return lo


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, one per line (as the editor's blocks), newline style normalised."""
    return normalize_newlines(text).split("\n")


def paragraph_offsets(text: str) -> list[int]:
    """Return the code-point offset at which each line of ``text`` starts (parallel to ``paragraphs``)."""
    offsets = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        offsets.append(pos + 1)
        pos = find("\n", pos + 1)
    return offsets
