"""The bigram context model: a word scored between its neighbours, contractions through their expansion."""

from __future__ import annotations

import pytest

from writer_app.grammar.build_frequency import build
from writer_app.grammar.context_model import ContextModel
from writer_app.grammar.frequency import FrequencyData, frequency_data, load

UNIGRAMS = """\
the 100000000
more 2000000
than 1500000
then 1400000
ever 900000
they 3000000
are 4000000
their 2500000
there 2600000
going 800000
house 700000
"""
BIGRAMS = """\
more than 400000
than ever 60000
then ever 1000
more then 1200
they are 900000
are going 300000
their house 90000
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> ContextModel:
    folder = tmp_path_factory.mktemp("frequency")
    build(UNIGRAMS, BIGRAMS, folder)
    return ContextModel(load(folder))


def test_the_word_its_neighbours_expect_scores_higher(model: ContextModel) -> None:
    than = model.score("than", "more", "ever")
    then = model.score("then", "more", "ever")
    assert than.log_prob - then.log_prob > 2
    assert than.sides == then.sides == 2


def test_a_missing_pair_counts_as_just_under_the_cut_off(model: ContextModel) -> None:
    data: FrequencyData = model.data
    assert data.pair_floor == 1000
    # neither "ever house" nor "ever the" is listed: equal estimates, whatever the words' own frequency
    assert model.score("house", "ever").log_prob == pytest.approx(model.score("the", "ever").log_prob)
    assert model.score("house", "ever").sides == 0


def test_contractions_are_scored_as_their_expansion(model: ContextModel) -> None:
    contraction = model.score("they're", "more", "going")
    assert contraction.sides == 1  # "are going" is listed; "more they" is not
    assert contraction.log_prob > model.score("their", "more", "going").log_prob


def test_attested_needs_both_neighbouring_pairs(model: ContextModel) -> None:
    assert model.attested("than", "more", "ever")
    assert not model.attested("than", "the", "ever")
    assert not model.attested("than", "more", "house")
    assert model.attested("they're", "the", "going") is False
    assert "ever" in model.right_words("than")
    assert "going" in model.right_words("they're")


def test_no_neighbours_scores_the_word_alone(model: ContextModel) -> None:
    assert model.score("the").log_prob > model.score("house").log_prob


def test_shipped_data_prefers_than_after_more() -> None:
    model = ContextModel(frequency_data())
    assert model.score("than", "more", "ever").log_prob > model.score("then", "more", "ever").log_prob + 1


@pytest.mark.parametrize("word", ["", "😀", "a" * 10_000, "they're", "’"])
def test_odd_words_score_without_crashing(model: ContextModel, word: str) -> None:
    assert model.score(word, word, word).log_prob <= 0
    assert model.attested("than", word, word) is False


def test_strong_followers_keep_only_pairs_seen_often_enough(model: ContextModel) -> None:
    assert model.strong_followers("more", 0) == frozenset({"than", "then"})
    assert model.strong_followers("more", 100_000) == frozenset({"than"})
    assert model.strong_followers("unknown", 0) == frozenset()
