"""Score a word between its neighbours with word-pair counts: how likely is ``left word right``?

A bigram model with backoff: P(left word right) ∝ P(word | left) · P(right | word). A pair the source lacks is
rarer than its cut-off, so its count is taken to be just under that cut-off. Contractions the pair list lacks ("they're") are scored as their expansion ("they are").
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass

from writer_app.grammar.frequency import BIGRAM_UNIT, ID_BITS, Followers, FrequencyData

# Contractions scored through the words they stand for.
EXPANSIONS: dict[str, tuple[str, ...]] = {
    "they're": ("they", "are"),
    "you're": ("you", "are"),
    "we're": ("we", "are"),
    "who's": ("who", "is"),
    "it's": ("it", "is"),
}
# A pair the source lacks was seen fewer times than its cut-off, how many fewer is unknown; a rare but good
# pair ("whose history") is as absent as a wrong one ("too go"). Treating every absent pair as just under the
# cut-off lets only pairs common enough to be listed outweigh it: the cautious reading.
UNSEEN_FRACTION = 0.5


@dataclass(frozen=True)
class Score:
    """The log10 probability of a word in its context and the pair counts that support it."""

    log_prob: float
    evidence: int  # the summed counts of the observed pairs (0: only backoff estimates)
    sides: int  # how many of the neighbouring pairs were observed


class ContextModel:
    """Compare the words of a confusable set between the same neighbours."""

    def __init__(self, data: FrequencyData) -> None:
        self.data = data
        self._followers: dict[str, Followers] = {}

    def right_words(self, word: str) -> Followers:
        """The words listed after ``word`` (after its last part, for a contraction) in a pair (a set-like view)."""
        last = EXPANSIONS.get(word, (word,))[-1]
        found = self._followers.get(last)
        if found is None:
            found = self._followers[last] = self.data.followers(last)
        return found

    def strong_followers(self, word: str, least: float) -> frozenset[str]:
        """The words listed after ``word`` in a pair seen at least ``least`` times."""
        data = self.data
        index = data.ids.get(word)
        if index is None:
            return frozenset()
        keys = data.pair_keys
        counts = data.pair_counts
        low = bisect_left(keys, index << ID_BITS)
        high = bisect_left(keys, (index + 1) << ID_BITS)
        mask = (1 << ID_BITS) - 1
        words = data.words
        bar = least / BIGRAM_UNIT
        return frozenset(words[keys[i] & mask] for i in range(low, high) if counts[i] >= bar)

    def attested(self, word: str, left: str, right: str) -> bool:
        """Whether both ``left word`` and ``word right`` are listed pairs."""
        parts = EXPANSIONS.get(word, (word,))
        return right in self.right_words(word) and self.data.pair(left, parts[0]) > 0

    def score(self, word: str, left: str = "", right: str = "") -> Score:
        """Score ``word`` (lowercase) between ``left`` and ``right`` ("" where a sentence or clause breaks)."""
        parts = EXPANSIONS.get(word, (word,))
        log_prob = 0.0
        evidence = sides = 0
        chain = [left, *parts, right] if left else [*parts, right]
        if not left:
            log_prob += self._log_unigram(parts[0])
        for a, b in zip(chain, chain[1:], strict=False):
            if not b:
                break
            value, seen = self._log_conditional(a, b)
            log_prob += value
            if seen and (a == left or b == right):
                evidence += seen
                sides += 1
        return Score(log_prob, evidence, sides)

    def _log_unigram(self, word: str) -> float:
        count = self.data.count(word)
        return math.log10(max(count, 1) / self.data.total)

    def _log_conditional(self, a: str, b: str) -> tuple[float, int]:
        """log10 P(b | a) and the observed pair count (0 when estimated)."""
        data = self.data
        seen = data.pair(a, b)
        count_a = max(data.count(a), 1)
        if seen:
            return math.log10(min(seen / count_a, 1.0)), seen
        if data.pair_floor:
            estimate = UNSEEN_FRACTION * data.pair_floor / count_a
        else:  # no cut-off known: words independent
            estimate = max(data.count(b), 1) / data.total
        return math.log10(max(min(estimate, 1.0), 1e-12)), 0
