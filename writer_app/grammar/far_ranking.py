"""Suggestions for a word no small edit reaches: similar words from the trigram index, ranked like Hunspell's.

The index (:mod:`writer_app.grammar.far_index`) gives the words within a few letters of the typo's length that
share most trigrams with it. Those pass the bar Hunspell's n-gram search sets (a score above what the typo
scores against copies of itself with every fourth letter blotted out), then are ranked by the similarity
Hunspell's n-gram suggestions use (the longest common subsequence, the common start, n-grams both ways, a
swapped pair) plus how common the word is, and a judge (Hunspell and the writer's lists) keeps the words.
As in Hunspell, a candidate whose two-letter pieces mostly miss the typo is offered only when nothing better
is. Runs in a few milliseconds (Hunspell's own search takes a tenth of a second or more).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from itertools import islice

from writer_app.grammar.far_index import MAX_LENGTH, FarIndex

LENGTH_SPREAD = 3  # candidates are at most this many letters longer or shorter than the typo
SHORTLIST = 50  # the words sharing most trigrams (of each length) that are scored in full
FREQUENCY_POINTS = 2.0  # similarity points per factor of ten in word frequency
SWAP_POINTS = 10  # two letters swapped (not neighbours): Hunspell's bonus
MIN_LENGTH = 3  # shorter typos get no far-off search (every short word is a few slips from many)
POOR = -1000  # the penalty of a candidate whose two-letter pieces mostly miss the typo


def ngram_score(n: int, typed: str, word: str, weighted: bool = False) -> int:
    """How many of ``typed``'s 1- to ``n``-letter pieces occur in ``word`` (Hunspell's n-gram similarity).

    Unweighted, the count stops at the first piece size with fewer than two hits, and a length difference
    beyond two costs a point a letter; ``weighted``, a missing piece costs a point (two at either end).
    """
    if not word:
        return 0
    score = 0
    size = len(typed)
    for j in range(1, n + 1):
        hits = 0
        for i in range(size - j + 1):
            if typed[i : i + j] in word:
                hits += 1
            elif weighted:
                hits -= 2 if i == 0 or i == size - j else 1
        score += hits
        if hits < 2 and not weighted:
            break
    return score - max(0, abs(len(word) - size) - 2)


def lcs_length(a: str, b: str) -> int:
    """The length of the longest common subsequence of ``a`` and ``b`` (bit-parallel: a few integer
    operations a letter of ``a``, after Hyyrö)."""
    masks: dict[str, int] = {}
    for j, char in enumerate(b):
        masks[char] = masks.get(char, 0) | 1 << j
    full = (1 << len(b)) - 1
    row = full
    for char in a:
        matched = row & masks.get(char, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(b) - row.bit_count()


def common_prefix(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` share at their start."""
    n = 0
    for x, y in zip(a, b):  # noqa: B905 - the shorter word ends it
        if x != y:
            break
        n += 1
    return n


def threshold(typo: str) -> int:
    """The bar a candidate's n-gram score must pass: the typo against itself with every fourth letter blotted
    (three ways, from the second, third and fourth letter), averaged, less one."""
    size = len(typo)
    total = 0
    for first in (1, 2, 3):
        blotted = "".join("*" if i >= first and (i - first) % 4 == 0 else c for i, c in enumerate(typo))
        total += ngram_score(size, typo, blotted)
    return total // 3 - 1


def similarity(typo: str, word: str) -> int:
    """Hunspell's final similarity of ``word`` to ``typo`` (higher is closer; :data:`POOR` added when the
    two-letter pieces of either mostly miss the other)."""
    n, m = len(typo), len(word)
    pieces = ngram_score(2, typo, word, weighted=True) + ngram_score(2, word, typo, weighted=True)
    same = [i for i in range(min(n, m)) if typo[i] == word[i]]
    swapped = False
    if n == m and n - len(same) == 2:
        i, j = (k for k in range(n) if typo[k] != word[k])
        swapped = typo[i] == word[j] and typo[j] == word[i]
    score = (
        2 * lcs_length(typo, word) - abs(n - m) + common_prefix(typo, word) + (1 if same else 0)
        + (SWAP_POINTS if swapped else 0) + ngram_score(4, typo, word) + pieces
    )
    return score + (POOR if pieces < n + m else 0)


def far_suggestions(
    index: FarIndex, typo: str, accept: Callable[[str], str | None], count: Callable[[str], int], limit: int = 4
) -> list[str]:
    """Up to ``limit`` words for ``typo`` (lowercase), best first, as ``accept`` gives them back (None: not a
    word); ``count`` is a word's frequency (0 when unknown)."""
    if not MIN_LENGTH <= len(typo) <= MAX_LENGTH or limit < 1:
        return []
    words = index.words
    shortlist = heapq.nlargest(SHORTLIST, index.shared_trigrams(typo, LENGTH_SPREAD, SHORTLIST))
    bar = threshold(typo)
    scored = []
    for _, word_id in shortlist:
        word = words[word_id]
        if word != typo and ngram_score(len(typo), typo, word) + common_prefix(typo, word) > bar:
            scored.append((similarity(typo, word) + FREQUENCY_POINTS * math.log10(count(word) + 10), word))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    good = [word for score, word in scored if score > POOR / 2]
    poor = [word for score, word in scored if score <= POOR / 2]
    for group in (good, poor):  # the poor ones only when no good one is a word
        found = list(islice(filter(None, map(accept, group)), limit))
        if found:
            return found
    return []
