"""The values passed between the stages of the checker's linguistic pipeline.

The pipeline reads a paragraph in stages, each a pure function of the one before::

    paragraph -> sentences of Token  (tokenizer: contractions split, quotes and dialogue marked)
              -> Word                (tagger and lexicon: the tag chosen in context, the lemma)
              -> chunked Word        (chunker: noun phrases with number and person, verb groups, clauses)
              -> issues              (token-pattern rules, the context model for confusables)

All values are frozen, so a stage's output can be cached by sentence text and shared between threads.
Offsets are code points into the paragraph that was read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What sort of token a piece of text is."""

    WORD = "word"  # letters, with inner apostrophes or hyphens ("o'clock", "well-known"); contraction parts
    NUMBER = "number"  # digits, with inner separators ("1,000", "3.5", "1990s")
    PUNCT = "punct"  # . , ; : ! ? ( ) [ ] and other single punctuation marks
    QUOTE = "quote"  # " “ ” ‘ ’ ' used as quotation marks (not an apostrophe inside a word)
    DASH = "dash"  # — – and the typed stand-ins "--"
    ELLIPSIS = "ellipsis"  # … and "..."
    SYMBOL = "symbol"  # anything else: emoji, &, %, #, mixed scripts


@dataclass(frozen=True, slots=True)
class Token:
    """One token as written, with where it stands and whether it is spoken."""

    text: str
    start: int
    end: int
    kind: Kind
    space_before: bool = True  # whitespace (or the paragraph start) between this token and the one before
    in_dialogue: bool = False  # inside quotation marks: a character speaking (the quote marks included)

    @property
    def lower(self) -> str:
        """The token's text in lower case, with a typographic apostrophe made straight."""
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        """True for a word or a contraction part."""
        return self.kind is Kind.WORD


@dataclass(frozen=True, slots=True)
class Word:
    """A token with its analysis: the part of speech chosen in context, its lemma and its chunk.

    ``tag`` is a Penn Treebank tag (``NN``, ``NNS``, ``NNP``, ``VB``, ``VBD``, ``VBG``, ``VBN``, ``VBP``,
    ``VBZ``, ``MD``, ``PRP``, ``PRP$``, ``DT``, ``IN``, ``JJ``, ``JJR``, ``RB``, ``CC``, ``TO``, ``WP``, ...;
    punctuation tags as the treebank uses them). ``tags`` holds every tag the lexicon allows for the word
    (empty for an unknown word). ``chunk`` is an IOB label (``B-NP``, ``I-NP``, ``B-VP``, ``I-VP``, ``O``).
    ``number`` (``"sg"``/``"pl"``) and ``person`` (1-3) are those of the noun phrase or pronoun the token
    belongs to, for agreement; empty or 0 where they do not apply.
    """

    token: Token
    tag: str
    lemma: str
    tags: frozenset[str] = frozenset()
    chunk: str = "O"
    number: str = ""
    person: int = 0

    @property
    def text(self) -> str:
        """The token's text as written."""
        return self.token.text

    @property
    def lower(self) -> str:
        """The token's text in lower case, apostrophes straight."""
        return self.token.lower

    @property
    def start(self) -> int:
        """Code-point offset of the token in the paragraph."""
        return self.token.start

    @property
    def end(self) -> int:
        """Code-point offset just past the token."""
        return self.token.end


def _maker(cls: type) -> object:
    """A constructor for a frozen slotted dataclass that fills its slots directly, twice as fast as ``__init__``
    (which sets each field through ``object.__setattr__``); every field must be passed, in order."""
    setters = tuple(getattr(cls, name).__set__ for name in cls.__dataclass_fields__)
    new = object.__new__
    if len(setters) == 6:
        s1, s2, s3, s4, s5, s6 = setters

        def make6(a, b, c, d, e, f):  # type: ignore[no-untyped-def]
            obj = new(cls)
            s1(obj, a), s2(obj, b), s3(obj, c), s4(obj, d), s5(obj, e), s6(obj, f)
            return obj

        return make6
    s1, s2, s3, s4, s5, s6, s7 = setters

    def make7(a, b, c, d, e, f, g):  # type: ignore[no-untyped-def]
        obj = new(cls)
        s1(obj, a), s2(obj, b), s3(obj, c), s4(obj, d), s5(obj, e), s6(obj, f), s7(obj, g)
        return obj

    return make7


# ``make_token(text, start, end, kind, space_before, in_dialogue)`` and ``make_word(token, tag, lemma, tags, chunk,
# number, person)``: the same objects as ``Token(...)`` and ``Word(...)`` with every field given, made faster
# (the analysis makes hundreds of thousands of them while checking a novel).
make_token: Callable[[str, int, int, Kind, bool, bool], Token] = _maker(Token)  # type: ignore[assignment]
make_word: Callable[[Token, str, str, frozenset[str], str, str, int], Word] = _maker(Word)  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph: its span and its analysed tokens.

    ``clauses`` are half-open token index ranges ``(first, past_last)`` covering the sentence, cut at
    clause boundaries (a comma before a conjunction, a relative pronoun, a colon, a dialogue tag).
    """

    start: int
    end: int
    words: tuple[Word, ...]
    clauses: tuple[tuple[int, int], ...] = ()
