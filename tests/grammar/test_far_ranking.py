"""Far-off suggestions: the similarity that ranks them, the bar they pass, the judge that keeps them."""

from __future__ import annotations

import pytest

from writer_app.grammar.far_index import build_index
from writer_app.grammar.far_ranking import (
    POOR,
    common_prefix,
    far_suggestions,
    lcs_length,
    ngram_score,
    similarity,
    threshold,
)

WORDS = ["lighthouse", "lighthouses", "highhouse", "lightness", "harbourmaster", "quartermaster", "schoolmaster",
         "thermometer", "thermostat", "moth", "mother"]
COUNTS = {"lighthouse": 5000, "lighthouses": 900, "lightness": 3000, "quartermaster": 800, "schoolmaster": 2000,
          "harbourmaster": 100, "thermometer": 1500, "thermostat": 1200, "mother": 90000, "moth": 2000}


def _accept_all(word: str) -> str | None:
    return word


def _suggest(typo: str, accept=_accept_all, limit: int = 4) -> list[str]:
    return far_suggestions(build_index(WORDS), typo, accept, lambda word: COUNTS.get(word, 0), limit)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("", "", 0), ("abc", "", 0), ("abc", "abc", 3), ("harbour", "arbor", 5), ("lighthouse", "lghtohuse", 8),
])
def test_lcs_length(a: str, b: str, expected: int) -> None:
    assert lcs_length(a, b) == expected == lcs_length(b, a)


def test_common_prefix_and_ngrams() -> None:
    assert common_prefix("lighthouse", "lightness") == 5
    assert common_prefix("", "light") == 0
    assert ngram_score(3, "moth", "mother") > ngram_score(3, "moth", "thermostat")
    assert ngram_score(2, "abc", "") == 0


def test_a_swapped_pair_scores_higher_than_two_other_letters() -> None:
    assert similarity("lihgthouse", "lighthouse") > similarity("lixkthouse", "lighthouse")


def test_unrelated_words_score_poor() -> None:
    assert similarity("lighthouse", "thermostat") < POOR / 2
    assert similarity("lighthouse", "lighthouses") > POOR / 2


def test_the_bar_grows_with_the_typo() -> None:
    assert threshold("lighthousekeeper") > threshold("lighthouse") > threshold("moth")


def test_the_closest_word_comes_first() -> None:
    assert _suggest("kwortermarster")[0] == "quartermaster"
    assert _suggest("liteowse")[0] == "lighthouse"


def test_only_words_the_judge_accepts_are_offered_in_its_form() -> None:
    found = _suggest("kwortermarster", accept=lambda w: w.title() if w.endswith("master") else None)
    assert found and all(w.endswith("master") and w[0].isupper() for w in found)
    assert _suggest("kwortermarster", accept=lambda w: None) == []


def test_the_limit_is_kept() -> None:
    assert len(_suggest("lightmasterhouse", limit=2)) <= 2
    assert _suggest("lighthouse", limit=0) == []


@pytest.mark.parametrize("typo", ["", "ab", "qxzvw", "zzzzzzzzzzzz", "a" * 200, "😀😀😀", "привет", "naïveté",
                                  "ab\u0301c", "---", "'''", "l i g h t"])
def test_odd_typos_never_crash_and_gibberish_gets_nothing(typo: str) -> None:
    found = _suggest(typo)
    assert isinstance(found, list)
    if typo in ("qxzvw", "zzzzzzzzzzzz", "a" * 200, "😀😀😀"):
        assert found == []
