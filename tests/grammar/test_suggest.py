"""Spelling suggestions: typo costs, frequency and context ranking, the shipped data, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.grammar.build_frequency import build
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.far_index import build_index
from writer_app.grammar.frequency import (
    BIGRAM_FILE,
    DELETE_FILE,
    WORD_FILE,
    FrequencyData,
    frequency_data,
    load,
)
from writer_app.grammar.spelling import SpellChecker
from writer_app.grammar.suggest import Suggester, edits1, typo_cost

UNIGRAMS = """\
the 1000000
cat 5000
cart 3000
card 9000
care 20000
lamp 400
lump 300
bat 800
hat 700
"""
BIGRAMS = """\
the cat 4000
the card 100
wild cat 50
cart horse 900
wild bat 300
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> FrequencyData:
    folder = tmp_path_factory.mktemp("frequency")
    build(UNIGRAMS, BIGRAMS, folder)
    return load(folder)


def words_judge(*words: str):
    known = set(words)
    return lambda word: word in known


@pytest.fixture(scope="module")
def us() -> SpellChecker:
    return SpellChecker(CheckConfig(dialect="en-US"))


def test_common_slips_cost_less_than_unrelated_edits() -> None:
    assert typo_cost("teh", "the") < typo_cost("tqe", "the")  # transposition < far substitution
    assert typo_cost("untill", "until") < typo_cost("untilk", "until")  # doubled letter < stray letter
    assert typo_cost("seperate", "separate") < typo_cost("sexarate", "separate")  # vowel swap < consonant
    assert typo_cost("thw", "the") < typo_cost("thm", "the")  # keyboard neighbour < far key
    assert typo_cost("cat", "cat") == 0
    assert typo_cost("questionin", "questioning") < typo_cost("questionin", "question")  # unfinished word


def test_edits1_reaches_every_single_slip() -> None:
    near = edits1("cat")
    assert {"at", "act", "cut", "cart"} <= near
    assert "cat" not in near


def test_builder_writes_the_same_bytes_twice(tmp_path: Path) -> None:
    build(UNIGRAMS, BIGRAMS, tmp_path / "a")
    build(UNIGRAMS, BIGRAMS, tmp_path / "b")
    for name in (WORD_FILE, BIGRAM_FILE, DELETE_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_loaded_data_counts_words_and_pairs(tiny: FrequencyData) -> None:
    assert tiny.words[0] == "the"
    assert tiny.count("care") == 20000
    assert tiny.count("dog") == 0
    assert tiny.pair("the", "cat") == 4000
    assert tiny.pair("cat", "the") == 0
    assert tiny.pair("the", "dog") == 0


def test_more_frequent_word_wins_between_equal_slips(tiny: FrequencyData) -> None:
    suggester = Suggester(tiny, words_judge("bat", "hat"))
    assert suggester.suggest("at") == ["bat", "hat"]


def test_neighbouring_words_decide_between_equal_slips(tiny: FrequencyData) -> None:
    suggester = Suggester(tiny, words_judge("cart", "card"))
    assert suggester.suggest("carq")[0] == "card"  # alone: the commoner word
    assert suggester.suggest("carq", right="horse")[0] == "cart"  # "cart horse" is a known pair


def test_only_words_the_judge_accepts_are_offered(tiny: FrequencyData) -> None:
    assert Suggester(tiny, words_judge("lamp")).suggest("lamo") == ["lamp"]
    assert "lamp" not in Suggester(tiny, words_judge("lump")).suggest("lamo")


def test_writers_own_words_are_candidates(tiny: FrequencyData) -> None:
    suggester = Suggester(tiny, words_judge("Hermione"), known_words=lambda: {"Hermione"})
    assert suggester.suggest("Hermoine")[0] == "Hermione"


def test_case_of_the_typed_word_is_kept(tiny: FrequencyData, us: SpellChecker) -> None:
    suggester = Suggester(tiny, words_judge("the", "cat"))
    assert suggester.suggest("Teh")[0] == "The"
    assert suggester.suggest("CTA")[0] == "CAT"
    assert us.suggest("Teh")[0] == "The"


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("acuracy", "accuracy"),  # Hunspell's own first guess is "curacy"
        ("recieve", "receive"),
        ("definately", "definitely"),
        ("accross", "across"),
        ("freind", "friend"),
        ("thier", "their"),
        ("goverment", "government"),
    ],
)
def test_speller_puts_the_likely_word_first(us: SpellChecker, typed: str, right: str) -> None:
    assert us.suggest(typed)[0] == right


@pytest.mark.parametrize(
    ("typed", "left", "right", "alone", "in_context"),
    [
        ("bown", "sat", "", "brown", "down"),
        ("ther", "", "was", "their", "there"),
        ("wen", "", "he", "win", "when"),
        ("lat", "", "night", "let", "last"),
    ],
)
def test_speller_uses_the_neighbours_when_given(
    us: SpellChecker, typed: str, left: str, right: str, alone: str, in_context: str
) -> None:
    assert us.suggest(typed)[0] == alone
    assert us.suggest(typed, left=left, right=right)[0] == in_context


def test_hyphenated_words_keep_their_hyphen(us: SpellChecker) -> None:
    assert us.suggest("well-knwon")[0] == "well-known"


def test_shipped_data_loads_small_and_fast() -> None:
    data = frequency_data()
    assert len(data.words) > 80_000
    assert data.count("the") > data.count("cat") > 0
    assert data.pair("more", "than") > data.pair("more", "then")


@pytest.mark.parametrize("typed", ["", " ", "😀", "a" * 10_000, "x", "123", "—", "''", "naïveté", "ab\u0301c"])
def test_odd_input_never_crashes(us: SpellChecker, typed: str) -> None:
    assert isinstance(us.suggest(typed), list)
    assert isinstance(us.suggest(typed, left="😀", right="a" * 10_000), list)


def test_hunspell_is_asked_only_when_the_list_offers_no_cheap_slip(tiny: FrequencyData) -> None:
    asked: list[str] = []

    def quick(word: str) -> list[str]:
        asked.append(word)
        return ["lampoon"]

    suggester = Suggester(tiny, words_judge("cat", "lampoon"), quick_fallback=quick)
    assert suggester.suggest("cta") == ["cat"] and asked == []  # a transposition: cheap enough
    assert suggester.suggest("lampooon") == ["lampoon"] and asked == ["lampooon"]


def test_the_full_search_runs_only_when_thorough_and_nothing_was_found(tiny: FrequencyData) -> None:
    asked: list[str] = []

    def full(word: str) -> list[str]:
        asked.append(word)
        return ["xylophone"]

    suggester = Suggester(tiny, words_judge("xylophone"), full_fallback=full)
    assert suggester.suggest("zylofone", thorough=False) == [] and asked == []
    assert suggester.suggest("zylofone") == ["xylophone"] and asked == ["zylofone"]


def test_the_far_off_search_replaces_hunspells_full_search_when_given_an_index(tiny: FrequencyData) -> None:
    asked: list[str] = []

    def full(word: str) -> list[str]:
        asked.append(word)
        return ["xylophone"]

    index = build_index(["xylophone", "telephone", "saxophone"])
    suggester = Suggester(tiny, words_judge("xylophone", "saxophone"), full_fallback=full, far_index=lambda: index)
    assert suggester.suggest("zylofone", thorough=False) == []
    assert suggester.suggest("zylofone")[0] == "xylophone"
    assert asked == []  # Hunspell's full search is never run beside the index


@pytest.mark.parametrize(("typed", "right"), [
    ("sirkumstanshal", "circumstantial"),  # spelt by ear: every syllable slips
    ("Sirkumstanshal", "Circumstantial"),
    ("harbrmastre", "harbormaster"),
])
def test_a_word_no_small_edit_reaches_gets_far_off_suggestions(us: SpellChecker, typed: str, right: str) -> None:
    assert us.suggest(typed, thorough=False) == []
    assert us.suggest(typed)[:1] == [right]
