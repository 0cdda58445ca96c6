"""The precompiled word frequencies: equal to their sources, fresh, and never trusted when damaged or stale."""

from __future__ import annotations

import array
import gzip
import logging
from pathlib import Path

import pytest

from tests.grammar.compiled_support import DAMAGE_KINDS, damaged_copies
from writer_app.grammar import frequency, frequency_cache
from writer_app.grammar.frequency import BIGRAM_MAGIC, DELETE_MAGIC, FrequencyData, load, load_delete_keys
from writer_app.grammar.suggest import delete_index
from writer_app.resources import resource_path

WORDS = [("lantern", 900_000), ("harbour", 500_000), ("gull", 40_000), ("tide", 30_000), ("rope", 20_000)]


def _table(data: FrequencyData) -> tuple[object, ...]:
    ids = data.ids.numbers()  # type: ignore[attr-defined]
    return (list(data.words), ids, data.counts, data.pair_keys, data.pair_counts, data.total, data.pair_floor)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A small frequency folder in the shipped formats."""
    folder = tmp_path / "frequency"
    folder.mkdir()
    text = "".join(f"{word}\t{count}\n" for word, count in WORDS)
    (folder / frequency.WORD_FILE).write_bytes(gzip.compress(text.encode("utf-8")))
    keys = array.array("Q", sorted(frequency.pair_key(a, b) for a, b in ((0, 1), (1, 3), (2, 4))))
    counts = array.array("I", [7, 3, 2])
    raw = BIGRAM_MAGIC + len(keys).to_bytes(8, "little") + keys.tobytes() + counts.tobytes()
    (folder / frequency.BIGRAM_FILE).write_bytes(gzip.compress(raw))
    deletes = array.array("Q", [5, 11, 12, 40])
    (folder / frequency.DELETE_FILE).write_bytes(
        gzip.compress(DELETE_MAGIC + len(deletes).to_bytes(8, "little") + deletes.tobytes())
    )
    return folder


@pytest.fixture
def fresh_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """``frequency_data()`` loads again instead of returning what an earlier test loaded."""
    monkeypatch.setattr(frequency, "_LOADED", [])
    monkeypatch.setattr(frequency_cache._stale, "said", False)


def test_shipped_compiled_frequencies_match_their_sources_and_code() -> None:
    assert frequency_cache.compiled_is_fresh(), "rebuild with: python -m writer_app.grammar.frequency_cache"


def test_shipped_compiled_frequencies_equal_the_parsed_sources() -> None:
    folder = resource_path("frequency")
    data = frequency_cache.load_compiled(folder)
    assert data is not None
    assert _table(data) == _table(load(folder))
    assert data.deletes_file == frequency_cache.deletes_path(frequency_cache.compiled_path())
    assert frequency_cache.load_deletes(data.deletes_file, folder) == load_delete_keys(folder)


def test_bundled_frequencies_load_without_parsing_their_sources(
    fresh_loader: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> object:
        raise AssertionError("the sources were parsed")

    monkeypatch.setattr(frequency, "load", refuse)
    monkeypatch.setattr(frequency, "load_delete_keys", refuse)
    data = frequency.frequency_data()
    assert data.count("the") > 0
    import writer_app.grammar.suggest as suggest

    monkeypatch.setattr(suggest, "load_delete_keys", refuse)
    monkeypatch.setattr(suggest, "delete_keys", refuse)
    assert len(delete_index(data)) > 0


def test_a_compiled_file_round_trips_a_small_folder(sources: Path, tmp_path: Path) -> None:
    target = frequency_cache.build_compiled(sources, tmp_path / "frequency.bin")
    data = frequency_cache.load_compiled(sources, target)
    assert data is not None
    assert _table(data) == _table(load(sources))
    assert data.deletes_file == tmp_path / frequency_cache.DELETES_NAME
    deletes = frequency_cache.load_deletes(data.deletes_file, sources)
    assert deletes is not None and list(deletes) == [5, 11, 12, 40]
    assert data.pair("lantern", "harbour") == 7 * frequency.BIGRAM_UNIT
    assert data.followers("gull") == frozenset({"rope"})
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert oct(data.deletes_file.stat().st_mode & 0o777) == oct(0o644)


def test_checking_words_never_reads_the_delete_index(sources: Path, tmp_path: Path) -> None:
    target = frequency_cache.build_compiled(sources, tmp_path / "frequency.bin")
    data = frequency_cache.load_compiled(sources, target)
    assert data is not None
    (tmp_path / frequency_cache.DELETES_NAME).unlink()  # counts and pairs still answer without it
    assert data.count("gull") == 40_000 and data.pair("harbour", "tide") == 3 * frequency.BIGRAM_UNIT



@pytest.mark.parametrize("kind", DAMAGE_KINDS)
def test_a_damaged_or_foreign_compiled_file_is_ignored(sources: Path, tmp_path: Path, kind: str) -> None:
    target = frequency_cache.build_compiled(sources, tmp_path / "frequency.bin")
    target.write_bytes(damaged_copies(target.read_bytes(), frequency_cache.MAGIC)[kind])
    assert frequency_cache.load_compiled(sources, target) is None


@pytest.mark.parametrize("kind", DAMAGE_KINDS)
def test_a_damaged_delete_index_is_ignored_and_suggestions_read_the_sources(
    sources: Path, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = frequency_cache.build_compiled(sources, tmp_path / "frequency.bin")
    index = tmp_path / frequency_cache.DELETES_NAME
    index.write_bytes(damaged_copies(index.read_bytes(), frequency_cache.DELETES_MAGIC)[kind])
    assert frequency_cache.load_deletes(index, sources) is None
    data = frequency_cache.load_compiled(sources, target)
    assert data is not None
    import writer_app.grammar.suggest as suggest

    monkeypatch.setattr(suggest, "_INDEXES", type(suggest._INDEXES)())
    assert len(delete_index(data)) == 4  # from deletes.bin.gz


def test_a_stale_compiled_file_falls_back_to_the_sources_and_says_so_once(
    sources: Path, tmp_path: Path, fresh_loader: None, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = frequency_cache.build_compiled(sources, tmp_path / "frequency.bin")
    text = "".join(f"{word}\t{count * 2}\n" for word, count in WORDS)
    (sources / frequency.WORD_FILE).write_bytes(gzip.compress(text.encode("utf-8")))
    monkeypatch.setattr(frequency_cache, "compiled_path", lambda: target)
    monkeypatch.setattr("writer_app.resources.resource_path", lambda *parts: sources)
    with caplog.at_level(logging.INFO, logger="writer_app.grammar.frequency_cache"):
        assert frequency_cache.load_compiled(sources) is None
        data = frequency.frequency_data()
    assert data.count("lantern") == 1_800_000
    assert data.deletes_file is None
    assert sum("precompiled word frequencies" in r.getMessage() for r in caplog.records) == 1


def test_a_missing_compiled_file_falls_back_to_the_sources(sources: Path, tmp_path: Path) -> None:
    assert frequency_cache.load_compiled(sources, tmp_path / "absent.bin") is None
