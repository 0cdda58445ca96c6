"""Issue spans in Qt units: the value the worker hands back, safe to pass between threads."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from writer_app.grammar.model import Category, Issue

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class IssueSpan:
    """An issue plus its paragraph-relative span in UTF-16 units (Qt positions)."""

    start: int
    end: int
    issue: Issue

    @property
    def category(self) -> Category:
        """The issue's category."""
        return self.issue.category

    def shifted(self, delta: int) -> IssueSpan:
        """The same span moved by ``delta`` UTF-16 units."""
        return IssueSpan(self.start + delta, self.end + delta, self.issue)


class Utf16Map:
    """Convert many code-point offsets of one string to UTF-16 offsets in O(log n) each."""

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # Fast path: pure BMP text (almost all prose) maps one to one.
        self._astral: list[int] = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def to_utf16(self, cp_index: int) -> int:
        """UTF-16 index of code point ``cp_index``."""
        if not self._astral:
            return cp_index
        return cp_index + bisect.bisect_left(self._astral, cp_index)

    def to_cp(self, u16_index: int) -> int:
        """Code-point index of UTF-16 unit ``u16_index`` (inside a surrogate pair -> after it)."""
        if not self._astral:
            return u16_index
        lo, hi = 0, u16_index
        while lo < hi:
            mid = (lo + hi) // 2
            if mid + bisect.bisect_left(self._astral, mid) < u16_index:
                lo = mid + 1
            else:
                hi = mid
        return lo


def to_spans(text: str, issues: list[Issue]) -> tuple[IssueSpan, ...]:
    """Attach UTF-16 spans to code-point issues of ``text``, sorted by position."""
    mapping = Utf16Map(text)
    spans = [IssueSpan(mapping.to_utf16(i.start), mapping.to_utf16(i.end), i) for i in issues]
    spans.sort(key=lambda s: (s.start, s.end))
    return tuple(spans)


def text_key(text: str) -> tuple[int, int]:
    """A cheap identity of a paragraph's text (length and hash) used to cache results without keeping text."""
    return (len(text), hash(text))


def single_shot_timer(parent: object, interval: int) -> object:
    """A single-shot QTimer (built without constructor keywords: PySide6 6.12 mis-counts their references)."""
    from PySide6.QtCore import QTimer

    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    return timer
