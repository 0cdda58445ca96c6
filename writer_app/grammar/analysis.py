"""The linguistic reading of a paragraph: sentences of words with tags, lemmas and chunks, cached per sentence.

``analyse(paragraph)`` reads every sentence. A rule engine that needs only some sentences calls the cheap
``sentence_spans(paragraph)`` and then ``analyse_span(paragraph, start, end)`` for the ones it wants: the
tagger then runs only there, and a sentence read before (same text, same dialogue state) is reused.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Sequence
from itertools import repeat

from writer_app.grammar.chunker import chunk, chunk_tokens
from writer_app.grammar.disambiguation import disambiguate
from writer_app.grammar.lexicon import Lexicon, regular_lemma, shipped_lexicon
from writer_app.grammar.sentences import sentence_spans
from writer_app.grammar.tagger import PerceptronTagger, canonical, shipped_tagger
from writer_app.grammar.tokenizer import open_quotes_at, tokenize
from writer_app.grammar.tokens import Kind, Sentence, Token, Word, make_token, make_word

log = logging.getLogger(__name__)

__all__ = [
    "analyse", "analyse_span", "possible_lemmas", "sentence_spans", "surface_span", "surface_tags", "surface_tokens",
    "tag_tokens",
]

# Sentences kept read: tokens and surface words of the last CACHE_SIZE sentences the pre-filter read (a
# sentence is mostly read again right away, for its analysis), and the analyses (tagging is the slow part)
# of the last ANALYSED_SIZE sentences, about all a novel has analysed, so checking it again is quick.
CACHE_SIZE = 256
ANALYSED_SIZE = 1024
# What the lexicon says of a word form as written (its standard spelling, tag signature and possible tags), for
# the last FORMS_SIZE forms read: a novel's words repeat, so most look-ups are one dict hit. When full, the table
# starts afresh (the frequent forms come back at once).
FORMS_SIZE = 8192
# Spoken elisions read as the words they stand for when tagging and lemmatising (the token keeps its text).
_ELISIONS = {
    "'em": "them", "'cause": "because", "'cos": "because", "'coz": "because", "'til": "until", "'till": "until",
    "'bout": "about", "'round": "around", "'fore": "before", "o'": "of", "an'": "and", "'n'": "and",
    "th'": "the", "'tis": "it", "'twas": "it", "'nuff": "enough", "'cept": "except",
}  # fmt: skip
# Tags of tokens the tagger need not read: what a mark is follows from its kind.
_KIND_TAGS = {Kind.DASH: ":", Kind.ELLIPSIS: ":"}


def analyse(paragraph: str) -> tuple[Sentence, ...]:
    """Return every sentence of the paragraph, analysed."""
    return tuple(analyse_span(paragraph, start, end) for start, end in sentence_spans(paragraph))


def analyse_span(paragraph: str, start: int, end: int) -> Sentence:
    """Return the analysed sentence at ``paragraph[start:end]`` (offsets are the paragraph's)."""
    text = paragraph[start:end]
    opened = _opened(paragraph, start)
    tags, lemmas, possible, chunks, numbers, persons, clauses = _analysed(text, opened)
    tokens = _tokens(text, opened)
    if start:
        tokens = tuple(
            make_token(t.text, t.start + start, t.end + start, t.kind, t.space_before, t.in_dialogue) for t in tokens
        )
    words = tuple(map(make_word, tokens, tags, lemmas, possible, chunks, numbers, persons))
    return Sentence(start, end, words, clauses)


def surface_span(paragraph: str, start: int, end: int) -> tuple[Word, ...]:
    """The words of ``paragraph[start:end]`` as written, without tagging: quick to read, for rule pre-filters.

    Each word has its tokenizer facts (text, kind, dialogue) and the tags the lexicon allows (``tags``),
    exactly as :func:`analyse_span` gives them; ``tag``, ``lemma``, chunk, number and person are left empty.
    Offsets are relative to ``start``.
    """
    return _surface(paragraph[start:end], _opened(paragraph, start))


def surface_tokens(paragraph: str, start: int, end: int) -> tuple[Token, ...]:
    """The tokens of ``paragraph[start:end]`` as :func:`surface_span` reads them (offsets relative to ``start``).

    Quicker than :func:`surface_span` for a pre-filter: no word is made, and :func:`surface_tags` looks a
    token's possible tags up only when a test needs them. The tokens are kept for the sentence's analysis.
    """
    return _tokens(paragraph[start:end], _opened(paragraph, start))


def surface_tags(token: Token) -> frozenset[str]:
    """The tags the lexicon allows ``token`` (its ``Word.tags`` in :func:`surface_span` and :func:`analyse_span`)."""
    if token.kind is not Kind.WORD:
        return _NO_TAGS
    return (_forms.get(token.text) or _read_form(token.text, shipped_lexicon()))[2]


_NO_TAGS: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=64)
def _opened(paragraph: str, start: int) -> tuple[str, ...]:
    """The quotations open before ``start`` (cached: the pre-filter and the analysis both ask)."""
    return open_quotes_at(paragraph, start) if start and _has_quote(paragraph) else ()


@functools.lru_cache(maxsize=CACHE_SIZE)
def _tokens(text: str, opened: tuple[str, ...]) -> tuple[Token, ...]:
    return tuple(tokenize(text, opened=opened))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _surface(text: str, opened: tuple[str, ...]) -> tuple[Word, ...]:
    forms = _forms
    lexicon = shipped_lexicon()
    word = Kind.WORD
    none: frozenset[str] = frozenset()
    return tuple(
        make_word(
            token, "", "", (forms.get(token.text) or _read_form(token.text, lexicon))[2] if token.kind is word else none,
            "O", "", 0,
        )
        for token in _tokens(text, opened)
    )


_forms: dict[str, tuple[str, str, frozenset[str]]] = {}  # word form as written -> (standard, signature, tags)


def _read_form(written: str, lexicon: Lexicon) -> tuple[str, str, frozenset[str]]:
    """Look a word form up in the shipped lexicon and keep the answer in ``_forms``."""
    text = _standard(canonical(written))
    facts = (text, lexicon.signature(text), lexicon.tags(text))
    if len(_forms) >= FORMS_SIZE:
        _forms.clear()
    _forms[written] = facts
    return facts


def possible_lemmas(written: str) -> frozenset[str]:
    """Every lemma (lower case) :func:`analyse_span` may give a token written ``written``, whatever its tag.

    A word's lemma is the lexicon's for the chosen tag, the word itself, or a regular suffix undone
    (see ``Lexicon.lemma``), so the set holds all of those; surface pre-filters test lemmas with it.
    """
    found = _lemma_sets.get(written)
    if found is None:
        lexicon = shipped_lexicon()
        text = (_forms.get(written) or _read_form(written, lexicon))[0]
        key = text.lower().replace("’", "'")
        lemmas = {text.lower(), key, *(lemma.lower() for lemma in lexicon.entries(text).values())}
        lemmas.update(regular_lemma(key, tag).lower() for tag in _SUFFIX_TAGS)
        if len(_lemma_sets) >= FORMS_SIZE:
            _lemma_sets.clear()
        found = _lemma_sets[written] = frozenset(lemmas)
    return found


_lemma_sets: dict[str, frozenset[str]] = {}  # word form as written -> its possible lemmas
_SUFFIX_TAGS = ("NNS", "VBD", "VBG")  # the tags whose regular suffixes ``regular_lemma`` undoes (one of each kind)


def _has_quote(paragraph: str) -> bool:
    return any(mark in paragraph for mark in "\"“”‘’'«»„‚`")


# A sentence's analysis as kept in the cache, one tuple per field of its words (tag, lemma, possible tags, chunk,
# number, person), and its clauses: a fifth of the memory of its Word objects, which are made again from the
# sentence's tokens when it is asked for (as they had to be anyway to move it to its offset in a paragraph).
Reading = tuple[
    tuple[str, ...], tuple[str, ...], tuple[frozenset[str], ...], tuple[str, ...], tuple[str, ...], tuple[int, ...],
    tuple[tuple[int, int], ...],
]  # fmt: skip


@functools.lru_cache(maxsize=ANALYSED_SIZE)
def _analysed(text: str, opened: tuple[str, ...]) -> Reading:
    """Analyse one sentence standing at offset 0, with the quotations open before it (as :func:`build_sentence`
    would, without making its words)."""
    tokens = _tokens(text, opened)
    tags, lemmas, possible = _read_tokens(tokens, shipped_tagger(), shipped_lexicon())
    chunks, numbers, persons, clauses = chunk_tokens(tokens, tags, lemmas, possible)
    return (
        tuple(tags),
        tuple(map(sys.intern, lemmas)),  # a lemma string shared by every cached sentence using it
        tuple(possible),
        tuple(chunks),
        tuple(numbers),
        tuple(persons),
        clauses,
    )


def build_sentence(
    tokens: Sequence[Token],
    start: int,
    end: int,
    tagger: PerceptronTagger | None = None,
    lexicon: Lexicon | None = None,
) -> Sentence:
    """Tag, lemmatise and chunk a sentence's tokens."""
    words = tag_tokens(tokens, tagger, lexicon)
    chunked, clauses = chunk(words)
    return Sentence(start, end, tuple(chunked), clauses)


def tag_tokens(
    tokens: Sequence[Token], tagger: PerceptronTagger | None = None, lexicon: Lexicon | None = None
) -> list[Word]:
    """Return the tokens as words with their tag in context, lemma and possible tags."""
    tags, lemmas, possible = _read_tokens(tokens, tagger or shipped_tagger(), lexicon or shipped_lexicon())
    return list(map(make_word, tokens, tags, lemmas, possible, repeat("O"), repeat(""), repeat(0)))


def _read_tokens(
    tokens: Sequence[Token], tagger: PerceptronTagger, lexicon: Lexicon
) -> tuple[list[str], list[str], list[frozenset[str]]]:
    """Each token's tag in context, lemma and possible tags (what :func:`tag_tokens` makes its words of)."""
    if lexicon is shipped_lexicon():
        facts = [_forms.get(token.text) or _read_form(token.text, lexicon) for token in tokens]
        texts = [fact[0] for fact in facts]
        signatures = [fact[1] for fact in facts]
        none: frozenset[str] = frozenset()
        possible = [fact[2] if token.kind is Kind.WORD else none for token, fact in zip(tokens, facts, strict=True)]
    else:
        texts = [_standard(canonical(token.text)) for token in tokens]
        signatures = [lexicon.signature(text) for text in texts]
        possible = [lexicon.tags(text) if token.kind is Kind.WORD else frozenset() for token, text in zip(tokens, texts, strict=True)]
    tags = disambiguate(texts, tagger.tag(texts, signatures), possible)
    known = _lemmas if lexicon is shipped_lexicon() else {}
    lemmas: list[str] = []
    for index, (token, text, tag) in enumerate(zip(tokens, texts, tags, strict=True)):
        tag = _KIND_TAGS.get(token.kind, tag)
        if token.kind is Kind.QUOTE:
            tag = "``" if _opens(tokens, index) else "''"
        tags[index] = tag
        if token.kind is Kind.WORD:
            lemma = known.get((text, tag)) or _lemma(text, tag, lexicon, known)
        else:
            lemma = text
        lemmas.append(lemma)
    return tags, lemmas, possible


_lemmas: dict[tuple[str, str], str] = {}  # (word's standard spelling, tag) -> its lemma, from the shipped lexicon


def _lemma(text: str, tag: str, lexicon: Lexicon, known: dict[tuple[str, str], str]) -> str:
    """The lemma of a word read with ``tag``, kept in ``known`` (the last FORMS_SIZE asked for)."""
    lemma = lexicon.lemma(text, tag)  # (``possible_lemmas`` must hold every lemma this can give)
    if tag not in ("NNP", "NNPS") and lemma == text:
        lemma = text.lower()
    if len(known) >= FORMS_SIZE:
        known.clear()
    known[text, tag] = lemma
    return lemma


def _opens(tokens: Sequence[Token], index: int) -> bool:
    """True when the quotation mark at ``index`` opens a quotation (after a space, a dash or a bracket)."""
    token = tokens[index]
    if token.text in "“‘«„‚":
        return True
    if token.text in "”»’":
        return False
    return index == 0 or token.space_before or tokens[index - 1].kind is Kind.DASH or tokens[index - 1].text in "([{"


def _standard(text: str) -> str:
    """Return the standard spelling of a spoken elision ("goin'" -> "going", "'em" -> "them"), else the text."""
    if "'" not in text or len(text) < 2:
        return text
    lower = text.lower()
    standard = _ELISIONS.get(lower)
    if standard is None and lower.endswith("in'") and len(lower) > 4:
        standard = lower[:-1] + "g"
    if standard is None:
        return text
    return standard.capitalize() if text[0].isupper() else standard


def cache_clear() -> None:
    """Forget every analysed sentence (for benchmarks measuring a cold cache)."""
    _analysed.cache_clear()
    _forms.clear()
    _lemma_sets.clear()
    _lemmas.clear()
    _surface.cache_clear()
    _tokens.cache_clear()
    _opened.cache_clear()
