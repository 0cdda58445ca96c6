"""Text helpers: word counts, paragraphs and UTF-16 <-> code-point offsets (emoji included)."""

from __future__ import annotations

import pytest

from writer_app.core.text import (
    cp_to_utf16,
    normalize_newlines,
    paragraph_offsets,
    paragraphs,
    utf16_len,
    utf16_to_cp,
    word_count,
)


def test_word_count_cuts_slices_at_exactly_the_whitespace_split_uses() -> None:
    import re
    import sys

    space = re.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if bool(space.match(c)) != c.isspace()] == []


def test_word_count_of_long_texts_equals_split_whatever_falls_on_a_slice_edge() -> None:
    import random

    from writer_app.core.text import WORD_COUNT_SLICE

    rng = random.Random(7)
    pieces = ["word", "a", "\u00a0", " ", "\n", "\r\n", "\t", "\u2028", "\u3000", "\x1c", "été", "😀", "x" * 3000]
    for _ in range(30):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(2000, 12000)))
        assert word_count(text) == len(text.split()), len(text)
    unbroken = "y" * (WORD_COUNT_SLICE * 3 + 5)
    assert word_count(unbroken) == 1
    assert word_count(" " * (WORD_COUNT_SLICE * 2) + unbroken + " end") == 2


def test_word_count_of_long_ascii_texts_equals_split_with_every_ascii_whitespace() -> None:
    import random

    rng = random.Random(11)
    spaces = [chr(code) for code in range(128) if chr(code).isspace()]
    pieces = ["word", "a", "x" * 40, ".", "'", "\x00", "\x7f", "\x1b"] + spaces
    for _ in range(30):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(4000, 20000)))
        assert text.isascii()
        assert word_count(text) == len(text.split()), len(text)


def test_word_count_splits_on_any_whitespace() -> None:
    assert word_count("  Hello,\tworld.\n\nIt's   me — again ") == 6
    assert word_count("") == 0


def test_paragraphs_are_lines_with_normalised_newlines() -> None:
    assert paragraphs("one\r\ntwo\rthree\nfour") == ["one", "two", "three", "four"]
    assert paragraphs("") == [""]
    assert normalize_newlines("a\r\nb") == "a\nb"


def test_paragraph_offsets_point_at_line_starts() -> None:
    text = "ab\n\ncde\nf"
    offsets = paragraph_offsets(text)
    assert offsets == [0, 3, 4, 8]
    assert [text[o:].split("\n")[0] for o in offsets] == paragraphs(text)


def test_utf16_len_counts_surrogate_pairs_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("é") == 1
    assert utf16_len("a😀b") == 4
    assert utf16_len("👩‍👩‍👧") == 8  # three astral people joined by two ZWJs


@pytest.mark.parametrize("text", ["plain ascii", "café déjà vu", "a😀b😀c", "😀", "x👩‍👩‍👧y", ""])
def test_offsets_round_trip_through_utf16(text: str) -> None:
    for cp in range(len(text) + 1):
        u16 = cp_to_utf16(text, cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert utf16_to_cp(text, u16) == cp


def test_utf16_index_inside_a_surrogate_pair_maps_after_the_character() -> None:
    text = "a😀b"
    assert utf16_to_cp(text, 1) == 1
    assert utf16_to_cp(text, 2) == 2  # between the two halves of the emoji
    assert utf16_to_cp(text, 3) == 2
    assert utf16_to_cp(text, 4) == 3


def test_offsets_are_clamped_to_the_string() -> None:
    assert cp_to_utf16("a😀", 99) == 3
    assert utf16_to_cp("a😀", 99) == 2
    assert utf16_to_cp("abc", -5) == 0
