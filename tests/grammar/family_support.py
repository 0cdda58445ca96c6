"""Shared helpers for the tests of one rule family: a checker over the family's rules, and applying fixes."""

from __future__ import annotations

from collections.abc import Iterable

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.rules import RuleChecker


def family_checker(rules: Iterable, strict_dialogue: bool = False, dialect: str = "en-US") -> RuleChecker:
    """A checker that runs only ``rules``, with every category on (and dialogue strict when asked)."""
    config = CheckConfig(dialect=dialect, categories=frozenset(Category), strict_dialogue=strict_dialogue)
    return RuleChecker(config, list(rules))


def apply_fixes(text: str, issues: Iterable[Issue], require_fix: bool = False) -> str:
    """``text`` with each issue's first replacement applied, right to left (an issue with none is skipped)."""
    for issue in sorted(issues, key=lambda i: i.start, reverse=True):
        assert issue.replacements or not require_fix, f"{issue.rule} offers no fix in {text!r}"
        if issue.replacements:
            text = text[: issue.start] + issue.replacements[0] + text[issue.end :]
    return text
