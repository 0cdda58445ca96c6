"""Plain-text helpers: word counts, paragraphs, and UTF-16 <-> code-point offset conversion.

Qt positions count UTF-16 code units; Python strings count code points. Characters outside the Basic
Multilingual Plane (most emoji) take two UTF-16 units but one code point, so offsets must be converted.
"""

from __future__ import annotations

import bisect
import re

__all__ = [
    "word_count",
    "utf16_len",
    "cp_to_utf16",
    "utf16_to_cp",
    "Utf16Map",
    "paragraphs",
    "paragraph_offsets",
    "normalize_newlines",
]


# Longest slice one ``str.split`` call counts at once: each call holds the interpreter lock throughout, and a
# whole chapter in one call (11 ms for 700 KB) on a background thread stalls the GUI thread's next keystroke.
WORD_COUNT_SLICE = 16_384
_WHITESPACE = re.compile(r"\s")  # the same characters as str.isspace(), which str.split() cuts at


# ASCII text is counted without making a string per word: every whitespace byte becomes " ", every other byte "w",
# and a word starts wherever " w" occurs (or at a leading "w"). Same whitespace as str.isspace() in ASCII.
_ASCII_WORD_MAP = bytes(0x20 if chr(code).isspace() else 0x77 for code in range(256))


def _slice_words(piece: str) -> int:
    """``len(piece.split())``, without a string per word when ``piece`` is ASCII."""
    if not piece.isascii():
        return len(piece.split())
    marks = piece.encode("ascii").translate(_ASCII_WORD_MAP)
    return marks.count(b" w") + (marks[:1] == b"w")


def word_count(text: str) -> int:
    """Count words as whitespace-separated tokens (``len(text.split())``), in slices cut at whitespace."""
    length = len(text)
    if length <= WORD_COUNT_SLICE:
        return len(text.split())
    total = 0
    start = 0
    while start < length:
        cut = _WHITESPACE.search(text, start + WORD_COUNT_SLICE) if start + WORD_COUNT_SLICE < length else None
        end = cut.start() if cut is not None else length
        total += _slice_words(text[start:end])
        start = end
    return total


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


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Convert many offsets of one string between code points and UTF-16 units, in O(log n) each."""

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # Code-point indexes of characters that need two UTF-16 units; none in pure BMP text (almost all prose).
        self._astral: list[int] = [] if _is_ascii_bmp(text) else [m.start() for m in _ASTRAL.finditer(text)]

    def to_utf16(self, cp_index: int) -> int:
        """UTF-16 index of code point ``cp_index``."""
        if not self._astral:
            return cp_index
        return cp_index + bisect.bisect_left(self._astral, cp_index)

    def to_cp(self, u16_index: int) -> int:
        """Code-point index of UTF-16 unit ``u16_index`` (inside a surrogate pair -> after it)."""
        if not self._astral:
            return u16_index
        # A code point at index i starts at UTF-16 unit i + (number of astral chars before i).
        lo, hi = 0, u16_index
        while lo < hi:
            mid = (lo + hi) // 2
            if mid + bisect.bisect_left(self._astral, mid) < u16_index:
                lo = mid + 1
            else:
                hi = mid
        return lo


def utf16_to_cp(s: str, u16_index: int) -> int:
    """Convert a UTF-16 unit index into ``s`` to a code-point index (inside a surrogate pair -> after it)."""
    if u16_index <= 0:
        return 0
    return min(Utf16Map(s).to_cp(u16_index), len(s))


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
