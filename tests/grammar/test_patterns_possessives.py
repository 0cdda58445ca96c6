"""The possessive rules (patterns_possessives.toml) tell "its" from "it's", "whose" from "who's", "their" from
"there"/"they're" and "he" from "him" by the words around them.

Sentences beyond the rules' own examples: slips they must catch with the right fix, and fiction (dialogue,
names, dialect, fragments, idioms where the contraction is right) they must leave alone.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import RuleChecker, parse_rule_file
from writer_app.resources import resource_path

RULES = parse_rule_file(resource_path("rules") / "patterns_possessives.toml")
IDS = frozenset(rule.id for rule in RULES)
CHECKER = family_checker(RULES)
STRICT = family_checker(RULES, strict_dialogue=True)


def _issues(sentence: str, checker: RuleChecker = CHECKER) -> list[Issue]:
    return [issue for issue in checker.check(sentence) if issue.rule in IDS]


SLIPS = [
    # it's where a possessive determiner belongs: after a preposition, a verb, "all", or as a subject
    ("The lantern swung on it's hook by the door.", "The lantern swung on its hook by the door."),
    ("Despite it's size, the pony pulled the cart uphill.", "Despite its size, the pony pulled the cart uphill."),
    ("The town was proud of it's ancient bridge.", "The town was proud of its ancient bridge."),
    ("Beneath it's branches the children built a hut.", "Beneath its branches the children built a hut."),
    ("The fox slipped through the hedge and into it's den.", "The fox slipped through the hedge and into its den."),
    ("The ship lost all it's sails in the gale.", "The ship lost all its sails in the gale."),
    ("She polished the teapot and admired it's silver spout.", "She polished the teapot and admired its silver spout."),
    ("The owl turned it's head and stared.", "The owl turned its head and stared."),
    ("Slowly the river made it's way to the sea.", "Slowly the river made its way to the sea."),
    ("It's roots ran deep under the churchyard.", "Its roots ran deep under the churchyard."),
    # its where "it is" or "it has" is meant
    ("Its her birthday on Sunday.", "It's her birthday on Sunday."),
    ("Hurry, its time to leave.", "Hurry, it's time to leave."),
    ("Its colder than yesterday.", "It's colder than yesterday."),
    ("Its raining on the moor.", "It's raining on the moor."),
    # whose / whom / their / there / they're
    ("A widow, in who's cottage we slept, fed us.", "A widow, in whose cottage we slept, fed us."),
    ("He had three sons, none of who could read.", "He had three sons, none of whom could read."),
    ("For who are you waiting?", "For whom are you waiting?"),
    ("They're were geese on the pond.", "There were geese on the pond."),
    ("Are they're horses in the stable?", "Are their horses in the stable?"),
    ("The sisters packed there trunks at dawn.", "The sisters packed their trunks at dawn."),
    # pronoun case in a compound subject
    ("Him and I rowed across the lake.", "He and I rowed across the lake."),
    ("My cousin and her came late to supper.", "My cousin and she came late to supper."),
    # apostrophes
    ("The miners hut was cold.", "The miner's hut was cold."),
    ("Stay a while, we´ve plenty of bread.", "Stay a while, we've plenty of bread."),
    ("She didn t answer.", "She didn't answer."),
    ("Of course you'l stay for tea.", "Of course you'll stay for tea."),
    ("He owed her one months' rent.", "He owed her one month's rent."),
    ("They slept by the shepherds fire.", "They slept by the shepherd's fire."),
    ("The joke soon wore out it's welcome.", "The joke soon wore out its welcome."),
    ("Whomever broke the window will pay for it.", "Whoever broke the window will pay for it."),
    ("The candle was at it's brightest.", "The candle was at its brightest."),
]


@pytest.mark.parametrize(("bad", "good"), SLIPS, ids=[bad for bad, _ in SLIPS])
def test_slips_are_flagged_with_the_right_fix(bad: str, good: str) -> None:
    issues = _issues(bad)
    assert issues, f"missed: {bad!r}"
    assert apply_fixes(bad, issues, require_fix=True) == good


QUIET = [
    # "it's" is right: it is / it has, after conjunctions, in idioms, before complements
    "Take the coat, it's yours.",
    "Don't fret about it, it's only rain.",
    "After all it's her wedding day.",
    "Above all it's good manners that matter.",
    "For what it's worth, I believe him.",
    "Run for it, it's the bailiff!",
    "Most of it's true, more or less.",
    "I think it's madness to sail tonight.",
    "She says it's wolves, not dogs.",
    "It's Tom who rang the bell.",
    "It's Father wants you, not me.",
    "It's folk like us that suffer.",
    "Wait till it's dark.",
    "Hold on, it's way past midnight.",
    "Because it's cheaper, we walked.",
    "It's cold comfort.",
    # "its" is right: a possessive before a noun, a gerund after a preposition, "its too" before a noun
    "The lamp had lost its shade.",
    "The mill was famous for its flour.",
    "Nobody objected to its being sold.",
    "From its too narrow doorway to its sagging roof, the cottage was a ruin.",
    "The inn kept its better rooms for the gentry.",
    "The clock kept its time for a century.",
    "Its ticking filled the room.",
    # who / whose / whom, there / their / they're
    "Who's there?",
    "I know who's coming to dinner.",
    "It depends on who asks.",
    "The question of who did it was never answered.",
    "They're tired after the ride.",
    "They left there at noon.",
    "She sold there, at the market, for years.",
    # pronoun case, possessives and names
    "He and I rowed across the lake.",
    "She gave my cousin and her a lift.",
    "The Bennets house was quiet.",
    "The sailors sang all night.",
    "The sports carriage was new.",
    "Two weeks' pay was owed to him.",
    "They rode through the hills at dusk.",
    "She waited in the stables and watched.",
    "He would marry whomever his mother chose.",
    "The songs Mother sang were old.",
]


@pytest.mark.parametrize("sentence", QUIET)
def test_right_uses_stay_quiet(sentence: str) -> None:
    assert _issues(sentence) == []


def test_a_characters_pronoun_case_in_dialogue_is_voice() -> None:
    line = "“Him and I go back years,” said the old sailor."
    assert _issues(line) == []
    assert [issue.rule for issue in _issues(line, STRICT)] == ["PAT_HIM_AND_I_AS_SUBJECT"]


def test_its_slips_in_dialogue_are_still_spelling_slips() -> None:
    line = "“The dog wagged it's tail,” she said."
    assert apply_fixes(line, _issues(line), require_fix=True) == "“The dog wagged its tail,” she said."


OLD_ITS_RULES = [
    rule
    for name in ("usage.toml", "confusables.toml")
    for rule in parse_rule_file(resource_path("rules") / name)
    if rule.id in ("USAGE_ITS_CONTRACTION", "ITS_IT_IS")
]
OLD_CHECKER = family_checker(OLD_ITS_RULES)


@pytest.mark.parametrize(
    "sentence",
    [
        "The flood led to its closing for a month.",
        "Nothing came of its going to auction.",
        "From its too short sleeves to its frayed collar, the coat was shabby.",
        "He laughed at its so solemn face.",
    ],
)
def test_its_after_a_preposition_is_possessive_for_the_older_its_rules(sentence: str) -> None:
    assert OLD_CHECKER.check(sentence) == []


@pytest.mark.parametrize(
    "sentence", ["Sorry, its too late for that.", "Its going to snow tonight.", "And its so cold in here."]
)
def test_the_older_its_rules_still_catch_their_slips(sentence: str) -> None:
    assert [issue.replacements[0] for issue in OLD_CHECKER.check(sentence)][:1] in (["it's"], ["It's"])
