"""The strings a typing or spelling slip could have made of a word, for suggestions to judge.

What Hunspell's own quick (edit-based) suggestions try, without asking Hunspell for them (each ask costs
10-15 ms; these strings cost a millisecond or two to make and judge): one letter dropped, doubled, swapped or
changed (:func:`writer_app.grammar.suggest.edits1`), a letter moved a few places or two letters a few places
apart swapped ("catloged", "annhilate"), and the sound-alike spellings of the dictionary's own replacement
table (its ``REP`` lines: "shun" for "tion", "f" for "ph"). The dictionary judges which of them are words.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

# A letter moves, or two letters swap, at most this many places (Hunspell's own limit for both).
MAX_DISTANCE = 4
Replacement = tuple[str, str]  # (as typed, as meant): spaces are written "_" in the affix file


def moved_and_swapped(word: str) -> set[str]:
    """``word`` with one letter moved 2 to ``MAX_DISTANCE`` places, or two letters that far apart swapped
    (the neighbouring swaps and moves are one edit: :func:`edits1` makes them)."""
    out: set[str] = set()
    size = len(word)
    for i in range(size):
        for j in range(i + 2, min(size, i + MAX_DISTANCE + 1)):
            out.add(word[:i] + word[j] + word[i + 1 : j] + word[i] + word[j + 1 :])  # swap i and j
            out.add(word[:i] + word[i + 1 : j + 1] + word[i] + word[j + 1 :])  # i moved to j
            out.add(word[:i] + word[j] + word[i:j] + word[j + 1 :])  # j moved to i
    out.discard(word)
    return out


def replaced(word: str, replacements: Sequence[Replacement]) -> set[str]:
    """``word`` with one occurrence of a replacement's typed side written as it was meant, each place in turn."""
    out: set[str] = set()
    for typed, meant in replacements:
        start = word.find(typed)
        while start >= 0:
            out.add(word[:start] + meant + word[start + len(typed) :])
            start = word.find(typed, start + 1)
    out.discard(word)
    return out


def two_words(word: str) -> list[str]:
    """``word`` cut in two at each place ("alot" -> "a lot", "ofthe" -> "of the"): each part at least two letters
    long, or "a" or "I" (lowercase here; the judge finds the case)."""
    return [
        word[:i] + " " + word[i:]
        for i in range(1, len(word))
        if (i > 1 or word[0] in "ai") and (len(word) - i > 1 or word[-1] in "ai")
    ]


@functools.cache
def dictionary_replacements(affix_file: Path) -> tuple[Replacement, ...]:
    """The ``REP`` table of a Hunspell affix file: (typed, meant) pairs, ``_`` read as a space; () when the
    file cannot be read (the suggestions then go without sound-alike spellings)."""
    try:
        lines = affix_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        log.warning("cannot read the replacement table of %s", affix_file, exc_info=True)
        return ()
    pairs: list[Replacement] = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "REP" and not parts[1].startswith(("^", "$")):
            typed, meant = parts[1].replace("_", " "), parts[2].replace("_", " ")
            if typed and typed != meant:
                pairs.append((typed, meant))
    return tuple(pairs)
