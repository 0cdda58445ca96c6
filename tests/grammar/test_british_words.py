"""The shipped British-only spellings: fresh, equal to en_GB Hunspell's verdict, never trusted when damaged."""

from __future__ import annotations

import os
from pathlib import Path

import hunspell
import pytest

from writer_app.grammar import british_words, spelling
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.spelling import SpellChecker
from writer_app.resources import resource_path

DICTIONARIES = resource_path("dictionaries")
# British spellings, British-only words, shared words and typos, lowercase and capitalised.
PROBES = (
    "colour colours coloured harbour harboured travelled travelling theatre theatres centre centred "
    "organisation organisations realise realised apologise grey honour honourable favourite programme "
    "catalogue kerb tyre tyres manoeuvre aluminium cheque jewellery plough mould moulded sceptical "
    "Colour Harbour Theatre Centre Realised Favourite Programme Manoeuvre "
    "lantern quayside tomorrow tomorow recieve recieved harbuor colur travveled theatr organisaton "
    "Lanternx Harbuor Colur Tomorow faire fu anglais Faire"
).split()


@pytest.fixture
def fresh_spelling(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Spelling loads its dictionaries and the British-only list again; returns the loaded dictionaries."""
    loaded: dict[str, object] = {}
    monkeypatch.setattr(spelling, "_LOADED", loaded)
    monkeypatch.setattr(spelling, "_BRITISH", [])
    return loaded


@pytest.mark.parametrize("kind", sorted(british_words.KINDS))
def test_shipped_word_lists_match_the_dictionaries_and_code(kind: str) -> None:
    assert british_words.compiled_is_fresh(kind), "rebuild with: python -m writer_app.grammar.british_words"


def test_the_en_us_list_gives_en_us_hunspell_verdict_on_plain_words() -> None:
    listed = british_words.load_british_only(kind=british_words.AMERICAN)
    assert listed is not None
    us = hunspell.Hunspell("en_US", hunspell_data_dir=str(DICTIONARIES))
    probes = [*PROBES, *"the lantern's keepers unkept quickly Lanterns walked Walked paris Paris I a".split()]
    assert {word: listed.spell(word) for word in probes} == {word: us.spell(word) for word in probes}


def test_a_one_line_en_us_check_loads_no_hunspell_dictionary(fresh_spelling: dict[str, object]) -> None:
    checker = SpellChecker(CheckConfig(dialect="en-US"))
    issues = checker.check("Their going to the market tomorow, past the colour of the harbour.")
    assert [issue.text for issue in issues] == ["tomorow"]
    assert checker.suggest("tomorow")[0] == "tomorrow"
    assert all(loaded._hunspell is None for loaded in fresh_spelling.values())
    assert checker._primary.spell("Tomorrow’s")  # a curly apostrophe: Hunspell itself (ICONV) judges
    assert fresh_spelling["en_US"]._hunspell is not None


def test_loading_the_dictionaries_up_front_changes_no_verdict(fresh_spelling: dict[str, object]) -> None:
    lazy = SpellChecker(CheckConfig(dialect="en-US"))
    probes = [*PROBES, "well-meant", "half-colour", "quayside-lanternx"]
    before = {word: lazy.is_correct(word) for word in probes}
    fresh_spelling.clear()  # the lazy checks loaded what they needed; start again from nothing loaded
    eager = SpellChecker(CheckConfig(dialect="en-US"))
    eager.load_dictionaries()  # what a parallel check does before forking its workers
    assert fresh_spelling["en_US"]._hunspell is not None and fresh_spelling["en_GB"]._hunspell is not None
    assert {word: eager.is_correct(word) for word in probes} == before


def test_the_list_gives_en_gb_hunspell_verdict_on_words_en_us_rejects() -> None:
    listed = british_words.load_british_only()
    assert listed is not None
    gb = hunspell.Hunspell("en_GB", hunspell_data_dir=str(DICTIONARIES))
    us = hunspell.Hunspell("en_US", hunspell_data_dir=str(DICTIONARIES))
    judged = [word for word in PROBES if not us.spell(word)]
    assert len(judged) > 30
    assert {word: listed.spell(word) for word in judged} == {word: gb.spell(word) for word in judged}


def test_an_en_us_check_accepts_british_spellings_without_loading_en_gb(fresh_spelling: dict[str, object]) -> None:
    checker = SpellChecker(CheckConfig(dialect="en-US"))
    issues = checker.check("The colour of the harbour was grey when she travelled to the theatre tomorow.")
    assert [issue.text for issue in issues] == ["tomorow"]
    assert "en_GB" not in fresh_spelling


def test_a_hyphenated_compound_still_asks_the_en_gb_dictionary(fresh_spelling: dict[str, object]) -> None:
    checker = SpellChecker(CheckConfig(dialect="en-US"))
    assert checker._other_spells("colour-blind")
    assert "en_GB" in fresh_spelling


def test_a_stale_list_falls_back_to_the_en_gb_dictionary(
    fresh_spelling: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "british-only.bin"
    stale.write_bytes(british_words.compiled_path().read_bytes().replace(b'"format": 4', b'"format": 0'))
    real = british_words.compiled_path
    monkeypatch.setattr(british_words, "compiled_path",
                        lambda kind=british_words.BRITISH: stale if kind == british_words.BRITISH else real(kind))
    checker = SpellChecker(CheckConfig(dialect="en-US"))
    issues = checker.check("The colour of the harbour was grey tomorow.")
    assert [issue.text for issue in issues] == ["tomorow"]
    assert "en_GB" in fresh_spelling


@pytest.mark.parametrize("kind", ["empty", "truncated", "corrupt", "garbage", "foreign"])
def test_a_damaged_or_foreign_list_is_ignored(tmp_path: Path, kind: str) -> None:
    good = british_words.compiled_path().read_bytes()
    damaged = {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "corrupt": good[:-10] + bytes(b ^ 0x55 for b in good[-10:]),
        "garbage": os.urandom(2048),
        "foreign": b"writer-app compiled frequencies\n" + good[len(british_words.MAGIC):],
    }[kind]
    path = tmp_path / "british-only.bin"
    path.write_bytes(damaged)
    assert british_words.load_british_only(DICTIONARIES, path) is None


def test_expansion_applies_prefixes_suffixes_and_their_cross_product() -> None:
    aff = "SET UTF-8\nPFX U Y 1\nPFX U 0 un .\nSFX D Y 2\nSFX D y ied [^aeiou]y\nSFX D 0 ed [^y]\n"
    dic = "3\ntidy/UD\nharbour/D\nnumber_/_\n"
    forms = set(british_words.expand(dic, aff))
    assert {"tidy", "untidy", "tidied", "untidied", "harbour", "harboured"} <= forms
    assert "number_" not in forms


@pytest.mark.parametrize("extra", [0, 1, 200])  # a few words (a probe may wrap round the table) or more
def test_the_list_finds_exactly_its_own_words(extra: int) -> None:
    words = {"a", "aa", "ab", "abbey", "abide", "b", "ba", "colour", "colours", "z", "zz", "éclair", "ça", "'tis"}
    words |= {f"harbour{n}" for n in range(extra)}
    blob, table = british_words.pack(words)
    starts = [0] + [at + 1 for at, byte in enumerate(blob[:-1]) if byte == 10]  # where each word starts
    assert len(table) * 2 >= len(words) * 3 and sorted(slot for slot in table if slot) == [at + 1 for at in starts]
    listed = british_words.BritishOnly(blob, table, len(words))
    probes = {*words, "", "'", "aaa", "abb", "abbeys", "abid", "c", "col", "colourss", "zzz", "é", "éclairs", "Ab"}
    probes |= {w[:-1] for w in words} | {w + "s" for w in words} | {w.upper() for w in words}
    probes |= {"a\nab", "colour\n", "\n", "ab\nb"}  # across the line breaks the words are kept between
    assert {p: p in listed for p in probes} == {p: p in words for p in probes}
    assert len(listed) == len(words) and 42 not in listed
    assert listed.words() == sorted(words, key=lambda w: w.encode())


def test_the_shipped_lists_find_every_word_they_hold() -> None:
    for kind in british_words.KINDS:
        listed = british_words.load_british_only(kind=kind)
        assert listed is not None
        held = listed.words()
        assert len(held) == len(listed) > 50_000
        assert all(word in listed for word in held)
        assert not any(word + "qx" in listed for word in held[::97])


@pytest.mark.parametrize("word", ["colour", "Colour", "o'clock", "'tis", "", "'", "McAdam", "naïve", "Naïve", "co-op",
                                  "x2", "ĳssel", "ǅemal", "²", "ÉCLAIR", "éclair"])
def test_listed_shape_is_letters_and_apostrophes_capitalised_at_most(word: str) -> None:
    slow = bool(word) and all(c.isalpha() or c == "'" for c in word) and not any(c.isupper() for c in word[1:])
    assert british_words.listed_shape(word) is slow
