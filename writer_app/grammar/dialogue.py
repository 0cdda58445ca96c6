"""Which stretches of a paragraph are spoken: the spans between opening and closing quotation marks."""

from __future__ import annotations

import functools
import sys
from bisect import bisect_right

from writer_app.grammar.tokenizer import quote_roles


@functools.lru_cache(maxsize=256)
def dialogue_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of ``paragraph`` inside quotation marks, the marks included.

    Nested quotations belong to the outer span. A quotation still open at the paragraph's end runs to the end
    (fiction leaves a speech open when it goes on in the next paragraph).
    """
    spans: list[tuple[int, int]] = []
    depth = 0
    opened = 0
    for position, role in sorted(quote_roles(paragraph).items()):
        if role == "open":
            if depth == 0:
                opened = position
            depth += 1
        elif role == "close" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, position + 1))
    if depth:
        spans.append((opened, len(paragraph)))
    return tuple(spans)


def in_dialogue(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside one of ``spans`` (from :func:`dialogue_spans`)."""
    index = bisect_right(spans, (start, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]
