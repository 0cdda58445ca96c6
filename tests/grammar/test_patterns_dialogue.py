"""The dialogue-punctuation family (resources/rules/patterns_dialogue.toml) on sentences of its own.

Each sentence goes through a checker holding only the family's rules, over the real linguistic pipeline;
fiction's quiet cases (action beats, quoted words a sentence mentions, names, fragments) must stay quiet.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from tests.grammar.pattern_support import CountingAnalyser
from writer_app.grammar.model import Issue
from writer_app.grammar.pattern_pass import PatternPass
from writer_app.grammar.rules import load_rules

RULE_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules"
FAMILY = (
    "PERIOD_BEFORE_DIALOGUE_TAG",
    "DIALOGUE_TAG_AFTER_FULL_STOP",
    "CAPITAL_DIALOGUE_TAG",
    "CAPITAL_DIALOGUE_TAG_VERB",
    "COMMA_OUTSIDE_DIALOGUE",
    "DIALOGUE_TAG_WITHOUT_COMMA",
    "COMMA_AFTER_INTRODUCTORY_HOWEVER",
    "COMMA_AFTER_INTRODUCTORY_LINKING_ADVERB",
    "COMMA_AFTER_FOR_EXAMPLE",
)
RULES = [rule for rule in load_rules() if rule.id in FAMILY]
CHECKER = family_checker(RULES)


def _issues(text: str) -> list[Issue]:
    return CHECKER.check(text)


def _fixed(text: str) -> str:
    return apply_fixes(text, _issues(text))


def test_the_family_keeps_the_ids_writers_may_have_ignored() -> None:
    assert {rule.id for rule in RULES} == set(FAMILY)
    for old in ("COMMA_OUTSIDE_DIALOGUE", "PERIOD_BEFORE_DIALOGUE_TAG", "CAPITAL_DIALOGUE_TAG"):
        assert next(rule for rule in RULES if rule.id == old).kind == "pattern"


def test_the_old_regex_entries_are_gone_from_punctuation_toml() -> None:
    data = tomllib.loads((RULE_DIR / "punctuation.toml").read_text(encoding="utf-8"))
    assert not {entry["id"] for entry in data.get("rule", [])} & set(FAMILY)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # A full stop before a tag that goes on in lower case: any speech verb, any tense, inverted tags.
        ("“The bridge is out.” she told the driver.", "“The bridge is out,” she told the driver."),
        ("“Bring the lamp.” whispered Ada.", "“Bring the lamp,” whispered Ada."),
        ("“The tide turns at six.” the ferryman says.", "“The tide turns at six,” the ferryman says."),
        ("'Keep still.' he hissed.", "'Keep still,' he hissed."),
        # The comma outside the closing quotation mark.
        ("“Later”, he promised.", "“Later,” he promised."),
        ("\"Over there\", said Bea.", "\"Over there,\" said Bea."),
        ("“Row harder”, the captain shouted.", "“Row harder,” the captain shouted."),
        # No punctuation at all before the tag.
        ("“Row harder” the captain shouted.", "“Row harder,” the captain shouted."),
        ("“I never touched it” Jonah insisted.", "“I never touched it,” Jonah insisted."),
        ("“Follow the river” said the ranger.", "“Follow the river,” said the ranger."),
        # A capital after a comma or a question mark that opens the tag.
        ("“Leave it,” She snapped.", "“Leave it,” she snapped."),
        ("“Is it raining?” She wondered aloud.", "“Is it raining?” she wondered aloud."),
        ("“Help!” They screamed.", "“Help!” they screamed."),
        ("“Enough,” Muttered Grandpa.", "“Enough,” muttered Grandpa."),
        ("“Where to?” Called the driver.", "“Where to?” called the driver."),
        # "However" meaning "but" at the start of a narrated sentence.
        ("However their horses were lame.", "However, their horses were lame."),
        ("It snowed. However Jonah went out anyway.", "It snowed. However, Jonah went out anyway."),
        ("Additionally the roof leaked.", "Additionally, the roof leaked."),
        ("Conversely Bea hated the sea.", "Conversely, Bea hated the sea."),
        ("For instance the clock ran backwards.", "For instance, the clock ran backwards."),
    ],
)
def test_tag_punctuation_is_flagged_and_fixed(text: str, fixed: str) -> None:
    assert _issues(text), f"missed: {text!r}"
    assert _fixed(text) == fixed
    assert not _issues(fixed), f"still flags its own fix: {fixed!r}"


@pytest.mark.parametrize(
    "text",
    [
        "“The bridge is out.” Wilhelmina said.",
        "“Nobody move.” Inspector Hale murmured.",
        "“I saw him first.” I said.",
        "“Shut the gate.” She shouted, already running.",
    ],
)
def test_a_tag_after_a_full_stop_is_flagged_without_a_fix(text: str) -> None:
    issues = _issues(text)
    assert [issue.rule for issue in issues] == ["DIALOGUE_TAG_AFTER_FULL_STOP"]
    assert "comma" in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        # Right punctuation, every shape of tag.
        "“The bridge is out,” she told the driver.",
        "“Bring the lamp,” whispered Ada.",
        "“Is it raining?” she wondered aloud.",
        "“Help!” they screamed.",
        "“Enough,” muttered Grandpa, “or we’ll be here all night.”",
        # Action beats are sentences of their own.
        "“Bring the lamp.” She lit a match.",
        "“Fine.” Jonah shrugged and walked off.",
        "“Are you coming?” He pulled on his boots.",
        "“No!” She laughed.",
        "“Why not?” They agreed to wait and see.",
        "“Well?” He asked for nothing more.",
        # A speech verb in the next sentence that is not a tag.
        "“Bring the lamp.” Ada said nothing for a while.",
        "“Bring the lamp.” Ada said it was in the shed.",
        "“Go.” Ada told him to hurry.",
        # Quoted words a sentence mentions.
        "The locals call it “the Drowning”, she explained.",
        "Everyone knew him as “Doc” and he liked it.",
        "His “shortcut” added an hour to the trip.",
        "“Uncle” went on whittling by the stove.",
        "“Captain” told him to hold his tongue.",
        # Interruptions, trailing speech, questions and exclamations need no comma.
        "“If you would just—” he began.",
        "“Perhaps…” she murmured.",
        "“Who’s there?” he called.",
        "“Run!” shouted the boy.",
        # Fragments, names, dialect inside the quotation.
        "“Ain’t nobody home,” said Cletus.",
        "“Yep.”",
        "Ada. Jonah. The ferryman.",
        "Mrs. Hale said goodbye at the door.",
        # "However" as "in whatever way", inside speech, or not opening the sentence.
        "However quietly he moved, the dog heard him.",
        "However the letter reached her, she never said.",
        "However this might end, she would not run.",
        "“However he does it I don’t care.”",
        "And however they begged he would not stay.",
        "Moreover, nobody had asked her.",
        "There was moreover the matter of the rent.",
        "“Alternatively we could swim,” Jonah said.",
        "Nevertheless he went.",
        "Meanwhile the kettle boiled.",
        "For a moment the house was still.",
    ],
)
def test_right_dialogue_and_narration_stay_quiet(text: str) -> None:
    assert not _issues(text), [(i.rule, i.text) for i in _issues(text)]


def test_only_sentences_with_a_quotation_beside_a_tag_are_analysed() -> None:
    analyser = CountingAnalyser()
    family = PatternPass([rule for rule in RULES if rule.kind == "pattern"], analyser)
    narration = "He said that the road was long. She asked him twice, and Marcus replied with a shrug."
    assert family.check(narration, set(narration.lower().replace(",", " ").replace(".", " ").split())) == []
    assert analyser.calls == []
    spoken = "It rained. “Come in.” she said."
    family.check(spoken, {"it", "rained", "come", "in", "she", "said"})
    assert analyser.calls == ["“Come in.” she said."]
