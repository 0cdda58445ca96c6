"""The analysis's shortcuts read every sentence exactly as the plain pipeline does: the chunker's fields made
without its words, the lemmas kept per word and tag, and the chunker's quicker loops (checked here against their
plain forms), on every rule's examples in every variant."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.grammar.pretest_support import variants
from writer_app.grammar import analysis
from writer_app.grammar.chunker import (
    _AUXILIARY_FORMS,
    _AUXILIARY_LEMMAS,
    _NON_FINITE,
    _NOT_A_HEAD,
    _NOUNS,
    _NP_START,
    _PLURAL_DETERMINERS,
    _PLURAL_NOUNS,
    _PREMODIFIERS,
    _SINGULAR_DETERMINERS,
    _SINGULAR_IN_FORM,
    _SUBJECT_PRONOUNS,
    _SUBORDINATORS,
    _TRANSPARENT_HEADS,
    _VERBS,
    _WH,
    PRONOUNS,
    chunk,
    chunk_fields,
    chunk_tokens,
)
from writer_app.grammar.lexicon import Lexicon, shipped_lexicon
from writer_app.grammar.rules import load_rules
from writer_app.grammar.tagger import shipped_tagger
from writer_app.grammar.tokens import Kind, Word, make_word


@pytest.fixture(scope="module")
def spans() -> list[tuple[str, int, int]]:
    examples = {sentence for rule in load_rules() for sentence in (*rule.bad, *rule.good, *rule.fixed)}
    texts = sorted({text for sentence in examples for text in variants(sentence)})
    return [(text, start, end) for text in texts for start, end in analysis.sentence_spans(text)]


def _plain_base_phrases(words: Sequence[Word]) -> list[tuple[int, int]]:
    phrases: list[tuple[int, int]] = []
    index = 0
    count = len(words)
    while index < count:
        tag = words[index].tag
        if not words[index].token.is_word and tag not in ("CD", "HYPH") or tag not in _NP_START:
            index += 1
            continue
        if tag in ("PRP", "EX", "WP"):
            phrases.append((index, index + 1))
            index += 1
            continue
        start = index
        last_noun = -1
        while index < count:
            tag = words[index].tag
            if tag in _NOUNS:
                last_noun = index
            elif tag in _PREMODIFIERS:
                if tag in ("DT", "PDT", "PRP$") and last_noun >= 0 and index > start:
                    break
            elif tag in ("VBN", "VBG") and index + 1 < count and words[index + 1].tag in _NOUNS | {"JJ"} and index > start:
                pass
            else:
                break
            index += 1
        end = last_noun + 1 if last_noun >= 0 else index
        if end <= start:
            end = start + 1
        if all(words[i].tag in _NOT_A_HEAD for i in range(start, end)):
            index = max(index, start + 1)
            continue
        phrases.append((start, end))
        index = max(end, start + 1)
    return phrases


def _plain_number_person(words: Sequence[Word], first: int, last: int) -> tuple[str, int, str]:
    head = last - 1
    while head > first and words[head].tag in ("POS", "HYPH"):
        head -= 1
    word = words[head]
    lower = word.lower
    if word.tag in ("PRP", "PRP$") or lower in PRONOUNS:
        person, number = PRONOUNS.get(lower, (3, ""))
        return number, person, lower
    if word.tag in _PLURAL_NOUNS or word.tag == "NN" and _plain_plural_form(word):
        return "pl", 3, word.lemma.lower()
    if word.tag in _NOUNS:
        return "sg", 3, word.lemma.lower()
    if lower in _PLURAL_DETERMINERS:
        return "pl", 3, lower
    if lower in _SINGULAR_DETERMINERS:
        return "sg", 3, lower
    if word.tag == "CD":
        return ("sg" if lower in ("one", "1") else "pl"), 3, lower
    return "", 3, lower


def _plain_plural_form(word: Word) -> bool:
    lower = word.lower
    if "NNS" not in word.tags or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return False
    if lower in _SINGULAR_IN_FORM:
        return False
    stems = [lower[:-1]]
    if lower.endswith("es"):
        stems.append(lower[:-2])
    if lower.endswith("ies"):
        stems.append(lower[:-3] + "y")
    return any("NN" in shipped_lexicon().tags(stem) for stem in stems)


def _plain_with_relatives(
    words: Sequence[Word], phrases: list[tuple[int, int, str, int]]
) -> list[tuple[int, int, str, int]]:
    out: list[tuple[int, int, str, int]] = []
    ends = {last: (number, person) for _first, last, number, person in phrases}
    starts = {first for first, _last, _number, _person in phrases}
    for phrase in phrases:
        first, last, number, person = phrase
        if words[first].tag in ("WP", "WDT") and last - first == 1:
            before = first - 1 if first and words[first - 1].text == "," else first
            if before in ends and ends[before][1] == 3:
                number, person = ends[before]
        out.append((first, last, number, person))
    for index, word in enumerate(words):
        if word.tag == "WDT" and word.lower in ("that", "which") and index not in starts:
            before = index - 1 if index and words[index - 1].text == "," else index
            if before in ends:
                out.append((index, index + 1, *ends[before]))
    return sorted(out)


def _plain_verb_groups(words: Sequence[Word]) -> list[tuple[int, int]]:
    def auxiliary(word: Word) -> bool:
        return word.tag in ("MD", "TO") or word.lemma.lower() in _AUXILIARY_LEMMAS or word.lower in _AUXILIARY_FORMS

    groups: list[tuple[int, int]] = []
    index = 0
    count = len(words)
    while index < count:
        tag = words[index].tag
        if not (tag in _VERBS or (tag == "TO" and index + 1 < count and words[index + 1].tag == "VB")):
            index += 1
            continue
        start = last_verb = index
        index += 1
        while index < count:
            tag = words[index].tag
            if tag in _VERBS:
                if not auxiliary(words[last_verb]) or tag not in _NON_FINITE:
                    break
                last_verb = index
            elif tag not in ("RB", "TO") and not (
                tag == "PRP"
                and words[index - 1].tag in ("MD", "VBZ", "VBP", "VBD")
                and index + 1 < len(words)
                and words[index + 1].tag in ("VB", "VBN", "VBG")
            ):
                break
            index += 1
        groups.append((start, last_verb + 1))
        index = last_verb + 1
    return groups


def _plain_noun_phrases(words: Sequence[Word]) -> list[tuple[int, int, str, int]]:
    base = [(first, last, *_plain_number_person(words, first, last)) for first, last in _plain_base_phrases(words)]
    merged: list[list] = []
    for first, last, number, person, head in base:
        if merged:
            previous = merged[-1]
            gap = [words[i].lower for i in range(previous[1], first)]
            previous_is_pronoun = words[previous[1] - 1].tag == "PRP" and previous[1] - previous[0] == 1
            if gap == ["of"] and not (previous_is_pronoun and previous[2] != ""):
                if previous[4] in _TRANSPARENT_HEADS and not (previous[4] == "number" and words[previous[0]].lower == "the"):
                    previous[2] = number
                previous[1] = last
                continue
            if gap in (["and"], ["&"]) and words[previous[1] - 1].tag != "PRP$" and words[first].tag != "PRP$":
                previous[1], previous[2] = last, "pl"
                previous[3] = min(previous[3], person)
                continue
            if gap in (["or"], ["nor"]):
                previous[1], previous[2], previous[3] = last, number, person
                continue
        merged.append([first, last, number, person, head])
    return _plain_with_relatives(words, [(first, last, number, person) for first, last, number, person, _head in merged])


def _plain_clauses(words: Sequence[Word]) -> tuple[tuple[int, int], ...]:
    cuts: list[int] = []
    count = len(words)
    for index in range(1, count):
        word, before = words[index], words[index - 1]
        lower = word.lower
        if before.text in (";", ":") or before.token.kind is Kind.DASH:
            cuts.append(index)
        elif before.text == "," and (word.tag == "CC" or word.tag in _WH or lower in _SUBORDINATORS):
            cuts.append(index)
        elif word.tag in _WH and before.tag in _NOUNS:
            cuts.append(index)
        elif word.tag == "CC" and index + 1 < count and words[index + 1].lower in _SUBJECT_PRONOUNS:
            cuts.append(index)
        elif word.token.in_dialogue != before.token.in_dialogue:
            cuts.append(index)
    bounds = [0, *sorted(set(cuts)), count]
    return tuple((a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b)


def _plain_chunk(words: Sequence[Word]) -> tuple[list[Word], tuple[tuple[int, int], ...]]:
    """The chunker as it was before its shortcuts: new words for every phrase's words, then the clauses."""
    out = list(words)
    if not out:
        return out, ()
    for first, last, number, person in _plain_noun_phrases(out):
        for index in range(first, last):
            word = out[index]
            label = "B-NP" if index == first else "I-NP"
            out[index] = make_word(word.token, word.tag, word.lemma, word.tags, label, number, person)
    for first, last in _plain_verb_groups(out):
        for index in range(first, last):
            word = out[index]
            if word.chunk == "O":
                label = "B-VP" if index == first else "I-VP"
                out[index] = make_word(word.token, word.tag, word.lemma, word.tags, label, word.number, word.person)
    return out, _plain_clauses(out)


def _fields(words: Sequence[Word]) -> list[tuple[str, str, frozenset[str], str, str, int]]:
    return [(w.tag, w.lemma, w.tags, w.chunk, w.number, w.person) for w in words]


def test_every_example_is_analysed_as_the_plain_pipeline_reads_it(spans: list[tuple[str, int, int]]) -> None:
    plain_lexicon = Lexicon(*shipped_lexicon().tables)  # not the shipped one: no kept forms or lemmas
    tagger = shipped_tagger()
    for text, start, end in spans:
        sentence = analysis.analyse_span(text, start, end)
        tokens = analysis.surface_tokens(text, start, end)
        words, clauses = _plain_chunk(analysis.tag_tokens(tokens, tagger, plain_lexicon))
        assert _fields(sentence.words) == _fields(words), text
        assert sentence.clauses == clauses, text


def test_the_chunkers_fields_are_the_chunked_words(spans: list[tuple[str, int, int]]) -> None:
    for text, start, end in spans[::7]:
        words = analysis.tag_tokens(analysis.surface_tokens(text, start, end))
        chunked, clauses = chunk(words)
        fields = ([w.chunk for w in chunked], [w.number for w in chunked], [w.person for w in chunked], clauses)
        assert chunk_fields(words) == fields
        assert chunk_tokens([w.token for w in words], [w.tag for w in words], [w.lemma for w in words],
                            [w.tags for w in words]) == fields  # fmt: skip
        assert chunk(chunked) == (chunked, clauses)  # (chunking again changes nothing)
