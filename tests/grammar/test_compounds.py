"""Joined and split words (resources/rules/compounds.toml): phrasal verbs, unit adjectives, in-depth."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.path.name == "compounds.toml"]
CHECKER = family_checker(RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("I'll pickup the parcel at noon.", "I'll pick up the parcel at noon."),
        ("We should never breakup the estate.", "We should never break up the estate."),
        ("You can't checkout before the bill is paid.", "You can't check out before the bill is paid."),
        ("They promised to quickly cleanup the yard.", "They promised to quickly clean up the yard."),
        ("The twins roller skated past the church.", "The twins roller-skated past the church."),
        ("He had a six hour ride ahead of him.", "He had a six-hour ride ahead of him."),
        ("It was our 40 mile march that broke them.", "It was our 40-mile march that broke them."),
        ("She wrote an in depth study of the parish.", "She wrote an in-depth study of the parish."),
    ],
)
def test_joined_verbs_and_compound_adjectives_are_fixed(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, CHECKER.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "The breakup of the estate took years.",
        "His comeback surprised the town.",
        "She walked to checkout with her basket.",
        "The road to breakup was short.",
        "Their workout began at dawn.",
        "A pair of roller skates hung on the nail.",
        "They rode for six hours without rest.",
        "The six hours passed slowly.",
        "He was six feet tall and two days late.",
        "She examined the letter in depth.",
        "Good cooks were in demand that season.",
    ],
)
def test_nouns_and_open_phrases_stay_quiet(good: str) -> None:
    assert CHECKER.check(good) == []
