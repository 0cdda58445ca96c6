"""The pattern pass tries a rule in exactly the sentences a plain reading of its needs allows: its triggers and
required words in the paragraph and in the sentence, a pair of consecutive words of each of its gate's pair sets
in the sentence, its gate finding something in the sentence and in the paragraph (and, when the rule is relaxed
in dialogue, outside quotation marks). The pass's bit masks and stand-ins must choose the very same rules."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from tests.grammar.pretest_support import every_rule_checker, variants
from writer_app.grammar.pattern_pass import PatternPass
from writer_app.grammar.patterns import PatternRule
from writer_app.grammar.sentences import sentence_spans
from writer_app.grammar.tokenizer import dialogue_depth_at
from writer_app.grammar.tokens import Sentence

_WORD = re.compile(r"\w+")


def _meets(rule: PatternRule, words: set[str]) -> bool:
    return not rule.triggers.isdisjoint(words) and not any(map(words.isdisjoint, rule.requires))


def _expected(rules: list[PatternRule], text: str) -> list[tuple[int, int, list[str]]]:
    """Per sentence, the ids of the rules a plain reading of their needs tries there (in rule order)."""
    lower = text.lower()
    words = set(_WORD.findall(lower))
    chosen = []
    for start, end in sentence_spans(text):
        tokens = _WORD.findall(lower, start, end)
        sentence_words, pairs = set(tokens), set(pairwise(tokens))
        ids = []
        for rule in rules:
            if not _meets(rule, words) or not _meets(rule, sentence_words):
                continue
            if rule.gate is not None:
                if any(pairs.isdisjoint(needed) for needed in rule.pairs):
                    continue
                finds = list(rule.gate.finditer(text, start, end))
                if not finds or rule.gate.search(text) is None:
                    continue
                if rule.relaxed_in_dialogue and all(dialogue_depth_at(text, f.start()) for f in finds):
                    continue
            ids.append(rule.id)
        if ids:
            chosen.append((start, end, ids))
    return chosen


def _chosen(patterns: PatternPass, text: str) -> list[tuple[int, int, list[str]]]:
    """Per sentence, the ids of the rules the pass hands to its surface pre-filter."""
    seen: list[tuple[int, int, list[str]]] = []

    def record(rules: list[PatternRule], _text: str, start: int, end: int) -> list[PatternRule]:
        seen.append((start, end, [rule.id for rule in rules]))
        return []  # nothing is analysed

    patterns._could_match = record  # type: ignore[method-assign]
    lower = text.lower()
    patterns.check(text, set(_WORD.findall(lower)), lower if len(lower) == len(text) else None)
    return seen


@pytest.fixture(scope="module")
def every_pattern() -> PatternPass:
    checker = every_rule_checker()
    patterns = checker._patterns
    assert patterns is not None
    fresh = PatternPass(patterns.rules, lambda text, start, end: Sentence(start, end, (), ()), surface=lambda *a: ())
    return fresh


def test_the_pass_tries_exactly_the_rules_whose_needs_the_sentence_meets(every_pattern: PatternPass) -> None:
    rules = every_pattern.rules
    sentences = [v for rule in rules for s in (*rule.bad, *rule.good, *rule.fixed) for v in variants(s)]
    paragraphs = sentences + [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    tried = 0
    for text in paragraphs:
        expected = _expected(rules, text)
        assert _chosen(every_pattern, text) == expected, text
        tried += sum(len(ids) for _start, _end, ids in expected)
    assert tried > 3000
