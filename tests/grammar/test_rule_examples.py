"""Every rule in resources/rules proves itself on its own good, bad and fixed example sentences.

Sentences go through a RuleChecker holding just that rule, so trigger words and pre-filters are tested too.
"""

from __future__ import annotations

import pytest

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.rules import Rule, RuleChecker, load_rules

RULES = load_rules()
IDS = [rule.id for rule in RULES]


def _issues(rule: Rule, sentence: str) -> list[Issue]:
    config = CheckConfig(dialect=rule.dialects[0], categories=frozenset(Category), style_rules=frozenset({rule.id}))
    return RuleChecker(config, [rule]).check(sentence)


def _apply_first(sentence: str, issues: list[Issue]) -> str:
    for issue in sorted(issues, key=lambda i: i.start, reverse=True):
        if issue.replacements:
            sentence = sentence[: issue.start] + issue.replacements[0] + sentence[issue.end :]
    return sentence


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_bad_examples_are_flagged_and_fixed(rule: Rule) -> None:
    for index, sentence in enumerate(rule.bad):
        issues = _issues(rule, sentence)
        assert issues, f"{rule.id} missed its bad example: {sentence!r}"
        assert all(issue.rule == rule.id and issue.text == sentence[issue.start : issue.end] for issue in issues)
        if rule.fixed:
            assert _apply_first(sentence, issues) == rule.fixed[index]


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_good_examples_are_left_alone(rule: Rule) -> None:
    for sentence in rule.good:
        assert not _issues(rule, sentence), f"{rule.id} flagged its good example: {sentence!r}"


FIXED = [rule for rule in RULES if rule.fixed]


@pytest.mark.parametrize("rule", FIXED, ids=[rule.id for rule in FIXED])
def test_fixed_sentences_are_clean(rule: Rule) -> None:
    for sentence in rule.fixed:
        assert not _issues(rule, sentence), f"{rule.id} still flags its own fix: {sentence!r}"
