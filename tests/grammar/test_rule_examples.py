"""Every rule in resources/rules proves itself on its own good, bad and fixed example sentences."""

from __future__ import annotations

import re

import pytest

from writer_app.grammar.rules import Rule, load_rules

RULES = load_rules()


def _issues(rule: Rule, sentence: str):
    return list(rule.find(sentence))


def _apply_first(sentence: str, issues) -> str:
    for issue in sorted(issues, key=lambda i: i.start, reverse=True):
        if issue.replacements:
            sentence = sentence[: issue.start] + issue.replacements[0] + sentence[issue.end :]
    return sentence


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_bad_examples_are_flagged_and_fixed(rule: Rule) -> None:
    for index, sentence in enumerate(rule.bad):
        issues = _issues(rule, sentence)
        assert issues, f"{rule.id} missed its bad example: {sentence!r}"
        assert all(issue.rule == rule.id for issue in issues)
        words = {w.lower() for w in re.findall(r"\w+", sentence)}
        assert rule.triggers is None or words & rule.triggers, f"{rule.id}: triggers {sorted(rule.triggers)} miss {sentence!r}"
        if rule.fixed:
            assert _apply_first(sentence, issues) == rule.fixed[index]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_good_examples_are_left_alone(rule: Rule) -> None:
    for sentence in rule.good:
        assert not _issues(rule, sentence), f"{rule.id} flagged its good example: {sentence!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fixed], ids=[r.id for r in RULES if r.fixed])
def test_fixed_sentences_are_clean(rule: Rule) -> None:
    for sentence in rule.fixed:
        assert not _issues(rule, sentence), f"{rule.id} still flags its own fix: {sentence!r}"
