"""Capitalisation rules (resources/rules/capitalisation.toml): the months that are also common words."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.id == "LOWERCASE_MAY_MARCH_AUGUST"]
CHECKER = family_checker(RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The letter was dated 12 march 1848.", "The letter was dated 12 March 1848."),
        ("They married in may 1920.", "They married in May 1920."),
        ("We had not seen him since last august.", "We had not seen him since last August."),
        ("The regiment left on may 3rd.", "The regiment left on May 3rd."),
    ],
)
def test_a_month_in_a_date_takes_its_capital(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, CHECKER.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "You may go when the bell rings.",
        "The march had lasted nine days.",
        "He was exhausted by the long march.",
        "She had married into an august family.",
        "It was the last march, and the worst.",
        "Twenty may come, or thirty.",
    ],
)
def test_the_verb_the_walk_and_the_adjective_stay_quiet(good: str) -> None:
    assert CHECKER.check(good) == []


NAME_CHECKER = family_checker([rule for rule in load_rules() if rule.id in {"X_PROPER_NAME_CASE", "ACRONYM_CAPITALS"}])


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The ship crossed the atlantic Ocean in May.", "The ship crossed the Atlantic Ocean in May."),
        ("She was born in Rio De janeiro.", "She was born in Rio de Janeiro."),
        ("They left new\nzealand at dawn.", "They left New Zealand at dawn."),
        ("The Kgb man lit a cigarette.", "The KGB man lit a cigarette."),
    ],
)
def test_a_whole_name_or_an_initialism_gets_its_capitals(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, NAME_CHECKER.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "The ship crossed the Atlantic Ocean in May.",
        "WELCOME TO NEW ZEALAND, the banner said.",
        "A new yorker cartoon hung by the door.",
        "The gps-free valley was quiet.",
        "He ate some dnaish thing.",
    ],
)
def test_right_spellings_headings_and_longer_words_stay_quiet(good: str) -> None:
    assert NAME_CHECKER.check(good) == []
