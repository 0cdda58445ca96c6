"""What a sentence must hold for a token-pattern rule to be tried there, as bits shared by every pattern pass.

A rule needs a word of its triggers, a word of each of its required word sets, and a pair of consecutive words
of each word-pair set its gate needs. Each distinct set is one bit; a word, or a pair of words, holds the bits of
the sets it is in, and a rule needs the bits of its sets. The bits a sentence's words and pairs meet, once made,
say for every rule at once whether it may be tried there: one integer test a rule instead of a set test for each
of its sets. The tables are shared by every checker (the two dialects' rules are mostly the same sets), and
equal bit masks are one object, so they cost little memory.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from writer_app.grammar.patterns import PatternRule


class NeedBits:
    """The bits of every needed set registered so far, and the bits each word and word pair holds."""

    def __init__(self) -> None:
        """Empty tables; rules are registered by :meth:`needs`."""
        self._lock = threading.Lock()
        self._bit_of: dict[frozenset, int] = {}
        self.word_bits: dict[str, int] = {}
        self.pair_bits: dict[tuple[str, str], int] = {}
        self.words: frozenset[str] = frozenset()  # the words that hold some bit
        self.pairs: frozenset[tuple[str, str]] = frozenset()  # the pairs that hold some bit
        self.all_pairs = 0  # the bits of every word-pair set

    def needs(self, rules: Sequence[PatternRule]) -> list[int]:
        """Per rule, the bits of the sets it needs (registering the sets not seen before)."""
        with self._lock:
            bit_of = self._bit_of
            needs = []
            grown = False
            for rule in rules:
                need = 0
                for needed in {rule.triggers, *rule.requires, *(rule.pairs if rule.gate is not None else ())}:
                    bit = bit_of.get(needed)
                    if bit is None:
                        bit = bit_of[needed] = 1 << len(bit_of)
                        self._register(needed, bit)
                        grown = True
                    need |= bit
                needs.append(need)
            if grown:
                self._share_masks()
                self.words, self.pairs = frozenset(self.word_bits), frozenset(self.pair_bits)
            return needs

    def _register(self, needed: frozenset, bit: int) -> None:
        for item in needed:
            if isinstance(item, tuple):
                self.pair_bits[item] = self.pair_bits.get(item, 0) | bit
                self.all_pairs |= bit
            else:
                self.word_bits[item] = self.word_bits.get(item, 0) | bit

    def _share_masks(self) -> None:
        """Make equal masks one object (most words of a set hold the same bits)."""
        for table in (self.word_bits, self.pair_bits):
            same: dict[int, int] = {}
            for key, mask in table.items():
                table[key] = same.setdefault(mask, mask)

    def met(self, words: Iterable[str] | set[str]) -> int:
        """The bits of the word sets that ``words`` (a set) meets."""
        met = 0
        word_bits = self.word_bits
        for word in self.words.intersection(words):
            met |= word_bits[word]
        return met

    def met_pairs(self, pairs: Iterable[tuple[str, str]]) -> int:
        """The bits of the word-pair sets that ``pairs`` meets."""
        met = 0
        pair_bits = self.pair_bits
        for pair in self.pairs.intersection(pairs):
            met |= pair_bits[pair]
        return met


SHARED = NeedBits()  # the tables every pattern pass uses
