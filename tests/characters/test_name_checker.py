"""The cast's spellings as a checking engine: issues with the cast spelling as the fix, accepted words left alone."""

from __future__ import annotations

from writer_app.characters.name_checker import NameChecker
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category


def test_each_slip_becomes_a_names_issue_that_can_be_fixed_everywhere() -> None:
    checker = NameChecker(CheckConfig(cast_names=frozenset({"Marcus Tate", "Marcus", "Tate"})))
    [issue] = checker.check("Then Markus's dog ran.")
    assert (issue.start, issue.end, issue.text) == (5, 13, "Markus's")
    assert issue.replacements == ("Marcus's",) and issue.category is Category.NAMES and issue.fix_all_safe
    assert issue.message == "The cast spells this name Marcus's."


def test_a_word_the_writer_accepted_is_not_a_slip_even_near_a_cast_name() -> None:
    config = CheckConfig(cast_names=frozenset({"Marcus"}), known_words=frozenset({"Marcus", "Markus"}))
    assert NameChecker(config).check("Markus and Markus's friend.") == []
