"""The confusable-word pattern rules (patterns_confusables.toml) decide by the parts of speech around the word.

Sentences beyond the rules' own examples: slips they must catch with the right fix, and fiction (dialogue,
names, dialect, fragments) they must leave alone.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import RuleChecker, parse_rule_file
from writer_app.resources import resource_path

RULES = parse_rule_file(resource_path("rules") / "patterns_confusables.toml")
IDS = frozenset(rule.id for rule in RULES)


def _checker(strict_dialogue: bool = False) -> RuleChecker:
    return family_checker(RULES, strict_dialogue)


CHECKER = _checker()


def _issues(sentence: str, checker: RuleChecker = CHECKER) -> list[Issue]:
    return [issue for issue in checker.check(sentence) if issue.rule in IDS]


def _fixed(sentence: str, issues: list[Issue]) -> str:
    return apply_fixes(sentence, issues, require_fix=True)


SLIPS = [
    ("Their was nobody at the inn when we arrived.", "There was nobody at the inn when we arrived."),
    ("Perhaps their will be snow by morning.", "Perhaps there will be snow by morning."),
    ("The geese flew back to there nests at dusk.", "The geese flew back to their nests at dusk."),
    ("She laughed at they're clumsy dancing.", "She laughed at their clumsy dancing."),
    ("What happened to you're brother?", "What happened to your brother?"),
    ("They burned they're own barn.", "They burned their own barn."),
    ("The girl who's father owned the mill smiled.", "The girl whose father owned the mill smiled."),
    ("Whose there? Speak up.", "Who's there? Speak up."),
    ("If your coming with us, hurry.", "If you're coming with us, hurry."),
    ("Your too late, the coach has gone.", "You're too late, the coach has gone."),
    ("Did your hear that noise?", "Did you hear that noise?"),
    ("You now what I mean.", "You know what I mean."),
    ("I don't now where she went.", "I don't know where she went."),
    ("Until know, nobody had asked.", "Until now, nobody had asked."),
    ("The inn was also know for its ale.", "The inn was also known for its ale."),
    ("They have know reason to stay.", "They have no reason to stay."),
    ("You must no tell anyone.", "You must not tell anyone."),
    ("She cold hardly breathe.", "She could hardly breathe."),
    ("Me and Clara walked to the fair.", "Clara and I walked to the fair."),
    ("Clara and me walked to the fair.", "Clara and I walked to the fair."),
    ("The river was wider then the lake.", "The river was wider than the lake."),
    ("She hurried though the crowded market.", "She hurried through the crowded market."),
    ("Try not to loose your temper.", "Try not to lose your temper."),
    ("A button came lose and rolled away.", "A button came loose and rolled away."),
    ("We drove passed the old mill.", "We drove past the old mill."),
    ("I need too sleep.", "I need to sleep."),
    ("The tea is to hot!", "The tea is too hot!"),
    ("He slipped and fell of the ladder.", "He slipped and fell off the ladder."),
    ("They where hiding in the loft.", "They were hiding in the loft."),
    ("The whether was foul all week.", "The weather was foul all week."),
    ("I suppose your glad it's over.", "I suppose you're glad it's over."),
    ("They're wagon has a broken wheel.", "Their wagon has a broken wheel."),
    ("You're sister was here.", "Your sister was here."),
    ("The cows are out they're somewhere.", "The cows are out there somewhere."),
    ("He couldn't quiet believe it.", "He couldn't quite believe it."),
    ("The children stayed quite for once.", "The children stayed quiet for once."),
    ("He ran too the well.", "He ran to the well."),
    ("It was not to bad, was it?", "It was not too bad, was it?"),
]


@pytest.mark.parametrize(("bad", "good"), SLIPS)
def test_confusable_slip_is_flagged_with_the_right_word(bad: str, good: str) -> None:
    issues = _issues(bad)
    assert issues, f"missed: {bad!r}"
    assert _fixed(bad, issues) == good


QUIET = [
    "“Their?” she asked. “Whose do you mean?”",
    "There was a knock at the door, and then another.",
    "The Joneses went back to their cottage.",
    "“You're a fine one to talk,” said Mrs. Bennet.",
    "Who's to say what the river will do?",
    "Your singing woke the baby.",
    "I know now that he was lying.",
    "Now what shall we do?",
    "“Me and him? Not likely.”",
    "He gave the apples to Clara and me.",
    "“Me and Tom went fishing,” said Huck.",
    "Harriet grew older then, and quieter.",
    "The dog broke loose and ran.",
    "We could no longer see the shore.",
    "I want to go too.",
    "It was far too late.",
    "She was cold and tired, and could not sleep.",
    "The cold wind blew all night.",
    "He would not lose heart.",
    "They were where they belonged.",
    "He asked whether the weather would hold.",
    "The years passed.",
    "They went there every summer.",
    "He got off the bus at Meryton.",
    "“Go in there and fetch it,” said Aunt Polly.",
    "Did you now?",
    "Then there came a knock.",
    "That's their own affair.",
    "Walk through the door.",
    "Loose the dogs!",
    "It's cold. Could you shut the window?",
    "Who's coming to the dance?",
    "Mr. Darcy was taller than his friend.",
    "She pushed with all their might.",
    "Tom and me ain't scared of nothing.",
    "Nothing then but the wind.",
    "Sooner or later, he'd know.",
    "I hope your mother is well.",
    "I know your brother well.",
    "They're going home.",
    "They're old friends now.",
    "You're a man now, Jem.",
    "They stayed quite a while.",
    "He went quite red.",
    "I am going too, the rest can stay.",
    "The older boys then left.",
    "He stepped of his own accord.",
    "The boy whose coming we dreaded arrived.",
    "From there go on to the market.",
]


@pytest.mark.parametrize("sentence", QUIET)
def test_fiction_dialogue_and_names_stay_quiet(sentence: str) -> None:
    assert not _issues(sentence), [issue.text for issue in _issues(sentence)]


def test_coordinated_me_in_dialogue_is_flagged_only_when_dialogue_is_strict() -> None:
    sentence = "“Me and Clara walked to the fair,” she said."
    assert not _issues(sentence)
    assert [issue.text for issue in _issues(sentence, _checker(strict_dialogue=True))] == ["Me and Clara"]


def test_full_checker_reports_one_issue_where_a_regex_rule_also_fires() -> None:
    from writer_app.grammar.factory import build_checker, check_text

    checker = build_checker(CheckConfig())
    issues = [issue for issue in check_text(checker, "Their is a fox in the henhouse.") if issue.start == 0]
    assert len(issues) == 1
    assert issues[0].replacements[0] == "There"


SHORT_SLIPS = [
    ("The ferryman swore hell be there at dawn.", "The ferryman swore he'll be there at dawn."),
    ("Ask Mary if shell be coming to the wedding.", "Ask Mary if she'll be coming to the wedding."),
    ("Th storm broke just after midnight.", "The storm broke just after midnight."),
    ("May be the innkeeper knows the way.", "Maybe the innkeeper knows the way."),
    ("They're are too many geese on the pond.", "They are too many geese on the pond."),
    ("Next spring I ill plant the whole field.", "Next spring I will plant the whole field."),
    ("The bridge is not save in a flood.", "The bridge is not safe in a flood."),
    ("The children felt save at last.", "The children felt safe at last."),
    ("The cart was not complaint with the toll rules.", "The cart was not compliant with the toll rules."),
    ("So know we wait for the carriage.", "So now we wait for the carriage."),
    ("You can know take the horses out.", "You can now take the horses out."),
    ("Send word and let me now.", "Send word and let me know."),
]


@pytest.mark.parametrize(("bad", "good"), SHORT_SLIPS)
def test_short_slip_is_flagged_with_the_right_word(bad: str, good: str) -> None:
    issues = _issues(bad)
    assert issues, f"missed: {bad!r}"
    assert _fixed(bad, issues) == good


SHORT_QUIET = [
    "The sea shell be his keepsake, he decided.",
    "“Go to hell,” he said, “and be quick about it.”",
    "It may be that the innkeeper knows.",
    "He lived at 4 th Street.",
    "We're the last ones left.",
    "He fell ill before the harvest.",
    "Nobody could save the boat.",
    "All were drowned save the cook.",
    "She lodged a complaint with the magistrate.",
    "And know this, boy: the river takes what it wants.",
    "She longed to love and know she was loved.",
    "We can know a tree by its fruit.",
    "Let us now praise famous men.",
]


@pytest.mark.parametrize("sentence", SHORT_QUIET)
def test_short_words_in_fiction_stay_quiet(sentence: str) -> None:
    assert not _issues(sentence), [issue.text for issue in _issues(sentence)]
