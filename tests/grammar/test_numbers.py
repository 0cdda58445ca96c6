"""Numbers in prose (resources/rules/numbers.toml): clock shorthands, currency signs, decades."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.path.name == "numbers.toml"]
CHECKER = family_checker(RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The coach was 3 hrs late.", "The coach was 3 hours late."),
        ("She boiled the eggs for 4 mins exactly.", "She boiled the eggs for 4 minutes exactly."),
        ("Hold your breath for 20 secs.", "Hold your breath for 20 seconds."),
        ("The ring cost him 1,200$ in the end.", "The ring cost him $1,200 in the end."),
        ("A loaf was 9¢ then, or ¢10 on Sundays.", "A loaf was 9¢ then, or 10¢ on Sundays."),
        ("They emigrated in 1880s, like so many.", "They emigrated in the 1880s, like so many."),
    ],
)
def test_shorthand_and_misplaced_signs_are_fixed(bad: str, fixed: str) -> None:
    assert apply_fixes(bad, CHECKER.check(bad), require_fix=True) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "The coach was three hours late.",
        "The ring cost him $1,200 in the end.",
        "They emigrated in the 1880s, like so many.",
        "They emigrated in 1880, like so many.",
        "In 1890's cold spring the river froze.",
        "My grandmother danced through 1920s Paris.",
        "Born in 1950s Ohio and raised in 1960s Detroit, he never left.",
        "He read the minutes of the meeting.",
    ],
)
def test_plain_figures_and_possessive_years_stay_quiet(good: str) -> None:
    assert CHECKER.check(good) == []
