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
from collections.abc import Iterator
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
    """Join each hard-wrapped paragraph of ``text`` into one line; everything else is kept as it is."""
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return Unwrapped(text, text)
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    position = original = 0
    joined_any = False
    for block in _blocks(lines):
        if len(block) > 1 and _is_wrapped([line.rstrip("\r\n") for line in block]):
            joined_any = True
            for number, line in enumerate(block):
                body = line.rstrip("\r\n")
                lead = 0 if number == 0 else len(body) - len(body.lstrip())
                kept = body[lead:] if number == len(block) - 1 else body[lead:].rstrip()
                if number:
                    out.append(" ")
                    position += 1
                pieces.append((position, original + lead, len(kept)))
                out.append(kept)
                position += len(kept)
                if number == len(block) - 1:  # the paragraph's own line ending stays
                    ending = line[len(body):]
                    pieces.append((position, original + len(body), len(ending)))
                    out.append(ending)
                    position += len(ending)
                original += len(line)
        else:
            for line in block:
                pieces.append((position, original, len(line)))
                out.append(line)
                position += len(line)
                original += len(line)
    if not joined_any:
        return Unwrapped(text, text)
    return Unwrapped("".join(out), text, tuple(pieces))


def _blocks(lines: list[str]) -> Iterator[list[str]]:
    """Runs of consecutive non-blank lines, and each blank line on its own."""
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line)
            continue
        if block:
            yield block
            block = []
        yield [line]
    if block:
        yield block


def _is_wrapped(bodies: list[str]) -> bool:
    """True when a block's lines fill a fixed column the way wrapped prose does.

    Every line but the last is long and near the block's longest; no line after the first is indented (verse,
    a quotation set in, code) and none is a list item; most breaks fall inside a sentence (a writer's own
    one-line paragraphs each end with a stop or a closing quote); and the lines do not nearly all open with
    capitals after lines that end without a stop, as verse does (wrapped prose goes on with its sentence,
    now and then at a name).
    """
    widths = [len(body.rstrip()) for body in bodies]
    longest = max(widths)
    if longest > _MAX_WRAPPED:
        return False
    floor = max(_MIN_WRAPPED, _MIN_SHARE * longest)
    if any(width < floor for width in widths[:-1]):
        return False
    if any(body[:1].isspace() for body in bodies[1:]) or any(_LIST_ITEM.match(body) for body in bodies):
        return False
    breaks = len(bodies) - 1
    unstopped = [not _ENDS_SENTENCE.search(body) for body in bodies[:-1]]
    if sum(unstopped) * 2 < breaks:
        return False
    capital_starts = sum(
        1 for open_end, body in zip(unstopped, bodies[1:], strict=True) if open_end and body.lstrip()[:1].isupper()
    )
    return breaks < 2 or capital_starts * 4 < breaks * 3
