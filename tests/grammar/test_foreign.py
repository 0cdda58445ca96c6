"""Foreign-language passages are recognised so the speller can skip them; English is not mistaken."""

from __future__ import annotations

import pytest

from writer_app.grammar.foreign import foreign_spans, is_foreign_neighbour, is_foreign_word, looks_foreign


@pytest.mark.parametrize(
    "text",
    [
        "Eh bien, mon prince, je vous préviens que si vous ne me dites pas que nous avons la guerre",
        "Tout comprendre, c’est tout pardonner",
        "Und die ganze Welt hoch",
        "Dio mi l’ha dato",
    ],
)
def test_foreign_sentences_are_recognised(text: str) -> None:
    assert looks_foreign(text)


@pytest.mark.parametrize(
    "text",
    [
        "Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.",
        "She said that the vicomte was a charming man.",
        "Madame Schoss and the old nurse sat by the fire.",
        "The café was full of fiancées and their naïve friends.",
        "",
    ],
)
def test_english_sentences_are_not_foreign(text: str) -> None:
    assert not looks_foreign(text)


def test_foreign_spans_cover_only_the_foreign_sentence() -> None:
    text = "He smiled. Je ne sais pas, mon ami, vous êtes très gentil. Then he left."
    [(start, end)] = foreign_spans(text)
    assert text[start:end].startswith("Je ne sais pas")
    assert "Then" not in text[start:end] and "smiled" not in text[start:end]


def test_foreign_function_words_and_neighbours() -> None:
    assert is_foreign_word("une") and not is_foreign_word("the")
    assert is_foreign_neighbour("mon", "") and not is_foreign_neighbour("my", "dear")
