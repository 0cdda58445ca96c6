"""The verb-form family (resources/rules/patterns_verbs.toml) on sentences of its own.

After a modal, an auxiliary or "to", the verb takes the form the auxiliary asks for; fixes are made by
inflection from the lemma. Nouns and adjectives after "to" ("to pieces", "to used cars"), a main-verb "had"
and a character's dialect stay quiet.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import RuleChecker, load_rules

FAMILY_FILE = "patterns_verbs.toml"
RULES = [rule for rule in load_rules() if rule.path.name == FAMILY_FILE]
CHECKER = family_checker(RULES)
STRICT = family_checker(RULES, strict_dialogue=True)


def _issues(text: str, checker: RuleChecker = CHECKER) -> list[Issue]:
    return checker.check(text)


def test_every_rule_of_the_family_has_a_gate() -> None:
    assert RULES and all(rule.kind == "pattern" and rule.gate is not None for rule in RULES)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # A verb in -ed after "to" that follows a verb or adjective taking a to-infinitive.
        ("They were unable to crossed the ford after the rain.", "They were unable to cross the ford after the rain."),
        ("He had to climbed the tower in the dark.", "He had to climb the tower in the dark."),
        # has + a past tense, also inside a relative clause.
        ("The wagon which the twins have loaded has went down the lane.",
         "The wagon which the twins have loaded has gone down the lane."),
        ("She has wrote to her aunt twice.", "She has written to her aunt twice."),
        # been + a plain or past-tense verb.
        ("A curfew has been impose on the town.", "A curfew has been imposed on the town."),
        ("The ballad had been sang at every wedding.", "The ballad had been sung at every wedding."),
    ],
)
def test_the_wrong_verb_form_is_flagged_and_fixed(text: str, fixed: str) -> None:
    issues = _issues(text)
    assert issues, text
    assert apply_fixes(text, issues, require_fix=True) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "The colt refused to jump the ditch.",
        "The old house went to pieces after the war.",
        "They went to used bookshops on Saturdays.",
        "She had to attend to his needs.",
        "He tried to come to terms with it.",
        "They need the funds released before spring.",
        "All the money they had went on rent.",
        "He wanted to be liked.",
        "She seemed to Nicholas a stranger.",
        "He had been ill since the thaw.",
        "She has been home all day.",
        "It had been a hard winter.",
        "They have been friends since school.",
        "“He has went home,” the boy said.",
    ],
)
def test_right_forms_nouns_after_to_and_dialogue_stay_quiet(text: str) -> None:
    assert _issues(text) == [], text


def test_a_characters_grammar_is_flagged_only_when_the_check_is_strict() -> None:
    text = "“I had to climbed it,” said the boy."
    assert _issues(text) == []
    assert [issue.text for issue in _issues(text, STRICT)] == ["climbed"]
