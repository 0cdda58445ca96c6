"""The word-class rules (patterns_wordclass.toml): a noun written where a verb must stand and back, for noun/verb
pairs with one stem (belief/believe, breath/breathe, loss/lose), with the partner made in the right number.

Sentences beyond the rules' own examples: slips they must catch with the right fix, and fiction (dialogue,
object pronouns, inverted questions, idioms) they must leave alone.
"""

from __future__ import annotations

import tomllib

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.lexicon import shipped_lexicon
from writer_app.grammar.model import Issue
from writer_app.grammar.pattern_fix import TemplateError, parse_template
from writer_app.grammar.rules import parse_rule_file
from writer_app.grammar.word_class import (
    noun_of_verb,
    noun_partner,
    noun_verb_pairs,
    verb_of_noun,
    verb_partner,
)
from writer_app.resources import resource_path

RULE_FILE = resource_path("rules") / "patterns_wordclass.toml"
RULES = parse_rule_file(RULE_FILE)
IDS = frozenset(rule.id for rule in RULES)
CHECKER = family_checker(RULES)


def _issues(sentence: str) -> list[Issue]:
    return [issue for issue in CHECKER.check(sentence) if issue.rule in IDS]


SLIPS = [
    ("The old sailor clung to his believe in sea serpents.", "The old sailor clung to his belief in sea serpents."),
    ("Nobody could shake her stubborn believe that he lived.", "Nobody could shake her stubborn belief that he lived."),
    ("The letter was the only prove we had.", "The letter was the only proof we had."),
    ("They mourned the lose of the orchard.", "They mourned the loss of the orchard."),
    ("The two brothers held opposite believes about money.", "The two brothers held opposite beliefs about money."),
    ("Every spring we life on the island.", "Every spring we live on the island."),
    ("I firmly belief the river will rise.", "I firmly believe the river will rise."),
    ("They never loss a chance to mock him.", "They never lose a chance to mock him."),
    ("You can breath again; the soldiers have gone.", "You can breathe again; the soldiers have gone."),
    ("We shall not grief for long.", "We shall not grieve for long."),
    ("Did you success in finding the key?", "Did you succeed in finding the key?"),
    ("She hoped to relief the garrison before winter.", "She hoped to relieve the garrison before winter."),
    ("He learned to breath under water.", "He learned to breathe under water."),
]


@pytest.mark.parametrize(("bad", "good"), SLIPS)
def test_word_class_slip_is_flagged_with_the_partner(bad: str, good: str) -> None:
    issues = _issues(bad)
    assert issues, bad
    assert apply_fixes(bad, issues, require_fix=True) == good
    assert not _issues(good), good


QUIET = [
    "Let her believe what she likes.",
    "They made her breathe into a paper sack.",
    "We watched her lose her temper at the fair.",
    "The wise believe little and doubt much.",
    "What did life ever give him but trouble?",
    "Could success change a man so quickly?",
    "He came to grief on the northern road.",
    "The lamp flickered back to life.",
    "I half believed him.",
    "They gave us relief from the heat.",
    "We drank to success and to the king.",
    "Everyone there believes in the old saints.",
    "“I belief you,” said old Tom, grinning.",
    "Long live the Queen!",
    "He had no choice but to leave.",
    "The relief column reached the fort at dawn.",
    "They did relief work all winter.",
    "Whoever is sensible believes it.",
]


@pytest.mark.parametrize("sentence", QUIET)
def test_fiction_objects_questions_and_idioms_stay_quiet(sentence: str) -> None:
    flagged = [i for i in _issues(sentence) if not (sentence.startswith("“") and i.text == "belief")]
    assert not flagged, [(i.rule, i.text) for i in flagged]


def test_partners_keep_the_written_number() -> None:
    lexicon = shipped_lexicon()
    assert noun_partner("believe", lexicon) == "belief"
    assert noun_partner("believes", lexicon) == "beliefs"
    assert noun_partner("loses", lexicon) == "losses"
    assert noun_partner("chooses", lexicon) == "choices"
    assert verb_partner("breath", lexicon) == "breathe"
    assert verb_partner("beliefs", lexicon) == "believes"
    assert verb_partner("lives", lexicon) == "lives"
    assert noun_partner("walk", lexicon) is None and verb_partner("table", lexicon) is None


def test_pairs_come_from_regular_alternations_checked_against_the_lexicon() -> None:
    lexicon = shipped_lexicon()
    pairs = dict(noun_verb_pairs(["belief", "breath", "proof", "loss", "choice", "success", "table", "walk"], lexicon))
    assert pairs == {
        "belief": "believe",
        "breath": "breathe",
        "proof": "prove",
        "loss": "lose",
        "choice": "choose",
        "success": "succeed",
    }
    assert verb_of_noun("believe", lexicon) is None  # a verb is not tried as a noun
    assert noun_of_verb("belief", lexicon) is None


def test_every_listed_word_has_a_derived_partner() -> None:
    """The rule file's word lists are drawn from the derived pairs: each flagged word has its partner."""
    lexicon = shipped_lexicon()
    for entry in tomllib.loads(RULE_FILE.read_text(encoding="utf-8"))["pattern"]:
        wanted = noun_partner if "|noun}" in entry["replacements"][0] else verb_partner
        words = entry["tokens"][entry["mark"] - 1]["word"]
        for word in words:
            partner = wanted(word, lexicon)
            assert partner and partner != word, (entry["id"], word)


def test_noun_and_verb_template_filters() -> None:
    template = parse_template("{2|noun}", 2)
    assert template.parts[0].filter == "noun"  # type: ignore[union-attr]
    assert parse_template("{1|verb}", 1).parts[0].filter == "verb"  # type: ignore[union-attr]
    with pytest.raises(TemplateError):
        parse_template("{1|nouns}", 1)


def test_abstract_noun_of_an_adjective_by_regular_endings() -> None:
    from writer_app.grammar.word_class import abstract_noun

    lexicon = shipped_lexicon()
    found = {word: abstract_noun(word, lexicon) for word in ("important", "absent", "urgent", "table", "walk")}
    assert found == {"important": "importance", "absent": "absence", "urgent": "urgency", "table": None, "walk": None}
    assert parse_template("{2|abstract}", 2).parts[0].filter == "abstract"  # type: ignore[union-attr]


def test_pronoun_case_template_filters() -> None:
    from writer_app.grammar.pattern_fix import _FILTERS

    assert [_FILTERS["object"](w) for w in ("I", "he", "She", "we", "they", "Tom")] == ["me", "him", "her", "us", "them", "Tom"]
    assert [_FILTERS["subject"](w) for w in ("me", "Him", "her", "us", "them", "Tom")] == ["I", "he", "she", "we", "they", "Tom"]
