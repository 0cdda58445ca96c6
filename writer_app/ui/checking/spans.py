"""Issue spans in Qt units: the value the worker hands back, safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass

from writer_app.core.text import Utf16Map
from writer_app.grammar.engine import spot_key
from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.snippet import context_around


@dataclass(frozen=True, slots=True)
class IssueSpan:
    """An issue plus its paragraph-relative span in UTF-16 units (Qt positions).

    ``spot`` fingerprints the place in its paragraph (``writer_app.grammar.engine.spot_key``) so an
    "Ignore here" choice can be matched without the paragraph's text; ``context`` holds a few words before and
    after the flagged text (see :mod:`snippet`), so a list can show the issue in its place without the text.
    """

    start: int
    end: int
    issue: Issue
    spot: str = ""
    context: tuple[str, str] = ("", "")

    @property
    def category(self) -> Category:
        """The issue's category."""
        return self.issue.category

    def shifted(self, delta: int) -> IssueSpan:
        """The same span moved by ``delta`` UTF-16 units."""
        return IssueSpan(self.start + delta, self.end + delta, self.issue, self.spot, self.context)


def to_spans(text: str, issues: list[Issue]) -> tuple[IssueSpan, ...]:
    """Attach UTF-16 spans to code-point issues of ``text``, sorted by position."""
    mapping = Utf16Map(text)
    spans = [IssueSpan(mapping.to_utf16(i.start), mapping.to_utf16(i.end), i, spot_key(text, i.start, i.end),
                       context_around(text, i.start, i.end))
             for i in issues]
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
