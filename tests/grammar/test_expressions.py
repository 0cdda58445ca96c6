"""Fixed expressions (resources/rules/expressions.toml): a clock time said twice."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.id == "EXPR_AM_IN_THE_MORNING"]
CHECKER = family_checker(RULES)


@pytest.mark.parametrize(
    ("bad", "choices"),
    [
        ("He rose at 5 a.m. in the morning.", ("He rose at 5 a.m.", "He rose at 5 in the morning.")),
        ("At six am in the morning, the cart came.", ("At six am, the cart came.", "At six in the morning, the cart came.")),
        ("The ball ended at 11 P.M. at night.", ("The ball ended at 11 P.M.", "The ball ended at 11 at night.")),
        ("We dined at 7pm in the evening", ("We dined at 7pm", "We dined at 7 in the evening")),
    ],
)
def test_either_half_of_a_doubled_time_can_go_and_one_full_stop_stays(bad: str, choices: tuple[str, str]) -> None:
    (issue,) = CHECKER.check(bad)
    assert tuple(bad[: issue.start] + r + bad[issue.end :] for r in issue.replacements) == choices


@pytest.mark.parametrize(
    "good",
    ["He rose at 5 a.m. and dressed.", "He rose at five in the morning.", "At 4 a.m. the morning mist had gone."],
)
def test_one_way_of_telling_the_time_stays_quiet(good: str) -> None:
    assert CHECKER.check(good) == []
