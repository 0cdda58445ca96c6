"""The pattern pass chooses a sentence's rules by bits (``need_bits``): the same rules as testing each rule's
word sets."""

from __future__ import annotations

import random
import re
from itertools import pairwise

from writer_app.grammar.pattern_pass import PatternPass
from writer_app.grammar.patterns import PatternRule
from writer_app.grammar.rules import cached_rules
from writer_app.resources import resource_path

_WORD = re.compile(r"\w+")


def _meets(rule: PatternRule, words: set[str], pairs: set[tuple[str, str]]) -> bool:
    """The rule's word needs, tested set by set: a trigger, each required set, each of its gate's pair sets."""
    if words.isdisjoint(rule.triggers) or any(words.isdisjoint(needed) for needed in rule.requires):
        return False
    return rule.gate is None or not any(pairs.isdisjoint(needed) for needed in rule.pairs)


def test_the_bits_choose_the_rules_whose_word_sets_the_sentence_meets() -> None:
    rules = [rule for rule in cached_rules([resource_path("rules")]) if isinstance(rule, PatternRule)]
    checker = PatternPass(rules, analyse=lambda text, start, end: None)  # type: ignore[arg-type, return-value]
    examples = [text for rule in rules for text in (*rule.bad, *rule.good)]
    vocabulary = sorted({word for text in examples for word in _WORD.findall(text.lower())})
    rng = random.Random(3)
    sentences = examples + [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 12))) for _ in range(500)]
    chosen = 0
    for sentence in sentences:
        tokens = _WORD.findall(sentence.lower())
        words, pairs = set(tokens), set(pairwise(tokens))
        met = checker._bits.met(words) | checker._bits.met_pairs(pairs)
        for need, rule in zip(checker._needs, rules, strict=True):
            assert (not need & ~met) is _meets(rule, words, pairs), (rule.id, sentence)
            chosen += not need & ~met
    assert chosen > len(examples)  # the sentences do choose rules


def test_every_checker_shares_the_bit_tables_and_equal_masks_are_one_object() -> None:
    rules = [rule for rule in cached_rules([resource_path("rules")]) if isinstance(rule, PatternRule)]
    first = PatternPass(rules, analyse=lambda text, start, end: None)  # type: ignore[arg-type, return-value]
    second = PatternPass(rules[::2], analyse=lambda text, start, end: None)  # type: ignore[arg-type, return-value]
    assert first._bits is second._bits
    assert second._needs == first._needs[::2]  # the same sets, the same bits
    masks = list(first._bits.word_bits.values())
    assert len({id(mask) for mask in masks}) == len(set(masks))
