"""Typography rules (resources/rules/typography.toml): a wrong character typed for an apostrophe."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.path.name == "typography.toml"]
CHECKER = family_checker(RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("I couldn;t sleep for the noise.", "I couldn't sleep for the noise."),
        ("They;re waiting at the gate.", "They're waiting at the gate."),
        ("WE DON`T SURRENDER.", "WE DON'T SURRENDER."),
        ("The widow´s cottage stood empty.", "The widow's cottage stood empty."),
    ],
)
def test_a_semicolon_or_accent_in_a_contraction_becomes_an_apostrophe(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, CHECKER.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "She paused; then she spoke.",
        "He had won; the others had not.",
        "Bring bread; salt; and candles.",
        "The café's door was open.",
    ],
)
def test_semicolons_between_clauses_stay_quiet(good: str) -> None:
    assert CHECKER.check(good) == []
