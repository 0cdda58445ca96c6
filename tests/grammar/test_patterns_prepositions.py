"""Prepositions of time and place and set phrases on a preposition (resources/rules/patterns_prepositions.toml).

Each sentence goes through a checker holding only the file's rules, over the real linguistic pipeline: a
wrong preposition in a time or place phrase is flagged and fixed, while the phrase's legitimate uses (a
given evening, a team of horses, a card table, a place name in a possessive) and dialogue stay quiet.
"""

from __future__ import annotations

import pytest

from tests.grammar.family_support import apply_fixes, family_checker
from writer_app.grammar.model import Issue
from writer_app.grammar.rules import load_rules

RULES = [rule for rule in load_rules() if rule.id.startswith("PAT_PREP_")]
CHECKER = family_checker(RULES)
BRITISH = family_checker(RULES, dialect="en-GB")
STRICT = family_checker(RULES, strict_dialogue=True)


def _issues(text: str) -> list[Issue]:
    return CHECKER.check(text)


def test_the_family_lives_in_its_own_file_and_every_rule_is_relaxed_in_dialogue() -> None:
    assert len(RULES) >= 15
    assert {rule.path.name for rule in RULES} == {"patterns_prepositions.toml"}
    assert all(rule.relaxed_in_dialogue and rule.gate is not None for rule in RULES)


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The post arrives on the morning.", "The post arrives in the morning."),
        ("On the afternoon, we rested under the elms.", "In the afternoon, we rested under the elms."),
        ("Somebody knocked yesterday night.", "Somebody knocked last night."),
        ("Children read less in nowadays.", "Children read less nowadays."),
        ("Letters are rare now and days.", "Letters are rare nowadays."),
        ("I wrote to the bank in regards to the loan.", "I wrote to the bank in regard to the loan."),
        ("With regards to the horse, keep it.", "With regard to the horse, keep it."),
        ("All and all, the winter was mild.", "All in all, the winter was mild."),
        ("The lamp went out all the sudden.", "The lamp went out all of a sudden."),
        ("File the deeds in a chronological order.", "File the deeds in chronological order."),
        ("His plan never makes since to me.", "His plan never makes sense to me."),
        ("My cousin is the best bowler in our cricket team.", "My cousin is the best bowler on our cricket team."),
        ("The clerks were returning in the town at dusk.", "The clerks were returning to the town at dusk."),
        ("The Lindqvists returned in Stockholm in May.", "The Lindqvists returned to Stockholm in May."),
        ("Her niece has nine years old.", "Her niece is nine years old."),
        ("On fact, the well was dry.", "In fact, the well was dry."),
        ("Moss grew in the outside of the barrel.", "Moss grew on the outside of the barrel."),
        ("No creature living in this planet is safe.", "No creature living on this planet is safe."),
        ("The door is in the right hand side of the hall.", "The door is on the right hand side of the hall."),
        ("The notice was posted in Facebook.", "The notice was posted on Facebook."),
        ("A merger was on the cards all spring.", "A merger was in the cards all spring."),
    ],
)
def test_a_wrong_time_or_place_preposition_is_flagged_and_fixed(bad: str, fixed: str) -> None:
    issues = _issues(bad)
    assert issues, bad
    assert apply_fixes(bad, issues) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "On the evening of the wedding it snowed.",
        "On the morning the letter came, she wept.",
        "He looked in on the afternoon class.",
        "Nowadays, nobody walks to town.",
        "Send my regards to your father.",
        "One for all and all for one, they shouted.",
        "The names were listed in a random order.",
        "Many things were made since the war.",
        "The lead horse in the team threw a shoe.",
        "He returned in March with the money.",
        "She returned in Henry's carriage.",
        "He returned in haste.",
        "The old ram has twelve years' wool on him.",
        "He lived in the outside world for a year.",
        "She felt a pain in the left side of her chest.",
        "The words in the page of the ledger were faded.",
        "Her eyes were on the cards in his hand.",
        "Place your bets on the cards, gentlemen.",
        "“Yesterday night I saw him,” said the boy.",
    ],
)
def test_the_right_and_legitimate_uses_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


def test_british_english_keeps_on_the_cards_and_in_the_team() -> None:
    assert not BRITISH.check("A merger was on the cards all spring.")
    assert not BRITISH.check("My cousin is the best bowler in our cricket team.")


def test_a_characters_time_phrase_is_flagged_only_when_dialogue_is_checked_strictly() -> None:
    spoken = "“Yesterday night I saw him,” said the boy."
    assert not _issues(spoken)
    assert [issue.replacements for issue in STRICT.check(spoken)] == [("Last night",)]


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The ship sailed in June 4.", "The ship sailed on June 4."),
        ("Rents rose sharply in 1840s.", "Rents rose sharply in the 1840s."),
        ("He asked regarding to the lease.", "He asked regarding the lease."),
        ("Her eyes were the same shade than his.", "Her eyes were the same shade as his."),
        ("The well was as deep than a church tower.", "The well was as deep as a church tower."),
    ],
)
def test_dates_decades_and_comparisons_are_fixed(bad: str, fixed: str) -> None:
    issues = _issues(bad)
    assert issues, bad
    assert apply_fixes(bad, issues) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "The ship sailed in June 1840.",
        "In May 12 sailors deserted.",
        "Rents rose sharply in the 1840s.",
        "He asked with regard to the lease.",
        "He saw the matter as other than simple.",
        "Her eyes were the same shade as his.",
    ],
)
def test_right_dates_decades_and_comparisons_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


def test_all_of_sudden_gets_its_article() -> None:
    assert apply_fixes("All of sudden, the dog barked.", _issues("All of sudden, the dog barked.")) == (
        "All of a sudden, the dog barked."
    )


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The shop shuts in the weekend.", "The shop shuts on the weekend."),
        ("Foxes come out in night.", "Foxes come out at night."),
        ("He has been ill since three weeks.", "He has been ill for three weeks."),
        ("In the same time, the door opened.", "At the same time, the door opened."),
        ("They played his song in the radio.", "They played his song on the radio."),
        ("On his opinion, the bridge was safe.", "In his opinion, the bridge was safe."),
        ("She tore the page on accident.", "She tore the page by accident."),
        ("He bought bread in his way back.", "He bought bread on his way back."),
    ],
)
def test_time_phrases_and_set_phrases_take_their_preposition(bad: str, fixed: str) -> None:
    issues = _issues(bad)
    assert issues, bad
    assert apply_fixes(bad, issues) == fixed


@pytest.mark.parametrize(
    "good",
    [
        "It was in the weekend edition.",
        "Foxes come out in the night.",
        "He has been ill since three weeks ago.",
        "She swam the lake in the same time as her brother.",
        "He sold radios in the radio shop.",
        "Listen to his opinion, then judge.",
        "He paid on accident claims for years.",
        "The cart was standing in his way there.",
    ],
)
def test_time_and_set_phrases_in_their_right_form_stay_quiet(good: str) -> None:
    assert not _issues(good), [(i.rule, i.text) for i in _issues(good)]


def test_british_english_may_also_spend_it_at_the_weekend() -> None:
    issues = BRITISH.check("The shop shuts in the weekend.")
    assert [issue.replacements for issue in issues] == [("on", "at")]


def test_a_house_number_takes_at() -> None:
    text = "The bakery is located in 12 Harbour Road."
    assert apply_fixes(text, _issues(text)) == "The bakery is located at 12 Harbour Road."
    assert not _issues("The bakery was located in 1890 Boston, I think.")


def test_an_age_takes_at() -> None:
    text = "He left school on the age of twelve."
    assert apply_fixes(text, _issues(text)) == "He left school at the age of twelve."
    assert not _issues("Men lived differently in the age of sail.")


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [
        ("The mill is in the other side of the hill.", "The mill is on the other side of the hill."),
        ("We have been friends from long time.", "We have been friends for a long time."),
        ("The ferry sank before ten years.", "The ferry sank ten years ago."),
    ],
)
def test_sides_and_spans_of_time_take_their_preposition(bad: str, fixed: str) -> None:
    issues = _issues(bad)
    assert issues, bad
    assert apply_fixes(bad, issues) == fixed


def test_a_span_before_an_event_stays_quiet() -> None:
    assert not _issues("The ferry sank before ten years had passed.")
    assert not _issues("It had been quiet for two days.")
