"""Hard-wrapped prose read as the paragraphs it is: lines joined for checking, offsets mapped back.

A plain-text file from an e-mail, a forum or Project Gutenberg breaks every paragraph into lines of about
seventy characters. Checked line by line, a sentence is cut in two, and a quotation opened on one line and
closed on the next leaves both halves outside dialogue, so a character's dialect reads as narration. Here a
block of consecutive lines that *fills* its width (prose poured into a fixed column) is joined into one line
with single spaces before it is checked; ragged blocks (verse, lists, headings, a writer's one-line
paragraphs) are left exactly as they are. :meth:`Unwrapped.restore` moves each issue back to the offsets of
the text as it was written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from writer_app.grammar.model import Issue

# A wrapped line is at least this long, and at least this share of its block's longest line.
_MIN_WRAPPED = 40
_MIN_SHARE = 0.6
# Lines over this are a writer's own paragraphs, never a column wrap.
_MAX_WRAPPED = 110
_LIST_ITEM = re.compile(r"\s*(?:[-*+•–—]\s|\d{1,3}[.)]\s|[A-Za-z][.)]\s)")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]]\s*$")


@dataclass(frozen=True, slots=True)
class Unwrapped:
    """A text with its hard-wrapped paragraphs joined, and the way back to the original offsets.

    ``pieces`` holds, for every kept run of characters, ``(start in text, start in original, length)``, in
    order; the single joining spaces between a paragraph's lines belong to no piece.
    """

    text: str
    original: str
    pieces: tuple[tuple[int, int, int], ...] = ()

    @property
    def changed(self) -> bool:
        """True when at least one paragraph was joined."""
        return bool(self.pieces)

    def restore(self, issues: list[Issue]) -> list[Issue]:
        """``issues`` found in :attr:`text`, moved to the same places in :attr:`original` (a span that starts
        or ends on a joining space starts or ends where the line before it ended)."""
        if not self.changed:
            return issues
        starts = [piece[0] for piece in self.pieces]

        def where(offset: int) -> int:
            start, original, length = self.pieces[max(bisect.bisect_right(starts, offset) - 1, 0)]
            return original + min(offset - start, length)

        return [issue.moved_to(where(issue.start), where(issue.end)) for issue in issues]


def unwrap(text: str) -> Unwrapped:
    """Join each hard-wrapped paragraph of ``text`` into one line; everything else is kept as it is.

    One pass over the lines: a run of non-blank lines is a block; text between joined blocks is kept as one
    piece (a novel's joins cost a piece per line, the rest a piece per stretch).
    """
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return Unwrapped(text, text)
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    kept_from = 0  # where the stretch of text kept as it is starts (original offset)
    shift = 0  # original offset minus offset in the joined text (each join drops the characters it replaces)
    offset = 0  # original offset of the line being read
    first = -1  # index of the first line of the block being read (-1: none)
    block_offset = 0
    for index, line in enumerate([*lines, "\n"]):  # a final blank line closes the last block
        if not line.isspace():
            if first < 0:
                first, block_offset = index, offset
            offset += len(line)
            continue
        if first >= 0 and index - first > 1:
            block = lines[first:index]
            bodies = [each.rstrip("\r\n") for each in block]
            if _is_wrapped(bodies):  # (so no line after the first is indented)
                if block_offset > kept_from:
                    pieces.append((kept_from - shift, kept_from, block_offset - kept_from))
                    out.append(text[kept_from:block_offset])
                at = block_offset
                for each, body in zip(block[:-1], bodies[:-1], strict=True):
                    kept = body.rstrip()
                    pieces.append((at - shift, at, len(kept)))
                    out.append(kept)
                    out.append(" ")
                    shift += len(each) - len(kept) - 1
                    at += len(each)
                kept_from = at  # the last line, with its own line ending, is kept as it is
        first = -1
        offset += len(line)
    if not pieces:
        return Unwrapped(text, text)
    if kept_from < len(text):
        pieces.append((kept_from - shift, kept_from, len(text) - kept_from))
        out.append(text[kept_from:])
    return Unwrapped("".join(out), text, tuple(pieces))


# A blank line (spaces or tabs at most) with its line ending: a block of lines never spans one.
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def block_runs(text: str, count: int) -> list[tuple[int, int]]:
    """Cut ``text`` into about ``count`` runs that each end just after a blank line (the last at the end):
    ``(start, end)`` offsets covering all of it. Every block of lines lies within one run, so each run unwraps
    alone to its share of the whole text's unwrapping (see :func:`join_parts`). One run when there is no
    blank line to cut at."""
    size = len(text)
    runs: list[tuple[int, int]] = []
    start = 0
    for number in range(1, count):
        found = _BLANK_LINE.search(text, max(start, size * number // count))
        if found is None:
            break
        cut = found.end()
        if start < cut < size:
            runs.append((start, cut))
            start = cut
    runs.append((start, size))
    return runs


def join_parts(original: str, parts: list[tuple[int, int, tuple[tuple[int, int, int], ...]]]) -> Unwrapped:
    """The unwrapping of ``original`` from its runs' own: ``parts`` holds, in order, each run's start and end in
    ``original`` and the pieces of its :func:`unwrap`, for runs made by :func:`block_runs`. The text is the one
    ``unwrap(original)`` gives, and :meth:`Unwrapped.restore` moves every offset to the same place.

    The joined text is made here from the pieces (kept characters, with one space where a line break was
    joined), so a process that unwrapped a run need only hand back its pieces."""
    if not any(pieces for _start, _end, pieces in parts):
        return Unwrapped(original, original)
    out: list[str] = []
    joined: list[tuple[int, int, int]] = []
    at = 0  # length of the joined text so far
    for start, end, pieces in parts:
        if not pieces:
            pieces = ((0, 0, end - start),) if end > start else ()
        base = at
        for place, written, length in pieces:
            if base + place > at:
                out.append(" " * (base + place - at))  # the spaces that joined lines
            out.append(original[start + written : start + written + length])
            joined.append((base + place, start + written, length))
            at = base + place + length
    return Unwrapped("".join(out), original, tuple(joined))


def _is_wrapped(bodies: list[str]) -> bool:
    """True when a block's lines fill a fixed column the way wrapped prose does.

    Every line but the last is long and near the block's longest; no line after the first is indented (verse,
    a quotation set in, code) and none is a list item; most breaks fall inside a sentence (a writer's own
    one-line paragraphs each end with a stop or a closing quote); and the lines do not nearly all open with
    capitals after lines that end without a stop, as verse does (wrapped prose goes on with its sentence,
    now and then at a name).
    """
    widths = list(map(len, map(str.rstrip, bodies)))
    longest = max(widths)
    if longest > _MAX_WRAPPED:
        return False
    if min(widths[:-1]) < max(_MIN_WRAPPED, _MIN_SHARE * longest):
        return False
    if any(body[:1].isspace() for body in bodies[1:]) or any(map(_LIST_ITEM.match, bodies)):
        return False
    breaks = len(bodies) - 1
    unstopped = [found is None for found in map(_ENDS_SENTENCE.search, bodies[:-1])]
    if sum(unstopped) * 2 < breaks:
        return False
    capital_starts = sum(
        1 for open_end, body in zip(unstopped, bodies[1:], strict=True) if open_end and body.lstrip()[:1].isupper()
    )
    return breaks < 2 or capital_starts * 4 < breaks * 3
