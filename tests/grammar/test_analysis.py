"""The analysed paragraph: sentences of words with tags, lemmas, chunks and dialogue flags."""

from __future__ import annotations

import pytest

from writer_app.grammar import analysis
from writer_app.grammar.analysis import analyse, analyse_span, sentence_spans


def _tags(text: str) -> list[tuple[str, str]]:
    return [(w.text, w.tag) for s in analyse(text) for w in s.words]


def test_paragraph_reads_as_sentences_of_tagged_lemmatised_words() -> None:
    text = "The dogs were barking. She'd laid the book down."
    sentences = analyse(text)
    assert [(s.start, s.end) for s in sentences] == [(0, 22), (23, 48)]
    first = sentences[0].words
    assert [(w.text, w.tag, w.lemma) for w in first] == [
        ("The", "DT", "the"), ("dogs", "NNS", "dog"), ("were", "VBD", "be"), ("barking", "VBG", "bark"), (".", ".", "."),
    ]  # fmt: skip
    second = sentences[1].words
    assert [(w.text, w.lemma) for w in second[:4]] == [("She", "she"), ("'d", "have"), ("laid", "lay"), ("the", "the")]
    assert second[2].tag == "VBN" and "VBD" in second[2].tags


def test_offsets_are_the_paragraphs() -> None:
    text = "  First one here.  \u201cSecond,\u201d said Ann."
    for sentence in analyse(text):
        for word in sentence.words:
            assert text[word.start : word.end] == word.text


def test_a_span_reads_like_the_same_sentence_in_the_whole_paragraph() -> None:
    text = 'He waited. "Are you coming? Say it," he said. Nobody did.'
    whole = analyse(text)
    for (start, end), sentence in zip(sentence_spans(text), whole, strict=True):
        assert analyse_span(text, start, end) == sentence


def test_cached_sentence_is_moved_to_its_new_offset() -> None:
    analysis.cache_clear()
    here = analyse("It rained.")[0]
    there = analyse("Yes. It rained.")[1]
    assert analysis._analysed.cache_info().hits >= 1
    assert [w.start for w in there.words] == [w.start + 5 for w in here.words]
    assert [w.tag for w in there.words] == [w.tag for w in here.words]


def test_dialogue_flag_follows_a_quote_opened_in_an_earlier_sentence() -> None:
    text = '"Stay here. Do not move," she said.'
    second = analyse(text)[1]
    assert second.words[0].text == "Do" and second.words[0].token.in_dialogue
    assert [w.text for w in second.words if not w.token.in_dialogue] == ["she", "said", "."]


def test_same_text_in_narration_and_in_dialogue_is_not_mixed_up() -> None:
    spoken = analyse('"Go. Now go."')[1]
    told = analyse("Go. Now go.")[1]
    assert all(w.token.in_dialogue for w in spoken.words[:2])
    assert not any(w.token.in_dialogue for w in told.words)


def test_fiction_names_and_dialogue_tags() -> None:
    tags = dict(_tags('"Hurry up," said Will. Rose laughed and Mark shrugged.'))
    assert tags["said"] == "VBD" and tags["Will"] == "NNP"
    assert tags["Rose"] == "NNP" and tags["laughed"] == "VBD" and tags["Mark"] == "NNP"


def test_spoken_elisions_are_tagged_and_lemmatised_as_the_words_they_stand_for() -> None:
    words = {w.text: w for s in analyse("\"I was goin' to tell 'em, 'cause it's nothin',\" he said.") for w in s.words}
    assert (words["goin'"].tag, words["goin'"].lemma) == ("VBG", "go")
    assert words["'em"].lemma == "they" and words["'em"].tag == "PRP"
    assert words["'cause"].lemma == "because"
    assert words["nothin'"].lemma == "nothing"


def test_chunks_and_clauses_are_on_the_sentence() -> None:
    sentence = analyse("The list of names was long, but nobody read it.")[0]
    words = {w.text: w for w in sentence.words}
    assert words["names"].number == "sg" and words["names"].chunk == "I-NP"
    assert words["was"].chunk == "B-VP"
    assert len(sentence.clauses) == 2


@pytest.mark.parametrize(
    "text",
    ["", "   ", "...!?", "🙂🙂🙂", "Заря и 東京 mixed ünïcödé.", "x" * 10_000, "a" * 5000 + "'s " * 300, "\u200b\u2028", '"' * 500 + "—" * 500 + "'" * 500],
)
def test_bad_input_never_crashes(text: str) -> None:
    sentences = analyse(text)
    for sentence in sentences:
        for word in sentence.words:
            assert word.tag and isinstance(word.lemma, str)


def test_quotation_marks_are_tagged_opening_or_closing() -> None:
    words = analyse('He said, "Stop." Then \u2014"Go," she said.')
    tags = [(w.text, w.tag) for s in words for w in s.words if w.text == '"']
    assert [tag for _text, tag in tags] == ["``", "''", "``", "''"]


def test_contraction_parts_have_the_lemmas_of_the_words_they_stand_for() -> None:
    lemmas = {w.text: w.lemma for s in analyse("We wanna go, we're gonna go, but we can't.") for w in s.words}
    assert lemmas["wan"] == "want" and lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert lemmas["'re"] == "be" and lemmas["ca"] == "can" and lemmas["n't"] == "not"


def test_fast_token_and_word_makers_make_equal_frozen_objects() -> None:
    import dataclasses

    from writer_app.grammar.tokens import Kind, Token, Word, make_token, make_word

    token = make_token("cats", 4, 8, Kind.WORD, True, False)
    assert token == Token("cats", 4, 8, Kind.WORD, True, False)
    word = make_word(token, "NNS", "cat", frozenset({"NNS", "VBZ"}), "B-NP", "pl", 3)
    assert word == Word(token, "NNS", "cat", frozenset({"NNS", "VBZ"}), "B-NP", "pl", 3)
    assert hash(word) == hash(Word(token, "NNS", "cat", frozenset({"NNS", "VBZ"}), "B-NP", "pl", 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        word.tag = "NN"  # type: ignore[misc]
