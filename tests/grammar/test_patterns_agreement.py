"""The agreement family (resources/rules/patterns_agreement.toml) on sentences of its own.

Each sentence goes through a checker holding only the family's rules, over the real linguistic pipeline:
the head of the subject decides the verb across of-phrases, prepositional phrases, parentheses and
subordinate clauses; coordinated subjects, names, titles, quantities, collective nouns and dialogue stay quiet.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import RuleChecker, load_rules

FAMILY_FILE = "patterns_agreement.toml"
RULES = [rule for rule in load_rules() if rule.path.name == FAMILY_FILE]
CHECKER = family_checker(RULES)
STRICT = family_checker(RULES, strict_dialogue=True)


def _issues(text: str, checker: RuleChecker = CHECKER) -> list[Issue]:
    return checker.check(text)


def test_the_family_is_token_pattern_rules_gated_for_speed() -> None:
    assert all(rule.kind == "pattern" for rule in RULES)
    # Rules whose trigger words are common must have a gate that reads the surface first.
    assert all(rule.gate is not None for rule in RULES if rule.triggers & {"the", "is", "was", "there", "one"})


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # The head of an of-phrase or a prepositional phrase decides, not the nearest noun.
        ("The sacks of flour by the door was soaked through.", "The sacks of flour by the door were soaked through."),
        ("The candles in the chapel was guttering.", "The candles in the chapel were guttering."),
        # A parenthesis between commas does not change the subject.
        ("The ducks, to nobody's surprise, was loose again.", "The ducks, to nobody's surprise, were loose again."),
        ("The orchards, however, is bare this year.", "The orchards, however, are bare this year."),
        ("Her brothers, Sam and Joe, has gone to the fair.", "Her brothers, Sam and Joe, have gone to the fair."),
        # Subordinate clauses.
        ("Nobody asked whether the lanterns was lit.", "Nobody asked whether the lanterns were lit."),
        ("We waited until dark, when the roads is quiet.", "We waited until dark, when the roads are quiet."),
        ("I doubt whether the twins, after that quarrel, speaks to each other.",
         "I doubt whether the twins, after that quarrel, speak to each other."),
        # there is/was + a plural noun, and the questions.
        ("There was never enough blankets in that house.", "There were never enough blankets in that house."),
        ("In spring there is lambs in every field.", "In spring there are lambs in every field."),
        ("Was there horses in the stable?", "Were there horses in the stable?"),
        # one of the + a singular noun.
        ("It was one of the coldest winter anyone remembered.", "It was one of the coldest winters anyone remembered."),
        ("She hid one of the silver spoon in her sleeve.", "She hid one of the silver spoons in her sleeve."),
    ],
)
def test_a_verb_or_noun_that_disagrees_is_flagged_and_fixed(text: str, fixed: str) -> None:
    issues = _issues(text)
    assert issues, text
    assert apply_fixes(text, issues, require_fix=True) == fixed


@pytest.mark.parametrize(
    "text",
    [
        # Agreeing sentences, including the same shapes as above.
        "The sacks of flour by the door were soaked through.",
        "The ducks, to nobody's surprise, were loose again.",
        "Nobody asked whether the lanterns were lit.",
        "There were never enough blankets in that house.",
        "It was one of the coldest winters anyone remembered.",
        # The head is singular although a plural noun stands next to the verb.
        "The key to the cellars was lost.",
        "The captain of the dragoons was a tall man.",
        # Quantities, titles, names and nouns plural only in form.
        "Ten miles is a long way on foot.",
        "Three hundred pounds was the price of the mare.",
        "The Pickwick Papers is on the top shelf.",
        "Great Expectations was her mother's favourite.",
        "Athens was hot and dusty.",
        "The news was worse than anyone feared.",
        "The series was finished before the war.",
        "There was no means of crossing the river.",
        # Coordinated subjects and collective nouns.
        "The mill and the barns were sold.",
        "He was one of the family by then.",
        "She was one of the crowd that followed the cart.",
        "At one of the clock the bells rang.",
        "It kept reminding one of his father.",
        "A number of carts were waiting.",
        "The number of carts was growing.",
        # Inverted questions and "there" as an adverb.
        "By what roads was it reached?",
        "The fool there is making trouble again.",
        "There's rooms enough for all of you.",
        # Dialogue is a character's voice.
        "“The horses is tired,” said the carter.",
        "“There was hundreds of them,” Huck said.",
        # Fragments.
        "Horses, carts, and the smell of rain.",
    ],
)
def test_agreeing_sentences_fiction_and_dialogue_stay_quiet(text: str) -> None:
    assert _issues(text) == [], text


def test_a_characters_dialect_is_flagged_only_when_the_check_is_strict() -> None:
    text = "“The horses in the yard was tired,” said the carter."
    assert _issues(text) == []
    assert [issue.text for issue in _issues(text, STRICT)] == ["was"]


def test_criteria_before_a_noun_is_a_modifier_and_stays_quiet() -> None:
    rules = [rule for rule in load_rules() if rule.id == "AGR_CRITERION_SINGULAR"]
    checker = family_checker(rules)
    assert checker.check("The judges kept a criteria sheet by the door.") == []
    assert [issue.text for issue in checker.check("Courage was a criteria, and so was luck.")] == ["criteria"]
