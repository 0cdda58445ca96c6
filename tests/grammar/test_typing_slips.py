"""Keyboard slips (resources/rules/typing_slips.toml): two forms of "be" left side by side."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.path.name == "typing_slips.toml"]
CHECKER = family_checker(RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The horses are were tired.", "The horses are tired."),
        ("She's was the eldest.", "She's the eldest."),
        ("The road might be be flooded.", "The road might be flooded."),
    ],
)
def test_a_leftover_form_of_be_is_removed(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, CHECKER.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "What she was was frightened.",
        "All it is is a rumour.",
        "The house had been being built for years.",
        "Whoever he is, is no friend of mine.",
        "The trouble is, is that nobody knows.",
    ],
)
def test_a_clause_as_subject_and_the_passive_progressive_stay_quiet(good: str) -> None:
    assert CHECKER.check(good) == []
