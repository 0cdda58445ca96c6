"""Sentence spans: abbreviations, initials and dialogue tags stay inside one sentence."""

from __future__ import annotations

import random
import re

from writer_app.grammar import sentences
from writer_app.grammar.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_titles_and_initials_do_not_end_a_sentence() -> None:
    text = "Mr. Brandt met Dr. Ives on St. Anne's Road. J. R. Moss came later."
    assert _sentences(text) == ["Mr. Brandt met Dr. Ives on St. Anne's Road.", "J. R. Moss came later."]


def test_latin_abbreviations_stay_inside_a_sentence() -> None:
    text = "Bring fruit, e.g. Pears and plums. Then go."
    assert _sentences(text) == ["Bring fruit, e.g. Pears and plums.", "Then go."]


def test_question_inside_quotes_followed_by_a_dialogue_tag_is_one_sentence() -> None:
    text = '"Where now?" Ada asked. "Home!" she cried. "Fine." Then they left.'
    assert _sentences(text) == ['"Where now?" Ada asked.', '"Home!" she cried.', '"Fine."', "Then they left."]


def test_ellipsis_before_a_capital_ends_a_sentence_but_not_before_lowercase() -> None:
    assert _sentences("I thought... no. Maybe… Later.") == ["I thought... no.", "Maybe…", "Later."]


def test_spans_are_trimmed_of_whitespace() -> None:
    assert sentence_spans("  Hi there.   Bye.  ") == ((2, 11), (14, 18))


def test_bad_input_gives_sensible_spans() -> None:
    assert sentence_spans("") == ()
    assert sentence_spans("   ") == ()
    assert _sentences("?!?") == ["?!?"]
    long_word = "z" * 10_000
    assert sentence_spans(long_word + ". Ok.") == ((0, 10_001), (10_002, 10_005))


def test_the_sentence_end_regex_finds_what_its_plain_form_finds() -> None:
    plain = re.compile(r"(?:[.!?]+|…|\.(?: \.){2,})[\"”’')\]»]*(?=\s+[\"“‘'(\[«]*[^\W_a-z])")
    pieces = ["Ann", "went", "home", ".", "!", "?", "…", " . . .", "..", '"', "”", "“", "’", "'", ")", "(", " ", "  "]
    pieces += ["b", "Q", "9", "Él"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        found = [(m.start(), m.group()) for m in sentences._END.finditer(text)]
        assert found == [(m.start(), m.group()) for m in plain.finditer(text)], text
