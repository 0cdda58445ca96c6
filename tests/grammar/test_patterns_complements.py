"""The verb-complement family (resources/rules/patterns_complements.toml) on sentences of its own.

Each sentence goes through a checker holding only the family's rules, over the real linguistic pipeline;
fiction's quiet cases (accustomed "used to", purpose clauses, noun readings, dialect in dialogue) stay quiet.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import RuleChecker, load_rules

FAMILY_FILE = "patterns_complements.toml"
RULES = [rule for rule in load_rules() if rule.path.name == FAMILY_FILE]
CHECKER = family_checker(RULES)
STRICT = family_checker(RULES, strict_dialogue=True)


def _issues(text: str, checker: RuleChecker = CHECKER) -> list[Issue]:
    return checker.check(text)


def _fixed(text: str) -> str:
    return apply_fixes(text, _issues(text))


def test_the_family_is_token_pattern_rules_with_selective_triggers() -> None:
    assert len(RULES) >= 10
    assert all(rule.kind == "pattern" for rule in RULES)
    assert all(rule.triggers and not rule.triggers & {"to", "that", "i", "he", "she"} for rule in RULES)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # A gerund verb with a to-infinitive: the fix is the -ing form of the verb's lemma.
        ("Grandpa enjoyed to fish off the pier.", "Grandpa enjoyed fishing off the pier."),
        ("Nell denies to take the brooch.", "Nell denies taking the brooch."),
        ("We should practise to row before the race.", "We should practise rowing before the race."),
        ("He has quit to drink since the wedding.", "He has quit drinking since the wedding."),
        ("Do you mind to wait a moment?", "Do you mind waiting a moment?"),
        ("They are considering to sell the orchard.", "They are considering selling the orchard."),
        ("Mara kept to complain about the cold.", "Mara kept complaining about the cold."),
        ("Everyone looks forward to hear the band.", "Everyone looks forward to hearing the band."),
        ("She can't help to wonder about the letter.", "She can't help wondering about the letter."),
        # A to-infinitive verb with a gerund or a bare verb.
        ("The twins agreed meeting at the mill.", "The twins agreed to meet at the mill."),
        ("Hal hopes winning the prize this year.", "Hal hopes to win the prize this year."),
        ("We want leave before the tide turns.", "We want to leave before the tide turns."),
        ("They promised behave in church.", "They promised to behave in church."),
        ("Jo would like bring her cousin.", "Jo would like to bring her cousin."),
        ("Tom meant warn the smith about the horse.", "Tom meant to warn the smith about the horse."),
        ("She is eager meet her cousins.", "She is eager to meet her cousins."),
        # want + that + clause.
        ("Father wants that you return the cart.", "Father wants you to return the cart."),
        ("I wanted that they will hear it from me.", "I wanted them to hear it from me."),
        # make / let + object + to-infinitive.
        ("The rain made them to turn back.", "The rain made them turn back."),
        ("Aunt Vi let me to borrow the pony.", "Aunt Vi let me borrow the pony."),
        # Stative verbs in the progressive, fixed in the tense of "be".
        ("Now I am believing every word he says.", "Now I believe every word he says."),
        ("The old chest was containing maps.", "The old chest contained maps."),
        ("This farm is belonging to my uncle.", "This farm belongs to my uncle."),
        # A modal with "to", and "used to" with a gerund for a past habit.
        ("Hal could to lift the anvil.", "Hal could lift the anvil."),
        ("We should to tell the captain.", "We should tell the captain."),
        ("She used to riding to the market on Sundays.", "She used to ride to the market on Sundays."),
    ],
)
def test_a_wrong_complement_is_flagged_and_fixed(text: str, fixed: str) -> None:
    assert _issues(text), f"missed: {text!r}"
    assert _fixed(text) == fixed
    assert not _issues(fixed), f"still flags its own fix: {fixed!r}"


@pytest.mark.parametrize(
    "text",
    [
        # Right complements.
        "Grandpa enjoyed fishing off the pier.",
        "We kept on walking until the lamps were lit.",
        "She had him wait by the door.",
        "He let go of the branch and fell.",
        "I would like to see the sea again.",
        "She decided to stay.",
        # "to" that belongs to something else: a preposition, a purpose clause, a noun.
        "They kept to the old road through the marsh.",
        "He admitted to stealing the apples.",
        "The risk to the harvest was small.",
        "Nobody had a mind to argue with her.",
        "It was common practice to bow to the squire.",
        "He was considered to be the best shot in the county.",
        "She made it to the station with a minute to spare.",
        "He was made to wait in the hall.",
        "I look forward to the spring.",
        # "to" after a modal standing for a left-out verb, and "will" or "might" as nouns.
        "He did all he could to save the barn.",
        "Try as she might to hide it, she was glad.",
        "They lacked the will to fight.",
        "He pushed with all his might to move the stone.",
        # A hard-wrapped line that starts with the noun ("his / mind to ask", "her / might to lift").
        "mind to ask the ferryman the way, but he had gone.",
        "might to lift the crate, it would not move.",
        # A gerund that is the subject of the clause, or a noun the verb governs.
        "We agreed that fishing was better than farming.",
        "She hoped riding would help her back.",
        "The roof wants mending before winter.",
        "The boots need polishing.",
        "They wanted peace and rest.",
        "He offered help to everyone on the street.",
        "She was ready for the long ride home.",
        "I mean look at the state of him!",
        "Try and catch me.",
        # Accustomed "used to" takes the -ing form.
        "He was used to sleeping on the floor.",
        "She soon got used to living by the sea.",
        "They grew used to hearing the guns.",
        # Stative verbs in a dynamic sense, and other progressives.
        "They were having dinner when the bell rang.",
        "She was thinking about the letter.",
        "He is seeing a doctor on Tuesday.",
        "I was feeling ill all morning.",
        "He was owning up to the broken window.",
        "She gave him a knowing look.",
        # want + that: a relative "that", or a demonstrative.
        "I want that coat for the journey.",
        "Is there anything you want that I can bring?",
    ],
)
def test_right_complements_and_other_uses_stay_quiet(text: str) -> None:
    assert not _issues(text), f"flagged: {[(i.text, i.rule) for i in _issues(text)]}"


@pytest.mark.parametrize(
    "text",
    [
        "“I want go home,” the little boy sobbed.",
        "“I’m knowing that man from the war,” said the carter.",
    ],
)
def test_dialect_in_dialogue_is_voice_unless_the_check_is_strict(text: str) -> None:
    assert not _issues(text)
    assert _issues(text, STRICT)


def test_learner_slips_in_dialogue_are_still_flagged() -> None:
    text = "“I enjoy to swim,” said Lena."
    assert [issue.rule for issue in _issues(text)] == ["PAT_GERUND_VERB_TO_INFINITIVE"]
    assert _fixed(text) == "“I enjoy swimming,” said Lena."


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # An adjective's to-infinitive written with an -ing or past form.
        ("The girls were anxious to seeing the new foal.", "The girls were anxious to see the new foal."),
        ("He seemed reluctant to signing anything.", "He seemed reluctant to sign anything."),
        ("I am unable to finding the key.", "I am unable to find the key."),
        # "allow" and "permit" without an object before the to-infinitive.
        ("It allowed to cross the river on foot.", "It allowed crossing the river on foot."),
        ("That gate permits to enter the park at night.", "That gate permits entering the park at night."),
        # "be interested in".
        ("I am not interest in gossip.", "I am not interested in gossip."),
    ],
)
def test_an_adjective_or_verb_with_the_wrong_verb_form_is_fixed(text: str, fixed: str) -> None:
    assert _issues(text), f"missed: {text!r}"
    assert _fixed(text) == fixed
    assert not _issues(fixed), f"still flags its own fix: {fixed!r}"


@pytest.mark.parametrize(
    "text",
    [
        "The girls were anxious to see the new foal.",
        "She was close to tears and used to waiting.",
        "He was given to drinking on Sundays.",
        "They were ready to go, free to leave.",
        "The wood was ready to be burned.",
        "The thaw allowed us to cross the river.",
        "Nobody was permitted to enter the park.",
        "The men allowed to rest were asleep.",
        "The book is interesting in parts.",
        "She is interesting in company.",
        "“I am interest in your sister,” the old man said.",
    ],
)
def test_right_forms_after_adjectives_and_allow_stay_quiet(text: str) -> None:
    assert not _issues(text), f"flagged: {[(i.text, i.rule) for i in _issues(text)]}"


def test_ask_or_allow_with_an_object_and_a_bare_do_gets_its_to() -> None:
    assert _fixed("The sergeant allowed us do the cooking.") == "The sergeant allowed us to do the cooking."
    assert _fixed("Mother let us stay, and even allowed us do it twice.") == (
        "Mother let us stay, and even allowed us to do it twice."
    )
    assert not _issues("She asked him do you mean it, and he nodded.")


def test_a_wish_is_would_like_not_will_like() -> None:
    assert _fixed("I will like to meet your brother.") == "I would like to meet your brother."
    assert not _issues("I will like it there, I think.")
    assert not _issues("I would like to meet your brother.")
