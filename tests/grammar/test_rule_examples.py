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


def _full_checkers() -> dict[str, object]:
    from writer_app.grammar.factory import build_checker

    styles = frozenset(rule.id for rule in RULES)
    return {d: build_checker(CheckConfig(dialect=d, categories=frozenset(Category), style_rules=styles)) for d in ("en-US", "en-GB")}


def test_bad_examples_keep_their_fix_when_overlapping_underlines_merge() -> None:
    """The full checker merges overlapping issues into one: the one kept must still make the same fix."""
    checkers = _full_checkers()
    lost = []
    for rule in FIXED:
        for sentence in rule.bad:
            for own in _issues(rule, sentence):
                merged = [i for i in checkers[rule.dialects[0]].check(sentence) if i.start < own.end and own.start < i.end]
                if _apply_first(sentence, merged) != _apply_first(sentence, [own]):
                    lost.append((rule.id, sentence, [(i.rule, i.replacements[:1]) for i in merged]))
    assert not lost


RELAXED = [rule for rule in RULES if getattr(rule, "relaxed_in_dialogue", False)]


@pytest.mark.parametrize("rule", RELAXED, ids=[rule.id for rule in RELAXED])
def test_relaxed_rules_leave_a_characters_speech_alone_unless_strict(rule: Rule) -> None:
    for sentence in rule.bad:
        spoken = f"“{sentence}” she said."
        assert not _issues(rule, spoken), f"{rule.id} flagged speech: {spoken!r}"
        config = CheckConfig(dialect=rule.dialects[0], categories=frozenset(Category), strict_dialogue=True,
                             style_rules=frozenset({rule.id}))  # optional rules too
        assert RuleChecker(config, [rule]).check(spoken), f"{rule.id} missed strict speech: {spoken!r}"
