"""The far-off suggestion index: built, saved and loaded, fresh when shipped, never trusted when damaged."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import pytest

from tests.grammar.compiled_support import DAMAGE_KINDS, damaged_copies
from writer_app.grammar import far_index, frequency
from writer_app.grammar.far_index import (
    MAGIC,
    START_BONUS,
    FarIndex,
    build_index,
    dumps_index,
    indexable,
    loads_index,
    trigram_codes,
    vocabulary,
)

WORDS = ["lantern", "harbour", "lighthouse", "gull", "tide", "rope", "harbourmaster", "rigging", "anchor", "mast"]
HEAD = {"format": far_index.FORMAT, "sources": [["test", "1"]]}


def _parts(index: FarIndex) -> tuple[object, ...]:
    return (list(index.words), *(list(part) for part in (
        index.length_starts, index.keys, index.offsets, index.postings)))


def test_a_word_shares_every_trigram_with_itself_and_those_of_a_near_word() -> None:
    index = build_index(WORDS)
    found = dict((index.words[i], score) for score, i in index.shared_trigrams("harbour", 3, 10))
    assert found["harbour"] == len(trigram_codes("harbour")) + START_BONUS * 2  # "^ha" and "har" count more
    assert "lantern" not in found and "gull" not in found  # no trigram in common
    near = dict((index.words[i], score) for score, i in index.shared_trigrams("lanturn", 3, 10))
    assert near["lantern"] > 0


def test_words_are_grouped_by_length() -> None:
    index = build_index(WORDS)
    starts = index.length_starts
    for size in range(2, far_index.MAX_LENGTH + 1):
        assert all(len(word) == size for word in index.words[starts[size] : starts[size + 1]])
    assert sorted(index.words) == sorted(WORDS)


def test_the_vocabulary_keeps_list_order_and_adds_dictionary_forms_once() -> None:
    words = vocabulary(["the", "harbour", "x", "Boat", "the"], ["Harbour", "lantern", "lantern's", "tide-mark", "a1"])
    assert words == ["the", "harbour", "lantern", "tide-mark"]


@pytest.mark.parametrize("word", ["", "a", "A", "Lantern", "a" * 41, "l1ght", "tea\nleaf", "😀😀"])
def test_odd_words_are_not_indexed(word: str) -> None:
    assert not indexable(word)


def test_a_compiled_index_round_trips(tmp_path: Path) -> None:
    index = build_index(WORDS + ["naïve", "o'clock"])
    loaded = loads_index(dumps_index(index, HEAD), HEAD)
    assert loaded is not None and _parts(loaded) == _parts(index)


def test_an_index_from_another_head_is_refused() -> None:
    data = dumps_index(build_index(WORDS), HEAD)
    assert loads_index(data, {**HEAD, "format": -1}) is None


@pytest.mark.parametrize("kind", DAMAGE_KINDS)
def test_a_damaged_or_foreign_index_is_refused(kind: str) -> None:
    good = dumps_index(build_index(WORDS), HEAD)
    assert loads_index(damaged_copies(good, MAGIC)[kind], HEAD) is None


@pytest.mark.parametrize("typo", ["", "x", "😀", "a" * 200, "привет", "naïveté", "ab\u0301c", "--", "'''", "q u"])
def test_odd_typos_never_crash(typo: str) -> None:
    assert isinstance(build_index(WORDS).shared_trigrams(typo, 3, 10), list)


def test_an_empty_index_answers_nothing() -> None:
    assert build_index([]).shared_trigrams("harbour", 3, 10) == []


def test_the_shipped_index_matches_its_sources_and_code() -> None:
    assert far_index.compiled_is_fresh(), "rebuild with: python -m writer_app.grammar.far_index"


def test_a_stale_or_damaged_shipped_index_is_built_in_memory_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "far-index.bin"
    broken.write_bytes(far_index.compiled_path().read_bytes()[:-100])
    monkeypatch.setattr(far_index, "compiled_path", lambda: broken)
    monkeypatch.setattr(far_index, "_SHARED", [])
    with caplog.at_level(logging.WARNING, logger="writer_app.grammar.far_index"):
        index = far_index.shared_index(["harbour", "lantern"])
        assert far_index.shared_index([]) is index
    assert "harbour" in list(index.words)
    assert sum("far-off suggestion index" in r.getMessage() for r in caplog.records) == 1


def test_the_build_step_writes_a_file_that_loads(tmp_path: Path) -> None:
    sources = tmp_path / "frequency"
    sources.mkdir()
    text = "".join(f"{word}\t{1000 - i}\n" for i, word in enumerate(WORDS))
    (sources / frequency.WORD_FILE).write_bytes(gzip.compress(text.encode("utf-8")))
    (sources / frequency.BIGRAM_FILE).write_bytes(gzip.compress(frequency.BIGRAM_MAGIC + bytes(8)))
    dictionaries = far_index._folders()[1]
    target = far_index.build_compiled(sources, dictionaries, tmp_path / "far-index.bin")
    loaded = far_index.load_compiled(sources, dictionaries, target)
    assert loaded is not None and "harbourmaster" in list(loaded.words) and "quartermaster" in list(loaded.words)
    (sources / frequency.WORD_FILE).write_bytes(gzip.compress(b"gull\t5\n"))
    assert far_index.load_compiled(sources, dictionaries, target) is None  # its source changed: stale
