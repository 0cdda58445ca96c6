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


PUNCTUATION = family_checker([rule for rule in load_rules() if rule.id.startswith("MISSING_SPACE_AFTER_S")])


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The candle guttered.A draught had found it.", "The candle guttered. A draught had found it."),
        ("Who knocked?I called from the stairs.", "Who knocked? I called from the stairs."),
        ("The bread was stale;nobody complained.", "The bread was stale; nobody complained."),
    ],
)
def test_a_space_lost_after_a_full_stop_or_semicolon_is_restored(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, PUNCTUATION.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize("good", ["He had a Ph.D and a temper.", "The U.S.A. was young then.", "Fish &amp;chips."])
def test_abbreviations_and_entities_stay_quiet(good: str) -> None:
    assert PUNCTUATION.check(good) == []
