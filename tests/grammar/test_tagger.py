"""The part-of-speech tagger: the shipped model loads, tags in context and rebuilds deterministically."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.grammar.lexicon import shipped_lexicon
from writer_app.grammar.tagger import PerceptronTagger, TaggerError, normalise, shape, shipped_tagger
from writer_app.grammar.train_tagger import train

FICTION = Path(__file__).parent / "data" / "fiction_tagged.tsv"


def _tag(words: list[str]) -> list[str]:
    lexicon = shipped_lexicon()
    return shipped_tagger().tag(words, [lexicon.signature(w) for w in words])


def test_context_decides_between_a_words_tags() -> None:
    assert _tag(["I", "can", "open", "the", "can", "."]) == ["PRP", "MD", "VB", "DT", "NN", "."]
    assert _tag(["He", "laid", "the", "book", "down", "."])[1] == "VBD"
    assert _tag(["She", "had", "lain", "there", "."])[2] == "VBN"


def test_shipped_model_tags_the_fiction_set_well() -> None:
    from tests.benchmarks.bench_tagger import fiction_accuracy

    score, total, misses = fiction_accuracy()
    assert total > 350
    assert score >= 0.95, misses


def test_features_fold_numbers_and_long_words() -> None:
    assert normalise("1984") == "!YEAR" and normalise("12") == "!DIGITS"
    assert len(normalise("q" * 10_000)) < 20
    assert normalise("don’t") == "don't"
    assert shape("McKay") == "Xm" and shape("well-known") == "xx-"


def test_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    sentences = [
        [("The", "DT"), ("cat", "NN"), ("sat", "VBD"), (".", ".")],
        [("Dogs", "NNS"), ("bark", "VBP"), ("loudly", "RB"), (".", ".")],
    ] * 5
    first = tmp_path / "a.json.gz"
    second = tmp_path / "b.json.gz"
    trained = train(sentences, shipped_lexicon(), iterations=4)
    trained.save(first)
    train(sentences, shipped_lexicon(), iterations=4).save(second)
    assert first.read_bytes() == second.read_bytes()
    loaded = PerceptronTagger.load(first)
    words = ["The", "cat", "sat", "."]
    assert loaded.tag(words) == trained.tag(words)
    assert loaded.tag(words)[:2] == ["DT", "NN"]


def test_an_unreadable_model_raises_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "tagger.json.gz"
    broken.write_bytes(b"\x1f\x8b garbage")
    with pytest.raises(TaggerError, match="cannot be read"):
        PerceptronTagger.load(broken)


def test_a_bounded_cache_of_parsed_rows_tags_exactly_as_an_unbounded_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from writer_app.grammar import tagger as tagger_module
    from writer_app.grammar.heap import release_free_memory

    sentences = [
        "The lanterns swung while the ferryman counted his coins .".split(),
        "She has read every letter that her brother sent from the coast .".split(),
        "Running late , they left the cart and walked up the hill .".split(),
    ]
    model = shipped_tagger()
    lexicon = shipped_lexicon()
    expected = [model.tag(words, [lexicon.signature(w) for w in words]) for words in sentences]
    monkeypatch.setattr(tagger_module, "MAX_PARSED_ROWS", 5)
    model._rows = {}
    again = [model.tag(words, [lexicon.signature(w) for w in words]) for words in sentences]
    assert again == expected and len(model._rows) <= 5
    release_free_memory()  # gives freed pages back (or does nothing off glibc); never fails
