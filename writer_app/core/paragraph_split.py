"""Break a paragraph too long for the editor into pieces at its line or sentence ends, keeping what joined them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A paragraph longer than this (characters) is too long for the editor: Qt lays a paragraph out whole on every
# keystroke, about 0.3 s a key at 1 MB and several seconds at 10 MB.
HUGE_PARAGRAPH_CHARS = 1_000_000
# The pieces a huge paragraph is broken into are at most this long (a long paragraph of ordinary prose).
PIECE_CHARS = 2_000

# Line ends that can sit inside one editor paragraph (the editor splits paragraphs at "\n" itself).
_LINE_END = re.compile(r"\r\n?|[\u2028\u000b\u000c\u0085]")
_LINE_END_CHARS = "\r\u2028\u000b\u000c\u0085"
_SENTENCE_ENDERS = frozenset(".!?\u2026")
_CLOSERS = frozenset("\"'\u201d\u2019\u00bb)]")
_SPACE = re.compile(r"\s+")
# A space, any closers, then a sentence ender: a sentence end read backwards.
_SENTENCE_END_BACKWARDS = re.compile(
    " [" + re.escape("".join(sorted(_CLOSERS))) + "]*[" + re.escape("".join(sorted(_SENTENCE_ENDERS))) + "]")
# How many spaces back from a piece's size limit a sentence end is looked for (about 1,200 characters of prose).
_LOOKBACK_SPACES = 200


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of a broken paragraph and the text that joined it to the piece before ("" for the first)."""

    text: str
    joiner: str


def paragraph_lengths(text: str) -> list[int]:
    """The length of every editor paragraph (line) of ``text``, in order."""
    return [len(line) for line in text.split("\n")]


def has_huge_paragraph(text: str, limit: int = HUGE_PARAGRAPH_CHARS) -> bool:
    """Whether any paragraph (line) of ``text`` is longer than ``limit`` characters."""
    if len(text) <= limit:
        return False
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return len(text) - start > limit
        if end - start > limit:
            return True
        start = end + 1


def break_paragraph(paragraph: str, size: int = PIECE_CHARS) -> list[Piece]:
    """Break ``paragraph`` into pieces of at most about ``size`` characters, at line ends first, else sentence ends.

    A line end always breaks. Within a line, a piece ends at the last sentence end that keeps it within ``size``;
    with none near, at the last space; with none, after ``size`` characters. Joining every piece's ``joiner`` and
    text gives the paragraph back exactly.
    """
    pieces: list[Piece] = []
    start = 0
    joiner = ""
    if any(char in paragraph for char in _LINE_END_CHARS):
        for match in _LINE_END.finditer(paragraph):
            _break_line(paragraph, start, match.start(), joiner, size, pieces)
            start, joiner = match.end(), match.group()
    _break_line(paragraph, start, len(paragraph), joiner, size, pieces)
    return pieces


def _break_line(text: str, start: int, end: int, joiner: str, size: int, pieces: list[Piece]) -> None:
    """Append the pieces of ``text[start:end]`` (the first joined by ``joiner``) to ``pieces``."""
    while end - start > size:
        limit = start + size
        cut = _sentence_end(text, start, limit)
        if cut < 0:
            space = text.rfind(" ", start + 1, limit + 1)
            cut = space if space > start else limit
        found = _SPACE.match(text, cut, end)
        cut_end = found.end() if found else cut
        pieces.append(Piece(text[start:cut], joiner))
        joiner = text[cut:cut_end]
        start = cut_end
    pieces.append(Piece(text[start:end], joiner))


def _sentence_end(text: str, start: int, limit: int) -> int:
    """Where the spaces after the last sentence end in ``text[start + 1:limit + 1]`` begin; -1 if none is near.

    A sentence end is an ender, any closers, then a space, the ender at or after ``start``; it counts only within
    the last ``_LOOKBACK_SPACES`` spaces before ``limit + 1``. Found with one search of the window read backwards.
    """
    window = text[start:limit + 1][::-1]
    found = _SENTENCE_END_BACKWARDS.search(window)
    if found is None:
        return -1
    space = limit - found.start()
    if text.count(" ", space, limit + 1) > _LOOKBACK_SPACES:
        return -1
    return space


def join_pieces(pieces: list[Piece]) -> str:
    """The paragraph a list of pieces came from."""
    return "".join(piece.joiner + piece.text for piece in pieces)
