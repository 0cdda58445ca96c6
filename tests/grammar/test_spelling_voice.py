"""Spelling in fiction: a character's dialect inside dialogue is voice, a garbled word is a typo everywhere."""

from __future__ import annotations

import pytest

from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.factory import build_checker, check_text
from writer_app.grammar.spelling import SpellChecker


def flagged(text: str, strict: bool = False) -> list[str]:
    """The words the full built-in check flags as misspelt in ``text``, after learning from it."""
    checker = build_checker(CheckConfig(strict_dialogue=strict))
    return [issue.text for issue in check_text(checker, text) if issue.category.value == "spelling"]


SPEECH = (
    "“I seen it plain, becuz the moon was up,” said Orla.\n\n"
    "Her brother shrugged and walked on.\n\n"
    "“Becuz you never look, that’s why,” she called after him.\n"
)


def test_a_word_used_only_in_dialogue_more_than_once_is_the_characters_voice() -> None:
    assert flagged(SPEECH) == []


def test_a_word_also_used_in_narration_is_not_voice_and_is_flagged() -> None:
    text = SPEECH + "\nShe stayed becuz the boat was late.\n"
    assert flagged(text) == ["becuz", "becuz"]  # the spoken one and the narrated one; "Becuz" opens a sentence


def test_strict_dialogue_flags_the_voice_words_too() -> None:
    assert "becuz" in flagged(SPEECH, strict=True)


def test_a_garbled_common_word_is_a_typo_even_when_spoken_twice() -> None:
    text = "“I did not recieve it,” he said.\n\n“You did recieve it,” she said.\n"
    assert flagged(text) == ["recieve", "recieve"]


def test_an_elided_word_in_dialogue_is_voice() -> None:
    assert flagged("“Keep yer hands off, an’ stop foolin’ aroun’ the boat,” the ferryman said.\n") == []


def test_a_word_opening_with_a_typographic_elision_is_deliberate_anywhere() -> None:
    assert flagged("He would go, ’pon his honour, and ’fore dawn.\n") == []


def test_a_one_off_word_in_a_speech_written_in_dialect_is_voice() -> None:
    assert flagged("“I ain’t never seen a critter so ornery and so scrawnified,” Pa said.\n") == []


def test_a_one_off_typo_in_plain_speech_is_still_flagged() -> None:
    assert flagged("“We will definately come tomorrow,” said the vicar.\n") == ["definately"]


def test_a_quoted_term_in_narration_is_not_a_typo() -> None:
    assert flagged("After supper the children played “knucklebones” and “wibbleskip” by the stove.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "A/N: this fic is a oneshot, betaed by a friend.",
        "My headcanons for the fandom are angsty, and the ficlet retconned the whole canon.",
        "It started as a songfic and grew into a multichapter AU with fanart.",
    ],
)
def test_fan_fiction_vocabulary_is_not_misspelt(text: str) -> None:
    assert flagged(text) == []


def test_learning_the_voice_of_an_empty_or_odd_text_never_fails() -> None:
    speller = SpellChecker(CheckConfig())
    for text in ("", "“", "”", "“" * 500, "’" * 300 + "x", "“" + "a" * 10_000 + "”", "“🙂 gøøt 🙂”"):
        speller.learn_names(text)
        speller.check(text)
