"""The words around a flagged place, as the Issues list shows them."""

from __future__ import annotations

from writer_app.ui.checking.snippet import bracketed, context_around


def around(text: str, flagged: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(flagged, start + 1)
    return bracketed(flagged, context_around(text, start, start + len(flagged)))


def test_a_doubled_space_shows_the_words_on_both_sides():
    text = "At the station she waited  for him until the last train had gone."
    assert around(text, " ", 4) == "…station she waited[ ] for him until…"


def test_the_start_and_end_of_a_paragraph_have_no_ellipsis():
    assert around("Teh cat sat.", "Teh") == "[Teh] cat sat."
    assert around("The cat sat on teh", "teh") == "…cat sat on [teh]"


def test_a_very_long_word_never_floods_the_line():
    text = "x" * 100 + " teh " + "y" * 100
    line = around(text, "teh")
    assert line == "… [teh] …"


def test_a_long_flagged_text_is_shortened_in_the_middle():
    flagged = "word " * 20
    line = bracketed(flagged, ("", ""))
    assert len(line) < 50 and line.startswith("[word") and "…" in line
