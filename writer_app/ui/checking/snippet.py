"""A few words around a flagged place, so an issue reads in its context (the Issues list)."""

from __future__ import annotations

import re

CONTEXT_WORDS = 3  # words shown on each side of the flagged text
CONTEXT_CHARS = 32  # ... but never more characters than this on a side
FLAGGED_CHARS = 40  # a longer flagged text is shortened in the middle
ELLIPSIS = "…"

_WORD = re.compile(r"\S+")


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after ``text[start:end]`` (code points), with "…" where the paragraph goes on."""
    window = text[max(0, start - CONTEXT_CHARS):start]
    words = list(_WORD.finditer(window))
    if start > CONTEXT_CHARS and words and words[0].start() == 0:
        words = words[1:]  # the window begins inside a word: leave that part out
    cut = words[-CONTEXT_WORDS].start() if len(words) >= CONTEXT_WORDS else (words[0].start() if words else len(window.rstrip()))
    before = window[cut:]
    if start - len(before) > 0:
        before = ELLIPSIS + before
    window = text[end:end + CONTEXT_CHARS]
    words = list(_WORD.finditer(window))
    if end + CONTEXT_CHARS < len(text) and words and words[-1].end() == len(window):
        words = words[:-1]  # the window ends inside a word
    cut = words[CONTEXT_WORDS - 1].end() if len(words) >= CONTEXT_WORDS else (words[-1].end() if words else len(window) - len(window.lstrip()))
    after = window[:cut]
    if end + len(after) < len(text):
        after += ELLIPSIS
    return before, after


def bracketed(flagged: str, context: tuple[str, str]) -> str:
    """One line: the context with the flagged text in brackets, e.g. ``…waited[ ]for him…``."""
    if len(flagged) > FLAGGED_CHARS:
        half = FLAGGED_CHARS // 2
        flagged = flagged[:half] + ELLIPSIS + flagged[-half:]
    before, after = context
    return f"{before}[{flagged}]{after}"
