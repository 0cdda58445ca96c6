"""The countability family (patterns_countability.toml): counted words before uncounted nouns, "much" and
"less" before plural count nouns, numbers before singular nouns, "most of" + a bare noun and "too" before a
number, checked through the real pipeline on sentences of our own."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rulefile import parse_rule_file
from writer_app.resources import resource_path

RULES = parse_rule_file(resource_path("rules", "patterns_countability.toml"))


def _issues(text: str, strict: bool = False) -> list[Issue]:
    return family_checker(RULES, strict).check(text)


def _fixed(text: str) -> str:
    return apply_fixes(text, _issues(text), require_fix=True)


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        # a counting word before a noun nobody counts
        ("Every equipment on the boat was soaked.", "Equipment on the boat was soaked."),
        ("She had asked for one advice and got ten.", "She had asked for advice and got ten."),
        ("He never earned many money at the mill.", "He never earned much money at the mill."),
        ("How many furniture will the cart hold?", "How much furniture will the cart hold?"),
        ("The lamp gave fewer light than the candle.", "The lamp gave less light than the candle."),
        # much / less before a plural count noun
        ("There were not much chairs in the hall.", "There were not many chairs in the hall."),
        ("This year the orchard bore less pears.", "This year the orchard bore fewer pears."),
        # "most of" + a bare noun
        ("All of villagers came to the wedding.", "All villagers came to the wedding."),
        ("Many of soldiers had no boots.", "Many soldiers had no boots."),
        # "too" for "to" before a number
        ("The price rose from six too nine pence.", "The price rose from six to nine pence."),
        ("Then all of sudden the dog barked.", "Then all of a sudden the dog barked."),
        ("Why did he all the sudden go quiet?", "Why did he all of a sudden go quiet?"),
        # "a" before a round number
        ("The ferry carried nearly hundred passengers.", "The ferry carried nearly a hundred passengers."),
    ],
)
def test_each_pattern_is_flagged_and_fixed_by_its_grammar(bad: str, good: str) -> None:
    assert _fixed(bad) == good
    assert not _issues(good)


@pytest.mark.parametrize(
    "text",
    [
        # measure phrases, times and idioms with numbers
        "He paid with a five pound note.",
        "The wall was nine foot high.",
        "She was a six stone slip of a girl.",
        "They met at half past seven.",
        "The clock struck two and then three.",
        "He rode with forty head of cattle.",
        "The two sheep wandered off.",
        "Three hundred men held the pass.",
        "Book Two opens in winter.",
        "A two storey house stood at the corner.",
        "The seven dwarfs sang as they worked.",
        "The score was nine all.",
        # quantities that are right as they stand
        "One less worry for her mother.",
        "It weighed less than nine pounds.",
        "He had no less courage than his father.",
        "Much news reached them that week.",
        "Much thanks, old friend.",
        "There were fewer than twenty left.",
        "Fewer ships sailed that winter.",
        "Most of the time she sang.",
        "All of us were tired.",
        "Some of it was true.",
        "Most of London slept.",
        "He made the most of apples and pears that year.",
        "It was the best of all worlds.",
        "Every piece of furniture was sold.",
        "Each information desk had a queue.",
        "She ate one too many plums.",
        "He came too, with two friends.",
        "It was too 1960s for her taste.",
        "I'll be home from nine tomorrow.",
        "He was one of the family by then.",
        "One of the crowd threw a stone.",
        "She was one of the wounded.",
        "He was one of the old school, stiff and kind.",
        "One of the Bennet sisters sang.",
        "One of the rank and file stepped forward.",
        "They walked nearly two hundred miles.",
        "Some hundred men followed him.",
        # dialogue: a character's grammar is voice
        "“I seen three dog down the lane,” said Jem.",
        "“We got less beans than them,” the boy said.",
    ],
)
def test_measures_idioms_and_dialogue_stay_quiet(text: str) -> None:
    assert [(i.rule, i.text) for i in _issues(text)] == []


def test_a_characters_counting_is_flagged_when_the_writer_asks_for_strict() -> None:
    text = "“We got less beans than them,” the boy said."
    assert _issues(text, strict=True) and not _issues(text)


def test_a_counted_mass_noun_offers_dropping_the_counter_first() -> None:
    (issue,) = _issues("Each advice was wiser than the last.")
    assert issue.rule == "PAT_COUNTED_MASS_NOUN"
    assert issue.replacements[0] == "Advice"
    assert "every piece of advice" in [r.lower() for r in issue.replacements]
