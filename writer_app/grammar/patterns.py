"""Token-pattern rules: a sequence of token tests matched over an analysed sentence.

A pattern is a tuple of :class:`TokenSpec`, each a test of one :class:`~writer_app.grammar.tokens.Word`
(its text, lemma, tag, chunk, number, person, whether it is spoken); a spec may be optional, negated, or
allow a few other tokens before it (``skip``). A :class:`PatternRule` adds the marked tokens, the message,
replacement templates that can inflect (see :mod:`writer_app.grammar.pattern_fix`) and antipatterns that
cancel a match whose tokens they overlap. Matching is pure and needs no Qt; the loader is in ``rulefile.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from writer_app.grammar.casing import finish_replacements
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.pattern_fix import Template
from writer_app.grammar.tokens import Sentence, Token, Word

# A word's analysis the engine asks for: the sentence of ``paragraph`` spanning ``[start, end)``.
AnalyseSpan = Callable[[str, int, int], Sentence]

CASES = ("title", "lower", "upper")


@dataclass(frozen=True, slots=True)
class TokenSpec:
    """A test of one token; every given field must hold (all of them fail together when ``negate``)."""

    words: frozenset[str] | None = None  # lower case, straight apostrophes
    regex: re.Pattern[str] | None = None  # must match the whole text (case-insensitive)
    lemmas: frozenset[str] | None = None
    tag: re.Pattern[str] | None = None  # must match the whole Penn tag
    tags: re.Pattern[str] | None = None  # one of the tags the lexicon allows must match
    chunk: re.Pattern[str] | None = None  # must match the whole IOB chunk label
    number: str | None = None  # "sg" or "pl"
    person: frozenset[int] | None = None
    dialogue: bool | None = None
    case: str | None = None  # "title", "lower" or "upper"
    not_words: frozenset[str] | None = None  # the token must not be one of these
    not_lemmas: frozenset[str] | None = None
    not_tag: re.Pattern[str] | None = None  # the chosen tag must not match
    not_tags: re.Pattern[str] | None = None  # no tag the lexicon allows may match
    negate: bool = False
    optional: bool = False
    skip: int = 0  # up to this many other tokens may come before this one

    def accepts(self, word: Word) -> bool:
        """Whether ``word`` passes this test."""
        return self._holds(word) is not self.negate

    def _holds(self, word: Word) -> bool:
        if self.words is not None and word.lower not in self.words:
            return False
        if self.lemmas is not None and word.lemma.lower() not in self.lemmas:
            return False
        if self.tag is not None and self.tag.fullmatch(word.tag) is None:
            return False
        if self.regex is not None and self.regex.fullmatch(word.text) is None:
            return False
        if self.tags is not None and not any(self.tags.fullmatch(tag) for tag in word.tags):
            return False
        if self.chunk is not None and self.chunk.fullmatch(word.chunk) is None:
            return False
        if self.number is not None and word.number != self.number:
            return False
        if self.person is not None and word.person not in self.person:
            return False
        if self.dialogue is not None and word.token.in_dialogue is not self.dialogue:
            return False
        if self.case is not None and not _has_case(word.text, self.case):
            return False
        if self.not_words is not None and word.lower in self.not_words:
            return False
        if self.not_lemmas is not None and word.lemma.lower() in self.not_lemmas:
            return False
        if self.not_tag is not None and self.not_tag.fullmatch(word.tag) is not None:
            return False
        if self.not_tags is not None and any(self.not_tags.fullmatch(tag) for tag in word.tags):
            return False
        return True

    @property
    def required(self) -> bool:
        """True when every match holds a token that passes this test (not optional, not negated)."""
        return not self.optional and not self.negate


def surface_test(spec: TokenSpec) -> TokenSpec:
    """A looser copy of ``spec`` that reads only what a word shows before tagging (see ``could_match``).

    It keeps the tests of the text, the lexicon's possible tags, the case, dialogue and the lemmas, and drops
    those of the chosen tag, chunk, number and person; a negated test accepts every word. Whatever ``spec``
    accepts, the copy accepts too (its lemma tests hold for any lemma the word may get, see ``surface_tests``).
    """
    if spec.negate:
        return TokenSpec(optional=spec.optional, skip=spec.skip)
    return TokenSpec(
        words=spec.words, regex=spec.regex, tags=spec.tags, dialogue=spec.dialogue, case=spec.case,
        not_words=spec.not_words, not_tags=spec.not_tags, lemmas=spec.lemmas, not_lemmas=spec.not_lemmas,
        optional=spec.optional, skip=spec.skip,
    )  # fmt: skip


# One compiled surface test: (accepts a word, optional, skip). The word is a ``Word``, or a ``Token`` for tests
# made with ``tags_of``.
SurfaceTest = tuple[Callable[[Any], bool], bool, int]
# Every lemma (lower case) the analysis may give a word written so, whatever tag it chooses.
LemmasOf = Callable[[str], frozenset[str]]
# The tags the lexicon allows a token (what ``Word.tags`` of its analysed word holds).
TagsOf = Callable[[Token], frozenset[str]]


def surface_tests(
    specs: Sequence[TokenSpec], lemmas_of: LemmasOf | None = None, tags_of: TagsOf | None = None
) -> tuple[SurfaceTest, ...] | None:
    """Each spec's :func:`surface_test` compiled to a predicate, or None when none tests anything before tagging.

    With ``lemmas_of``, a lemma test passes a word when one of the lemmas it may get passes (without, it is
    left out). With ``tags_of``, the predicates read tokens instead of words (a word's possible tags are then
    looked up only when a test needs them): they accept a token exactly when they accept its word.
    """
    loose = [surface_test(spec) for spec in specs]
    predicates = [_predicate(spec, lemmas_of, tags_of) for spec in loose]
    if all(predicate is None for predicate in predicates):
        return None
    return tuple(
        (predicate or _any_word, spec.optional, spec.skip) for predicate, spec in zip(predicates, loose, strict=True)
    )


def _any_word(word: object) -> bool:
    return True


def _predicate(
    spec: TokenSpec, lemmas_of: LemmasOf | None = None, tags_of: TagsOf | None = None
) -> Callable[[Any], bool] | None:
    """``spec.accepts`` for a surface test (not negated), as one closure over the fields it sets; None: any word.

    The closure reads a ``Word``, or a ``Token`` when ``tags_of`` gives a token's possible tags."""
    checks: list[Callable[[Any], bool]] = []
    if lemmas_of is not None and (spec.lemmas is not None or spec.not_lemmas is not None):
        checks.append(_lemmas_test(spec.lemmas, spec.not_lemmas, lemmas_of))
    if spec.words is not None:
        checks.append(lambda w, words=spec.words: w.lower in words)
    if spec.not_words is not None:
        checks.append(lambda w, words=spec.not_words: w.lower not in words)
    if spec.dialogue is not None:
        if tags_of is None:
            checks.append(lambda w, value=spec.dialogue: w.token.in_dialogue is value)
        else:
            checks.append(lambda t, value=spec.dialogue: t.in_dialogue is value)
    if spec.tags is not None:
        checks.append(_tags_test(spec.tags, True, tags_of))
    if spec.not_tags is not None:
        checks.append(_tags_test(spec.not_tags, False, tags_of))
    if spec.regex is not None:
        checks.append(lambda w, full=spec.regex.fullmatch: full(w.text) is not None)
    if spec.case is not None:
        checks.append(lambda w, case=spec.case: _has_case(w.text, case))
    if not checks:
        return None
    if len(checks) == 1:
        return checks[0]
    return lambda w: all(check(w) for check in checks)


def _lemmas_test(
    lemmas: frozenset[str] | None, not_lemmas: frozenset[str] | None, lemmas_of: LemmasOf
) -> Callable[[Word], bool]:
    """Whether a word may get a lemma in ``lemmas`` and not in ``not_lemmas``, remembered per written form."""
    seen: dict[str, bool] = {}

    def test(word: Word) -> bool:
        text = word.text
        found = seen.get(text)
        if found is None:
            possible = lemmas_of(text)
            found = (lemmas is None or not possible.isdisjoint(lemmas)) and not (
                not_lemmas is not None and possible <= not_lemmas
            )
            if len(seen) >= _SEEN_SIZE:
                seen.clear()
            seen[text] = found
        return found

    return test


_SEEN_SIZE = 4096  # written forms a lemma test remembers before it starts afresh


def _tags_test(pattern: re.Pattern[str], wanted: bool, tags_of: TagsOf | None = None) -> Callable[[Any], bool]:
    """Whether some tag of a word's possible tags matches ``pattern`` is ``wanted``, remembered per tag set.

    With ``tags_of``, the test reads a token and looks its possible tags up."""
    seen: dict[frozenset[str], bool] = {}

    def test(word: Word) -> bool:
        found = seen.get(word.tags)
        if found is None:
            found = seen[word.tags] = any(pattern.fullmatch(tag) for tag in word.tags)
        return found is wanted

    def test_token(token: Token) -> bool:
        tags = tags_of(token)  # type: ignore[misc]
        found = seen.get(tags)
        if found is None:
            found = seen[tags] = any(pattern.fullmatch(tag) for tag in tags)
        return found is wanted

    return test if tags_of is None else test_token


def could_match(tests: Sequence[SurfaceTest], words: Sequence[Any]) -> bool:
    """Whether the compiled surface ``tests`` match somewhere in ``words`` (False: the full pattern cannot).

    ``words`` are words, or tokens for tests made with ``tags_of`` (see :func:`surface_tests`)."""
    accepts, optional, skip = tests[0]
    if optional or skip:
        return any(_loose_step(tests, words, 0, start) for start in range(len(words)))
    # The usual first token, present and taken at its start: only the words it accepts can start a match.
    return any(accepts(word) and _loose_step(tests, words, 1, start + 1) for start, word in enumerate(words))


def _loose_step(tests: Sequence[SurfaceTest], words: Sequence[Any], si: int, wi: int) -> bool:
    """:func:`_step` for surface tests, without recording the words taken."""
    if si == len(tests):
        return True
    accepts, optional, skip = tests[si]
    for j in range(wi, min(wi + skip + 1, len(words))):
        if accepts(words[j]) and _loose_step(tests, words, si + 1, j + 1):
            return True
    return optional and _loose_step(tests, words, si + 1, wi)


def _has_case(text: str, case: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    if case == "upper":
        return all(ch.isupper() for ch in letters)
    if case == "lower":
        return all(ch.islower() for ch in letters)
    return letters[0].isupper() and not (len(letters) > 1 and all(ch.isupper() for ch in letters))


Match = tuple[int | None, ...]  # for each spec, the index of the word it took (None: an absent optional)


def _step(specs: Sequence[TokenSpec], words: Sequence[Word], si: int, wi: int, taken: list[int | None]) -> bool:
    if si == len(specs):
        return True
    spec = specs[si]
    for j in range(wi, min(wi + spec.skip + 1, len(words))):
        if spec.accepts(words[j]):
            taken.append(j)
            if _step(specs, words, si + 1, j + 1, taken):
                return True
            taken.pop()
    if spec.optional:
        taken.append(None)
        if _step(specs, words, si + 1, wi, taken):
            return True
        taken.pop()
    return False


def match_at(specs: Sequence[TokenSpec], words: Sequence[Word], start: int) -> Match | None:
    """The first way ``specs`` match ``words`` with the first present token at ``start``, or None."""
    taken: list[int | None] = []
    if _step(specs, words, 0, start, taken) and any(i == start for i in taken):
        return tuple(taken)
    return None


def find_matches(specs: Sequence[TokenSpec], words: Sequence[Word]) -> Iterator[Match]:
    """Every match of ``specs`` in ``words``, one per starting token, left to right."""
    for start in range(len(words)):
        found = match_at(specs, words, start)
        if found is not None:
            yield found


def _taken_range(match: Match) -> tuple[int, int]:
    present = [i for i in match if i is not None]
    return present[0], present[-1]


@dataclass(frozen=True, eq=False)
class PatternRule:
    """One loaded token-pattern rule, with the fields every rule has (see ``rulefile.Rule``)."""

    id: str
    category: Category
    message: str
    tokens: tuple[TokenSpec, ...]
    mark: tuple[int, int]  # first and last marked spec, 0-based and inclusive
    replacements: tuple[Template, ...] = ()
    message_template: Template | None = None
    antipatterns: tuple[tuple[TokenSpec, ...], ...] = ()
    relaxed_in_dialogue: bool = False  # not flagged inside dialogue unless the check is strict about it
    triggers: frozenset[str] = frozenset()  # surface words, one of which the sentence must hold
    requires: tuple[frozenset[str], ...] = ()  # further surface word sets the sentence must each meet
    # Sets of word pairs the gate needs: the sentence must hold one pair of each as two consecutive \w+ words.
    pairs: tuple[frozenset[tuple[str, str]], ...] = ()
    kind: str = "pattern"
    default: bool = True
    dialects: tuple[str, ...] = ("en-US", "en-GB")
    fix_all: bool = False
    follow_case: bool = True
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()
    path: Path = field(default_factory=Path)
    line: int = 0
    gate: re.Pattern[str] | None = None  # must find something in the sentence's text before it is analysed
    # A looser, faster stand-in for the gate, on lowercased text; one for a tail of the gate (named group
    # ``regex_analysis.TAIL_MARK``) only proves that the gate may find something in the text searched.
    quick: re.Pattern[str] | None = None
    # A one-character search (a digit, a rare punctuation mark) that must find something wherever the gate does.
    chars: re.Pattern[str] | None = None
    # Shared with regex rules so the engine can hold both kinds in one list.
    parts: tuple = ()
    min_width: int = 0

    def find(self, sentence: Sentence, paragraph: str, strict_dialogue: bool = False) -> Iterator[Issue]:
        """Yield this rule's issues in ``sentence`` of ``paragraph`` (offsets are the paragraph's)."""
        words = sentence.words
        cancelled: list[tuple[int, int]] | None = None
        first, last = self.mark
        for match in find_matches(self.tokens, words):
            marked = [i for i in match[first : last + 1] if i is not None]
            if not marked:
                continue
            low, high = marked[0], marked[-1]
            if self.relaxed_in_dialogue and not strict_dialogue and any(words[i].token.in_dialogue for i in marked):
                continue
            if self.antipatterns:
                if cancelled is None:
                    cancelled = [_taken_range(m) for anti in self.antipatterns for m in find_matches(anti, words)]
                begin, finish = _taken_range(match)
                if any(a <= finish and begin <= b for a, b in cancelled):
                    continue
            start, end = words[low].start, words[high].end
            flagged = paragraph[start:end]
            if any(template.satisfied(words, match, flagged) for template in self.replacements):
                continue  # already a right form ("learnt" for "learned")
            replacements = finish_replacements(
                (template.expand(words, match) for template in self.replacements), flagged, paragraph, self.follow_case
            )
            if self.replacements and not replacements:
                continue  # the text already reads the way the rule wants
            message = self.message
            if self.message_template is not None:
                message = self.message_template.expand(words, match) or self.message
            yield Issue(start, end, flagged, message, tuple(replacements), self.id, self.category, "builtin", self.fix_all)


_WORD = re.compile(r"\w+")
# Words a tokenizer splits off "n't" from: the paragraph's plain \w+ words show them as "don", "isn", ...
_NEGATABLE = frozenset(
    "is was are were do does did has have had could would should must need might ought dare".split()
)
_NEGATED_STEMS = {"will": "won", "shall": "shan", "can": "cannot"}


def surface_words(words: frozenset[str]) -> frozenset[str] | None:
    """The ``\\w+`` words a paragraph shows when it holds one of ``words`` (None: one of them has no letters).

    Contraction parts show as their letters ("n't" as "t", "'d" as "d"), and a verb the tokenizer splits
    "n't" from also shows joined to it ("don't" as "don").
    """
    found: set[str] = set()
    for word in words:
        parts = _WORD.findall(word)
        if not parts:
            return None
        found.add(parts[-1] if "'" in word else max(parts, key=len))
        if word in _NEGATABLE:
            found.add(word + "n")
        elif word in _NEGATED_STEMS:
            found.add(_NEGATED_STEMS[word])
    return frozenset(found)
