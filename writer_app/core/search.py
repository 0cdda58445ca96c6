"""Find and replace across chapters: the matcher, the surrounding words of a hit, and the replacer (no Qt).

Offsets are code points into the chapter text. Matching uses the ``regex`` package, which can stop a search
after a time limit (Python's ``re`` cannot be interrupted) and releases the GIL while it matches, so a search
on a worker thread leaves the GUI thread free. Empty matches (``^``, ``x*``) are skipped: there is nothing to
show or replace.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from writer_app.errors import WriterAppError

if TYPE_CHECKING:
    import regex

log = logging.getLogger(__name__)


@functools.cache
def _regex() -> ModuleType:
    """The ``regex`` package, imported on the first search (not while the window that offers search is built)."""
    import regex

    return regex

DEFAULT_TIMEOUT = 5.0  # seconds for a whole search or replace-all
CONTEXT_CHARS = 48


class SearchError(WriterAppError):
    """A search or replacement cannot run as asked; the message is one sentence for the writer."""


class SearchPatternError(SearchError):
    """The regular expression (or the replacement template) is not valid."""


class SearchTimeoutError(SearchError):
    """The search took longer than its time limit (a pattern that backtracks without end)."""


class SearchCancelled(SearchError):
    """The search was stopped because a newer one replaced it."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for and how: whole word, match case, regular expression."""

    text: str
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False

    def compile(self) -> regex.Pattern[str]:
        """The compiled pattern; raises ``SearchPatternError`` with the reason if the expression is invalid."""
        body = self.text if self.regex else _regex().escape(self.text)
        if self.whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        flags = _regex().MULTILINE | _regex().VERSION0
        if not self.match_case:
            flags |= _regex().IGNORECASE
        try:
            return _regex().compile(body, flags)
        except _regex().error as error:
            raise SearchPatternError(f"The regular expression is not valid: {error}.") from error


@dataclass(frozen=True, slots=True)
class ChapterSource:
    """A chapter to search: its text, or a function that reads it (called on the worker)."""

    chapter_id: str
    title: str
    text: str | None = None
    load: Callable[[], str] | None = None

    def read(self) -> str:
        """The chapter's text (read now if it was not given)."""
        if self.text is not None:
            return self.text
        return self.load() if self.load is not None else ""


@dataclass(frozen=True, slots=True)
class ChapterHits:
    """The matches in one chapter, in order, with the text they were found in."""

    chapter_id: str
    title: str
    text: str
    spans: tuple[tuple[int, int], ...]


class Deadline:
    """A time limit shared by the chapters of one search, and a way to stop it early."""

    __slots__ = ("_end", "_cancelled", "seconds")

    def __init__(self, seconds: float = DEFAULT_TIMEOUT, cancelled: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._cancelled = cancelled

    def remaining(self) -> float:
        """Seconds left; raises if the search was cancelled or its time is up."""
        if self._cancelled is not None and self._cancelled():
            raise SearchCancelled("The search was stopped.")
        left = self._end - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> SearchTimeoutError:
        """The error for a search that ran out of time."""
        return SearchTimeoutError(f"The search took longer than {self.seconds:g} seconds and was stopped; "
                                  "simplify the regular expression.")


def find_spans(pattern: regex.Pattern[str], text: str, deadline: Deadline | None = None) -> list[tuple[int, int]]:
    """Start and end of every non-empty match of ``pattern`` in ``text``."""
    deadline = deadline or Deadline()
    try:
        return [m.span() for m in pattern.finditer(text, concurrent=True, timeout=deadline.remaining())
                if m.end() > m.start()]
    except TimeoutError as error:
        raise deadline.expired() from error


def search_chapters(query: SearchQuery, chapters: Iterable[ChapterSource],
                    deadline: Deadline | None = None) -> Iterator[ChapterHits]:
    """The hits of every chapter that has some, chapter by chapter (lazily, so results can show early)."""
    pattern = query.compile()
    deadline = deadline or Deadline()
    for chapter in chapters:
        text = chapter.read()
        spans = find_spans(pattern, text, deadline)
        if spans:
            yield ChapterHits(chapter.chapter_id, chapter.title, text, tuple(spans))


def surrounding_words(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """The match with about ``width`` characters of whole words before and after it, on one line."""
    before_start = max(0, start - width)
    before = text[before_start:start]
    if before_start > 0:  # cut at a word boundary, not inside a word
        space = before.find(" ")
        before = "…" + (before[space + 1:] if 0 <= space < len(before) - 1 else before)
    after_end = min(len(text), end + width)
    after = text[end:after_end]
    if after_end < len(text):
        space = after.rfind(" ")
        after = (after[:space] if space > 0 else after) + "…"
    return _one_line(before), _one_line(text[start:end]), _one_line(after)


@functools.cache
def _spaces() -> regex.Pattern[str]:
    return _regex().compile(r"\s+")


def _one_line(text: str) -> str:
    return _spaces().sub(" ", text)


def check_replacement(query: SearchQuery, replacement: str) -> None:
    """Raise ``SearchPatternError`` if a regular-expression replacement is malformed or names a missing group."""
    if not query.regex:
        return
    pattern = query.compile()
    names = {index: name for name, index in pattern.groupindex.items()}
    # A pattern with the same groups (numbers and names) that matches the empty string, to expand against.
    dummy = _regex().compile("".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1)))
    match = dummy.match("")
    assert match is not None
    try:
        match.expand(replacement)
    except (_regex().error, IndexError) as error:
        raise SearchPatternError(f"The replacement is not valid: {error}.") from error


def replacement_at(query: SearchQuery, text: str, start: int, replacement: str,
                   pattern: regex.Pattern[str] | None = None) -> str:
    """What the match at ``start`` becomes: the replacement, with ``\\1``/``\\g<name>`` expanded for regexes."""
    if not query.regex:
        return replacement
    pattern = pattern or query.compile()
    try:
        match = pattern.match(text, start, timeout=1.0)
        return match.expand(replacement) if match is not None else replacement
    except TimeoutError:
        return replacement
    except (_regex().error, IndexError) as error:
        raise SearchPatternError(f"The replacement is not valid: {error}.") from error


def replace_spans(query: SearchQuery, text: str, replacement: str,
                  deadline: Deadline | None = None) -> list[tuple[int, int, str]]:
    """Every match in ``text`` with what it becomes: ``(start, end, new text)``."""
    pattern = query.compile()
    deadline = deadline or Deadline()
    edits: list[tuple[int, int, str]] = []
    try:
        for m in pattern.finditer(text, concurrent=True, timeout=deadline.remaining()):
            if m.end() > m.start():
                edits.append((m.start(), m.end(), m.expand(replacement) if query.regex else replacement))
    except TimeoutError as error:
        raise deadline.expired() from error
    except (_regex().error, IndexError) as error:
        raise SearchPatternError(f"The replacement is not valid: {error}.") from error
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with the (ordered, non-overlapping) edits made."""
    parts: list[str] = []
    last = 0
    for start, end, new in edits:
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def replace_all(query: SearchQuery, text: str, replacement: str,
                deadline: Deadline | None = None) -> tuple[str, int]:
    """``text`` with every match replaced, and how many were."""
    edits = replace_spans(query, text, replacement, deadline)
    return (apply_edits(text, edits), len(edits)) if edits else (text, 0)
