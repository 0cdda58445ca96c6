"""The lexicon: possible tags and lemmas per word, inflection of a lemma to a wanted tag."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from writer_app.grammar.lexicon import Lexicon, LexiconError, inflect, regular_form, shipped_lexicon


@pytest.mark.parametrize(
    ("lemma", "tag", "form"),
    [
        ("lie", "VBD", "lay"),
        ("lie", "VBN", "lain"),
        ("lie", "VBG", "lying"),
        ("lay", "VBD", "laid"),
        ("lay", "VBG", "laying"),
        ("be", "VBZ", "is"),
        ("be", "VBD", "was"),
        ("be", "VBN", "been"),
        ("be", "VBG", "being"),
        ("go", "VBD", "went"),
        ("go", "VBN", "gone"),
        ("do", "VBZ", "does"),
        ("have", "VBZ", "has"),
        ("indicate", "VB", "indicate"),
        ("indicate", "VBN", "indicated"),
        ("run", "VBN", "run"),
        ("begin", "VBN", "begun"),
        ("stop", "VBG", "stopping"),
        ("sting", "VBG", "stinging"),
        ("quit", "VBN", "quit"),
        ("swim", "VBN", "swum"),
        ("wake", "VBD", "woke"),
        ("child", "NNS", "children"),
        ("list", "NNS", "lists"),
        ("good", "JJR", "better"),
        ("big", "JJS", "biggest"),
    ],
)
def test_inflect_gives_the_standard_form(lemma: str, tag: str, form: str) -> None:
    assert inflect(lemma, tag) == form


def test_inflect_refuses_tags_it_does_not_make() -> None:
    assert inflect("go", "MD") is None
    assert inflect("", "VBD") is None


def test_unknown_lemmas_inflect_by_regular_rules() -> None:
    assert inflect("frobnicate", "VBD") == "frobnicated"
    assert inflect("zorp", "VBG") == "zorping"
    assert inflect("blorf", "NNS") == "blorfs"
    assert regular_form("fizz", "VBZ") == "fizzes"
    assert regular_form("glim", "VBD") == "glimmed"


def test_words_have_their_possible_tags_and_lemmas() -> None:
    lexicon = shipped_lexicon()
    assert {"VBD", "VB"} <= lexicon.tags("lay")
    assert lexicon.lemma("lay", "VBD") == "lie"
    assert lexicon.lemma("laid", "VBN") == "lay"
    assert lexicon.lemma("went", "VBD") == "go"
    assert lexicon.lemma("children", "NNS") == "child"
    assert lexicon.lemma("better", "JJR") == "good"
    assert lexicon.lemma("was", "VBD") == "be"
    assert lexicon.lemma("n't", "RB") == "not"
    assert lexicon.lemma("ca", "MD") == "can"


def test_unknown_words_have_no_tags_and_a_regular_lemma() -> None:
    lexicon = shipped_lexicon()
    assert lexicon.tags("Zzyzxville") == frozenset()
    assert lexicon.lemma("glorbed", "VBD") == "glorb"
    assert lexicon.lemma("x" * 10_000, "NN") == "x" * 10_000


def test_an_unreadable_lexicon_raises_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "lexicon.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(LexiconError, match="cannot be read"):
        Lexicon.load(broken)


def test_a_small_lexicon_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.gz"
    path.write_bytes(gzip.compress(b"head\x1elain\x1eVBN=lie\x1elie\x1eVBN=lain/lied VBG=lying"))
    lexicon = Lexicon.load(path)
    assert lexicon.lemma("lain", "VBN") == "lie"
    assert lexicon.inflect("lie", "VBN") == "lain"
    assert lexicon.signature("Lain") == "VBN"
