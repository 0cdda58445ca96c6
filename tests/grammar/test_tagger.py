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
    monkeypatch.setattr(model, "_rows", tagger_module._Rows(model))
    monkeypatch.setattr(model, "_word_rows", {})
    again = [model.tag(words, [lexicon.signature(w) for w in words]) for words in sentences]
    assert again == expected and len(model._rows) <= 5
    release_free_memory()  # gives freed pages back (or does nothing off glibc); never fails


def _reference_tags(model: PerceptronTagger, words: list[str], lex: list[str]) -> list[str]:
    """Tag the plain way: every feature of :func:`features` looked up and scored by ``predict``."""
    from writer_app.grammar.tagger import _END, _START, VERB_TAGS, features

    normal = [*_START, *(normalise(word) for word in words), *_END]
    prev, prev2 = _START
    last_verb = "-"
    tags = []
    for index in range(len(words)):
        allowed = model.allowed(lex[index], words[index])
        if allowed is not None and len(allowed) == 1:
            tag = model.tags[allowed[0]]
        else:
            tag = model.tagdict.get(normal[index + 2]) if lex[index].count("|") == 0 else None
        if tag is None:
            tag = model.predict(features(index, normal, words, prev, prev2, lex, last_verb), allowed)
        tags.append(tag)
        prev2, prev = prev, tag
        if tag in VERB_TAGS:
            last_verb = tag
    return tags


def test_tagging_with_summed_word_rows_matches_scoring_every_feature() -> None:
    lexicon = shipped_lexicon()
    model = shipped_tagger()
    sentences = [
        "Will the miller 's daughter spin the straw before the king returns ?",
        "Grumbling , the old ferryman rowed them across while Mary counted 1,200 gulls .",
        "They had never seen a xylophonist so thoroughly unbothered by the reviews .",
        "Can you can a can as a canner can can a can ?",
    ]
    for sentence in sentences * 2:  # the second time the summed rows come from the cache
        words = sentence.split()
        lex = [lexicon.signature(word) for word in words]
        assert model.tag(words, lex) == _reference_tags(model, words, lex)


def test_a_format_one_model_file_still_loads(tmp_path: Path) -> None:
    import gzip
    import json

    header = json.dumps({"format": 1, "tags": ["DT", "NN"], "tagdict": {}})
    text = "\x1e".join((header, "b\nw dog", "1 5\n0 -3 1 40"))
    path = tmp_path / "old.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    model = PerceptronTagger.load(path)
    assert model.row("w dog") == {0: -3, 1: 40} and model.row("b") == {1: 5} and model.row("x") is None
    again = tmp_path / "new.gz"
    model.save(again)
    assert PerceptronTagger.load(again).row("w dog") == {0: -3, 1: 40}


def test_tagging_every_rules_examples_matches_scoring_every_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    """The packed scoring (own rows summed per word, rows as integers of per-tag lanes) picks exactly the tag
    that plain scoring of every feature picks, on every rule's examples in every variant."""
    import functools

    from tests.grammar.pretest_support import variants
    from writer_app.grammar import analysis
    from writer_app.grammar.rules import load_rules

    lexicon = shipped_lexicon()
    model = shipped_tagger()
    monkeypatch.setattr(model, "row", functools.cache(model.row))  # (the plain scoring, quicker: rows kept read)
    examples = {sentence for rule in load_rules() for sentence in (*rule.bad, *rule.good, *rule.fixed)}
    texts = sorted({text for sentence in examples for text in variants(sentence)})
    seen: set[tuple[str, ...]] = set()
    for text in texts:
        for start, end in analysis.sentence_spans(text):
            facts = [analysis._read_form(token.text, lexicon) for token in analysis.surface_tokens(text, start, end)]
            words = [fact[0] for fact in facts]
            lex = [fact[1] for fact in facts]
            if (key := (*words, *lex)) not in seen:
                seen.add(key)
                assert model.tag(words, lex) == _reference_tags(model, words, lex), text
    assert len(seen) > 20_000
