"""The precompiled lexicon: equal to its source, fresh, and never trusted when damaged or stale; its packed
tables answer as a dict would."""

from __future__ import annotations

import gzip
import logging
import pickle
from pathlib import Path

import pytest

from tests.grammar.compiled_support import DAMAGE_KINDS, damaged_copies
from writer_app.grammar import lexicon_cache
from writer_app.grammar.lexicon import SECTION, Lexicon, PackedTable

ENTRIES = {"lain": "VBN=lie", "lay": "VB VBP VBD=lie", "laid": "VBD=lay VBN=lay", "café": "NN"}
FORMS = {"lie": "VBN=lain/lied VBG=lying", "lay": "VBD=laid VBN=laid"}


def _lexicon_file(folder: Path, entries: dict[str, str] = ENTRIES) -> Path:
    path = folder / "lexicon.gz"
    text = SECTION.join(("head", "\n".join(entries), "\n".join(entries.values()), "\n".join(FORMS),
                         "\n".join(FORMS.values())))
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def test_shipped_compiled_lexicon_matches_its_source_and_code() -> None:
    assert lexicon_cache.compiled_is_fresh(), "rebuild with: python -m writer_app.grammar.lexicon_cache"


def test_shipped_compiled_lexicon_equals_the_parsed_source() -> None:
    source = lexicon_cache.source_path()
    compiled = lexicon_cache.load_compiled(source)
    assert compiled is not None
    parsed = Lexicon.load(source)
    assert [table.items() for table in compiled.tables] == [table.items() for table in parsed.tables]
    assert compiled.lemma("went", "VBD") == "go" and compiled.inflect("lie", "VBG") == "lying"


def test_a_compiled_file_round_trips_a_small_lexicon(tmp_path: Path) -> None:
    source = _lexicon_file(tmp_path)
    target = lexicon_cache.build_compiled(source, tmp_path / "lexicon.bin")
    lexicon = lexicon_cache.load_compiled(source, target)
    assert lexicon is not None
    assert lexicon.tables[0].items() == ENTRIES and lexicon.tables[1].items() == FORMS
    assert lexicon.lemma("laid", "VBN") == "lay" and lexicon.inflect("lie", "VBN") == "lain"
    assert "café" in lexicon and "cafe" not in lexicon
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)



@pytest.mark.parametrize("kind", DAMAGE_KINDS)
def test_a_damaged_or_foreign_compiled_file_is_ignored(tmp_path: Path, kind: str) -> None:
    source = _lexicon_file(tmp_path)
    target = lexicon_cache.build_compiled(source, tmp_path / "lexicon.bin")
    target.write_bytes(damaged_copies(target.read_bytes(), lexicon_cache.MAGIC)[kind])
    assert lexicon_cache.load_compiled(source, target) is None


def test_a_stale_compiled_file_is_ignored_and_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    source = _lexicon_file(tmp_path)
    target = lexicon_cache.build_compiled(source, tmp_path / "lexicon.bin")
    _lexicon_file(tmp_path, {**ENTRIES, "lied": "VBD=lie"})
    monkeypatch.setattr(lexicon_cache._stale, "said", False)
    with caplog.at_level(logging.INFO, logger="writer_app.grammar.lexicon_cache"):
        assert lexicon_cache.load_compiled(source, target) is None
        assert lexicon_cache.load_compiled(source, target) is None
    assert sum("precompiled lexicon" in r.getMessage() for r in caplog.records) == 1


def test_a_packed_table_answers_as_a_dict() -> None:
    keys = [f"w{n}" for n in range(300)] + ["", "naïve", "w7"]
    values = [f"NN{n}" for n in range(300)] + ["X", "JJ", "VB"]
    table = PackedTable.pack(keys, values)
    wanted = dict(zip(keys, values, strict=True))  # "w7" twice: the last value wins, as in a dict
    assert table.items() == wanted
    for key in [*wanted, "w300", "w", "naive", "w7\x1fNN7", "\udcff"]:
        assert (key in table) == (key in wanted)
        assert table.get(key, "?") == wanted.get(key, "?")
    assert PackedTable(table.buckets).items() == wanted
    assert pickle.loads(pickle.dumps(table)).items() == wanted


def test_a_table_entry_with_a_separator_is_refused() -> None:
    with pytest.raises(ValueError):
        PackedTable.pack(["a\x1fb"], ["NN"])
    with pytest.raises(ValueError):
        PackedTable.pack(["a", "b"], ["NN"])
