"""Words a pattern rule's gate leaves out because one of its tokens cannot be them.

A gate may mark a negative look-ahead ``(?#rejected-by-token-N)(?!(?:w1|w2|...)\\b)``: the words there are ones
token N's tests reject whatever their tag in context (by the lexicon's tags, lemmas and word lists), so the gate
skips sentences the rule could not match in anyway. If the lexicon or the token changes, this test says which
word no longer belongs there.
"""

from __future__ import annotations

import re

import pytest

from writer_app.grammar import analysis
from writer_app.grammar.patterns import PatternRule, surface_tests
from writer_app.grammar.rules import cached_rules
from writer_app.resources import resource_path

_MARKED = re.compile(r"\(\?#rejected-by-token-(\d+)\)\(\?!\(\?:([a-z|]+)\)\\b\)")


def _marked_rules() -> list[tuple[PatternRule, int, list[str]]]:
    found = []
    for rule in cached_rules([resource_path("rules")]):
        if isinstance(rule, PatternRule) and rule.gate is not None:
            for number, words in _MARKED.findall(rule.gate.pattern):
                found.append((rule, int(number), words.split("|")))
    return found


def test_some_gates_leave_out_words_their_tokens_reject() -> None:
    assert len(_marked_rules()) >= 4


@pytest.mark.parametrize("rule, number, words", _marked_rules(), ids=lambda v: getattr(v, "id", None))
def test_every_left_out_word_is_one_the_token_rejects(rule: PatternRule, number: int, words: list[str]) -> None:
    spec = rule.tokens[number - 1]
    assert spec.dialogue is None and spec.case is None  # a rejection must not depend on where the word stands
    tests = surface_tests([spec], analysis.possible_lemmas)
    assert tests is not None
    accepts = tests[0][0]
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            read = analysis.surface_span(form, 0, len(form))
            assert len(read) == 1 and not accepts(read[0]), (rule.id, number, form)
