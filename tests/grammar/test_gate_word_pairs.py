"""Word pairs derived from a pattern rule's gate: a sentence without one of them is not searched by the gate."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from writer_app.grammar.patterns import PatternRule
from writer_app.grammar.regex_analysis import derive_word_pairs
from writer_app.grammar.rules import cached_rules
from writer_app.resources import resource_path

_WORD = re.compile(r"\w+")


def _pairs(pattern: str) -> list[set[tuple[str, str]]]:
    return [set(found) for found in derive_word_pairs(pattern, re.IGNORECASE)]


def test_two_whole_words_with_only_space_between_make_pairs() -> None:
    assert _pairs(r"\b(?:a|an)\s+(?:an|a)\b") == [{("a", "an"), ("a", "a"), ("an", "an"), ("an", "a")}]
    assert _pairs(r"\bshe\s+(?:is|was)\s+(?:not\s+)?going\b") == [{("she", "is"), ("she", "was")}]


@pytest.mark.parametrize(
    "pattern",
    [
        r"ox\s+cart\b",  # "ox" may end a longer word ("box cart")
        r"\bbox\s+car",  # "car" may begin a longer word ("car", "cart", "carriage")
        r"\bthe\W+old\b",  # something other than space may stand between
        r"\b(?:the|'s)\s+old\b",  # "'s" is not a whole \w+ word
        r"\bthe\s+[a-z]+\s+old\b",  # a third word between
    ],
)
def test_no_pair_where_the_words_need_not_be_whole_or_next_to_each_other(pattern: str) -> None:
    assert _pairs(pattern) == []


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = _WORD.findall(text.lower())
    return set(pairwise(words))


def test_every_shipped_gate_finding_its_bad_examples_has_their_pairs() -> None:
    rules = [r for r in cached_rules([resource_path("rules")]) if isinstance(r, PatternRule) and r.pairs]
    assert rules
    for rule in rules:
        for text in rule.bad + rule.good:
            if rule.gate is not None and rule.gate.search(text):
                bigrams = _bigrams(text)
                assert all(not bigrams.isdisjoint(pairs) for pairs in rule.pairs), (rule.id, text)
