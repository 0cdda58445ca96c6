"""The pre-filter's token reading: surface tests made for tokens decide exactly as the same tests on words.

The pattern pass reads a sentence's tokens before tagging and looks a token's possible tags up only when a test
needs them (``analysis.surface_tokens`` and ``surface_tags``); the tests it makes that way must accept a token
exactly when the word-reading tests (``analysis.surface_span``) accept its word, for every shipped rule.
"""

from __future__ import annotations

import pytest

from writer_app.grammar import analysis
from writer_app.grammar.patterns import PatternRule, could_match, surface_tests
from writer_app.grammar.rules import cached_rules
from writer_app.resources import resource_path


def _pattern_rules() -> list[PatternRule]:
    return [rule for rule in cached_rules([resource_path("rules")]) if isinstance(rule, PatternRule)]


def _variants(text: str) -> list[str]:
    """The example as written and reworded around: spoken, in capitals, lower case, contracted, after a clause."""
    return [
        text,
        f'"{text}" she said.',
        f"“{text.rstrip('.!?')},” he told them, “and that’s all.”",
        text.upper(),
        text.lower(),
        text.replace(" not ", "n't ").replace(" is ", "'s ").replace(" will ", "'ll "),
        f"When the rain stopped, {text[:1].lower()}{text[1:]}",
        f"She can't say -- {text} -- and won't.",
    ]


def _spans(text: str) -> list[tuple[int, int]]:
    return list(analysis.sentence_spans(text))


RULES = _pattern_rules()


def test_the_token_reading_gives_each_token_its_words_tags() -> None:
    text = "“Don't,” she said -- the 1990s’ well-known goin' rate, o'clock, Mr. Smith’s... cannot!"
    for start, end in _spans(text):
        tokens = analysis.surface_tokens(text, start, end)
        words = analysis.surface_span(text, start, end)
        assert [t.text for t in tokens] == [w.text for w in words]
        assert [analysis.surface_tags(t) for t in tokens] == [w.tags for w in words]
        assert [t.in_dialogue for t in tokens] == [w.token.in_dialogue for w in words]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_token_tests_decide_as_word_tests_on_the_rules_examples(rule: PatternRule) -> None:
    on_words = surface_tests(rule.tokens, analysis.possible_lemmas)
    on_tokens = surface_tests(rule.tokens, analysis.possible_lemmas, analysis.surface_tags)
    assert (on_words is None) is (on_tokens is None)
    if on_words is None or on_tokens is None:
        return
    examples = [*rule.bad, *rule.good, *rule.fixed]
    for other in RULES[:: max(1, len(RULES) // 12)]:  # and some other rules' sentences, which it mostly rejects
        examples.extend(other.bad[:1])
    for example in examples:
        for text in _variants(example):
            for start, end in _spans(text):
                words = analysis.surface_span(text, start, end)
                tokens = analysis.surface_tokens(text, start, end)
                assert could_match(on_tokens, tokens) is could_match(on_words, words), text[start:end]
