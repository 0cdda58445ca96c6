"""Where given words stand in a text, as the speller's word pattern reads words (letters, inner apostrophes)."""

from __future__ import annotations

import re

_LETTER = re.compile(r"[^\W\d_]")  # what the speller's words are made of (with inner apostrophes)
_APOSTROPHES = "'’"


def word_places(text: str, words: set[str]) -> list[tuple[int, int, str]]:
    """Where ``spelling.WORD_RE.finditer(text)`` finds one of ``words``: ``(start, end, word)`` in text order.

    Each word is looked for with ``str.find`` (a paragraph has few unknown words among hundreds of known
    ones), and a place counts only where it is a whole word as that pattern reads it: no letter, and no
    apostrophe joined to a letter, on either side.
    """
    places: list[tuple[int, int, str]] = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not _joined_before(text, start) and not _joined_after(text, end):
                places.append((start, end, word))
            start = text.find(word, start + 1)
    if len(words) > 1:
        places.sort()
    return places


def _joined_before(text: str, start: int) -> bool:
    """Whether a word read from ``start`` would be part of a longer word: a letter before it, or an apostrophe
    after a letter ("o'clock")."""
    if not start:
        return False
    if _LETTER.match(text, start - 1):
        return True
    return text[start - 1] in _APOSTROPHES and start > 1 and _LETTER.match(text, start - 2) is not None


def _joined_after(text: str, end: int) -> bool:
    """Whether a word read up to ``end`` would go on: a letter after it, or an apostrophe before a letter."""
    if end >= len(text):
        return False
    if _LETTER.match(text, end):
        return True
    return text[end] in _APOSTROPHES and end + 1 < len(text) and _LETTER.match(text, end + 1) is not None
