"""The strings a slip could have made of a word: moves, far swaps, the dictionary's sound-alikes, two words."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.grammar.build_frequency import build
from writer_app.grammar.frequency import FrequencyData, load
from writer_app.grammar.slips import dictionary_replacements, moved_and_swapped, replaced, two_words
from writer_app.grammar.spelling import dictionary
from writer_app.grammar.suggest import Suggester


def test_a_letter_moved_or_two_letters_swapped_a_few_places_apart() -> None:
    forms = moved_and_swapped("catloaged")
    assert "cataloged" in forms  # the second "a" typed two places late
    assert "abcd" in moved_and_swapped("cbad")  # "a" and "c" swapped across "b"
    assert "catloaged" not in forms
    assert "bacd" not in moved_and_swapped("abcd")  # neighbours are one edit: edits1 makes those
    assert "bcdefa" not in moved_and_swapped("abcdef")  # five places: further than a slip
    assert moved_and_swapped("") == set() and moved_and_swapped("ab") == set()


def test_sound_alike_spellings_are_written_as_meant_one_place_at_a_time() -> None:
    table = (("f", "ph"), ("shun", "tion"))
    assert replaced("fotograf", table) == {"photograf", "fotograph"}
    assert replaced("stashun", table) == {"station"}
    assert replaced("", table) == set() and replaced("word", ()) == set()


def test_a_word_cut_in_two_keeps_parts_of_two_letters_or_a_and_i() -> None:
    assert two_words("alot") == ["a lot", "al ot"]
    assert two_words("ofthe") == ["of the", "oft he"]
    assert "itold" not in two_words("itold") and "i told" in two_words("itold")
    assert two_words("x") == [] and two_words("") == []


def test_the_replacement_table_is_read_from_the_affix_file(tmp_path: Path) -> None:
    affix = tmp_path / "xx.aff"
    affix.write_text("SET UTF-8\nREP 3\nREP f ph\nREP alot a_lot\nREP ^x y\nTRY abc\n", encoding="utf-8")
    assert dictionary_replacements(affix) == (("f", "ph"), ("alot", "a lot"))
    assert dictionary_replacements(tmp_path / "missing.aff") == ()


def test_the_shipped_dictionaries_have_their_tables() -> None:
    for dialect in ("en-US", "en-GB"):
        table = dictionary(dialect).replacements()
        assert ("f", "ph") in table and all(typed and meant for typed, meant in table)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> FrequencyData:
    folder = tmp_path_factory.mktemp("frequency")
    build("the 1000\ncat 50\n", "the cat 10\n", folder)
    return load(folder)


def test_dictionary_words_the_frequency_list_lacks_come_a_slip_away(tiny: FrequencyData) -> None:
    known = {"cataloged", "photograph", "a", "lot", "Paris"}
    suggester = Suggester(tiny, known.__contains__, replacements=(("f", "ph"),))
    assert suggester.suggest("catloaged", thorough=False) == ["cataloged"]
    assert suggester.suggest("fotograph", thorough=False) == ["photograph"]
    assert "a lot" in suggester.suggest("alot", thorough=False)
    assert suggester.suggest("pariss", thorough=False) == ["Paris"]
    assert suggester.suggest("zzzzzz", thorough=False) == []
