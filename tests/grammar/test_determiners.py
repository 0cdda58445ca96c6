"""The determiner family (patterns_determiners.toml): agreement with a plural noun phrase, determiners that do
not fit their noun, and a missing "to", checked through the real pipeline on sentences of our own."""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rulefile import parse_rule_file
from writer_app.resources import resource_path

RULES = parse_rule_file(resource_path("rules", "patterns_determiners.toml"))


def _issues(text: str, strict: bool = False) -> list[Issue]:
    return family_checker(RULES, strict).check(text)


def _fixed(text: str) -> str:
    return apply_fixes(text, _issues(text), require_fix=True)


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        # a plural subject with a verb in -s, however the subject is built
        ("The lanterns swings in the wind.", "The lanterns swing in the wind."),
        ("Their daughters has married farmers.", "Their daughters have married farmers."),
        ("The ravens was back on the roof.", "The ravens were back on the roof."),
        ("The keys of the cellar hangs by the stove.", "The keys of the cellar hang by the stove."),
        ("Both of us knows the way.", "Both of us know the way."),
        ("By noon several travellers needs a bed.", "By noon several travellers need a bed."),
        ("He waited until the candles burns down.", "He waited until the candles burn down."),
        ("Those three is the last of the family.", "Those three are the last of the family."),
        ("She pays cousins who lives nearby.", "She pays cousins who live nearby."),
        ("The miller does not wants the land.", "The miller does not want the land."),
        # determiners that do not fit their noun
        ("She gave the a coin to the boy.", "She gave a coin to the boy."),
        ("He borrowed a their cart.", "He borrowed their cart."),
        ("A fox took a hens from the yard.", "A fox took a hen from the yard."),
        ("He wanted a furniture for the parlour.", "He wanted furniture for the parlour."),
        ("Nobody mended this fences.", "Nobody mended these fences."),
        ("Those candle are for the chapel.", "Those candles are for the chapel."),
        ("She had many cousin in Kent.", "She had many cousins in Kent."),
        ("He carved a small wooden horses for the boy.", "He carved a small wooden horse for the boy."),
        ("Then an honest men came to the door.", "Then an honest man came to the door."),
        ("A deep knowledge is a comfort in old age.", "Deep knowledge is a comfort in old age."),
        ("She climbed the it stair to the attic.", "She climbed the stair to the attic."),
        ("The shepherds dog is lame.", "The shepherd's dog is lame."),
        ("The weavers cottage was cold.", "The weaver's cottage was cold."),
        ("He found our the key under the mat.", "He found our key under the mat."),
        ("It was the precisely the hour she feared.", "It was precisely the hour she feared."),
        ("Those two wants the same field.", "Those two want the same field."),
        ("It was an another long winter.", "It was another long winter."),
        ("The should have waited for the tide.", "They should have waited for the tide."),
        ("It does a man good to speak ones mind.", "It does a man good to speak one's mind."),
        # a missing "to"
        ("He wanted see the ships before he died.", "He wanted to see the ships before he died."),
        ("We were going tell them nothing.", "We were going to tell them nothing."),
        ("She decided answer the letter at once.", "She decided to answer the letter at once."),
    ],
)
def test_each_pattern_is_flagged_and_fixed_by_its_grammar(bad: str, good: str) -> None:
    assert _fixed(bad) == good
    assert not _issues(good)


@pytest.mark.parametrize(
    "text",
    [
        # fiction, names and fragments
        "The Thompsons owns nothing; the bank does.",
        "Mr. Woods says the ice is thin.",
        "The news reaches the village late.",
        "The woman who sells the eggs walks from Dunmore.",
        "The girl the boys tease sits alone.",
        "Ten miles is a long way on foot.",
        "Many a sailor has drowned there.",
        "A great many horses were lost.",
        "A few coins rattle in his pocket.",
        "It was a sports day.",
        "They carried a luggage trolley between them.",
        "This means trouble.",
        "These sheep graze on the hill.",
        "Those present kept silent.",
        "Those kind of men never change.",
        "He had several thousand pounds.",
        "He was going home, going fast.",
        "All you need do is wait.",
        "The going was slow.",
        "She wanted help from the vicar.",
        "Up the lane and over the stile.",
        "Rooks. Crows. Ravens.",
        "The Hendersons keeps bees, Mr. Hollis says.",
        "Her parents' house stands empty.",
        "The politics of the village bores him.",
        "The faces of the soldiers were black with smoke.",
        "Many thanks for the loan.",
        "These days she rises early.",
        "She needed sleep the way a plant needs water.",
        "He owned a glasses case.",
        "What a lovely evening.",
        "This series bores me.",
        "She had many a sleepless night.",
        "Did not the candles gutter?",
        "She had a sound knowledge of Latin.",
        "They came to an accommodation with the miller.",
        "One told stories, another sang, a third odd things were said.",
        "He fed the horses hay.",
        "The songs grandmother sang were old.",
        "The letters Anna wrote were burnt.",
        "The sports ground was flooded.",
        "The customs officer was kind.",
        "The Joneses dog is barking.",
        "Is it a he or a she?",
        "She wept, for he never wrote.",
        "On he rode through the night.",
        "In he came, wet through.",
        "The more the merrier.",
        "Oh my, the roses!",
        "These days the mill is quiet.",
        "The will was read in the parlour.",
        "She fed the young ones first.",
        "Which ones were yours?",
        "Those years passed slowly.",
        # dialect and slang inside dialogue are the character's voice
        "“Them boys runs wild,” said Gran.",
        "“The horses was hungry,” the stable lad said.",
        "“These here apples is sour,” he said.",
        "“I want go home,” she sobbed.",
        "“Them two is trouble,” said the sergeant.",
        "“He don't needs nobody,” Jess muttered.",
        "“The farmers dog bites,” the child said.",
    ],
)
def test_fiction_names_fragments_and_dialogue_stay_quiet(text: str) -> None:
    assert [(i.rule, i.text) for i in _issues(text)] == []


def test_dialogue_is_checked_when_the_writer_asks_for_strict() -> None:
    text = "“The horses was hungry,” the stable lad said."
    assert not _issues(text)
    assert [i.text for i in _issues(text, strict=True)] == ["was"]


def test_a_doubled_article_offers_either_article() -> None:
    (issue,) = _issues("He read the a letter twice.")
    assert issue.rule == "PAT_DOUBLED_ARTICLE"
    assert issue.replacements == ("a", "the")


def test_a_missing_possessive_apostrophe_offers_one_owner_or_several() -> None:
    (issue,) = _issues("The sailors knife was blunt.")
    assert issue.rule in {"PAT_PLURAL_FOR_POSSESSIVE", "PAT_PLURAL_OWNER_BEFORE_VERB"}
    assert [r.replace("’", "'") for r in issue.replacements] == ["sailor's", "sailors'"]
