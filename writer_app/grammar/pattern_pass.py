"""Run token-pattern rules over a paragraph, analysing only the sentences where some rule could fire.

Analysing a sentence (tagging, lemmas, chunks) is slow pure Python, so it is lazy: a paragraph whose plain
words meet no rule's trigger costs one set intersection; otherwise it is cut into sentences and only a
sentence holding a rule's trigger and required words (and the word pairs its gate needs), whose gate finds
something in it and in the whole paragraph, and whose words before tagging could pass the rule's tokens, is
analysed (the analyser caches by sentence text).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from writer_app.grammar import need_bits
from writer_app.grammar.model import Issue
from writer_app.grammar.patterns import AnalyseSpan, LemmasOf, PatternRule, TagsOf, could_match, surface_tests
from writer_app.grammar.regex_analysis import TAIL_MARK
from writer_app.grammar.sentences import sentence_spans
from writer_app.grammar.tokenizer import dialogue_depth_at
from writer_app.grammar.tokens import Sentence, Token

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_UNMADE = object()  # a rule's surface tests not made yet
# Longer paragraphs have their gates searched before they are cut into sentences (see ``PatternPass.check``).
LONG_PARAGRAPH = 5_000

# The tokens of a sentence as written, before tagging, with offsets from the sentence start (see
# ``analysis.surface_tokens``): read much faster than a full analysis, enough for the surface pre-filter, which
# looks up a token's possible tags with a ``TagsOf`` only when a test needs them.
SurfaceSpan = Callable[[str, int, int], tuple[Token, ...]]


class PatternPass:
    """The token-pattern rules of one checker, indexed by their trigger words."""

    def __init__(
        self,
        rules: Iterable[PatternRule],
        analyse: AnalyseSpan,
        strict_dialogue: bool = False,
        surface: SurfaceSpan | None = None,
        lemmas: LemmasOf | None = None,
        tags: TagsOf | None = None,
    ) -> None:
        """``surface``, when given, reads a sentence's tokens untagged so rules that cannot match skip analysis,
        and ``tags`` gives a token's possible tags (the pipeline's own with its surface reading); ``lemmas``
        says which lemmas the analyser may give a word (the pipeline's own with its surface reading)."""
        self.rules = list(rules)
        self.strict_dialogue = strict_dialogue
        self._analyse = analyse
        self._surface = surface
        default = surface is _surface_tokens
        self._lemmas = lemmas if lemmas is not None or not default else _possible_lemmas
        self._tags = tags if tags is not None or not default else _surface_tags
        # Per rule, its tokens' tests of what a word shows before tagging (None: nothing to test early); made on
        # a rule's first use, as most rules never get that far (a tenth of a checker's build time saved).
        self._loose: dict[int, object] = {}
        self.analysed = 0  # sentences analysed so far (for benchmarks)
        index: dict[str, list[int]] = {}
        for position, rule in enumerate(self.rules):
            for word in rule.triggers:
                index.setdefault(word, []).append(position)
        self._index = {word: tuple(positions) for word, positions in index.items()}
        self.trigger_words = frozenset(index)
        # What a sentence must hold for a rule to be tried there, as bits (see ``need_bits``).
        self._bits = need_bits.SHARED
        self._needs = self._bits.needs(self.rules)
        self._all_pairs = self._bits.all_pairs  # (bits of sets registered later belong to other rules)
        # Every bit of these rules' word sets (not of their word-pair sets): what a sentence that is the whole
        # paragraph meets of the rules its words matched.
        self._word_sets = functools.reduce(operator.or_, self._needs, 0) & ~self._all_pairs
        # Per rule, what choosing it for a sentence reads, unpacked once: the bits it needs and the search
        # methods of its quick stand-in (or pre-test, see ``_quick_search``) and its gate (None where it has none).
        self._entries = [
            (
                rule,
                need,
                _quick_search(rule) if rule.gate is not None else None,
                rule.gate.search if rule.gate is not None else None,
            )
            for rule, need in zip(self.rules, self._needs, strict=True)
        ]

    def _word_matches(self, words: set[str] | frozenset[str]) -> Sequence[int]:
        """Positions (in rule order) of the rules whose triggers and required words ``words`` meet."""
        hits = words & self.trigger_words
        if not hits:
            return ()
        index = self._index
        if len(hits) == 1:
            positions: Iterable[int] = index[next(iter(hits))]  # one word: its rules, already in order
        else:
            positions = sorted(set().union(*map(index.__getitem__, hits)))
        # (Tests of positive masks, ``need & met == need``: an AND with a negative integer costs twice as much.)
        needs, met = self._needs, self._bits.met(words) | self._all_pairs
        return [p for p in positions if needs[p] & met == needs[p]]

    def _gate_finds(
        self, position: int, text: str, low: str | None, start: int = 0, end: int | None = None
    ) -> re.Match[str] | None:
        """The first find of rule ``position``'s gate (the rule must have one) in ``text[start:end]``, or None.

        A looser stand-in on the lowercased text ``low`` is tried first, as it is several times faster; the
        gate cannot match before the stand-in's first find, so it searches on from there."""
        _rule, _need, quick, gate = self._entries[position]
        end = len(text) if end is None else end
        begin = start
        if quick is not None and low is not None:
            hint = quick(low, start, end)
            if hint is None:
                return None
            begin = hint.start()
        return gate(text, begin, end)  # type: ignore[misc]

    def check(self, text: str, words: set[str], low: str | None = None) -> list[Issue]:
        """Issues of the pattern rules in paragraph ``text``, whose lowercase ``\\w+`` words are ``words``.

        ``low`` is ``text.lower()`` when it has the same length (for the gates' quicker stand-ins).
        """
        # A rule is tried in a sentence when the paragraph and the sentence both hold its words and its gate
        # finds something both in the sentence and in the whole paragraph. Words are tested first (cheapest),
        # then the word pairs its gate needs (consecutive words of the sentence), then the gate in the sentence
        # (a short search), and last, once per paragraph and only when needed, the gate in the whole paragraph.
        # A sentence that is the whole paragraph reuses the paragraph's tests.
        matched = self._word_matches(words)
        if not matched:
            return []
        entries = self._entries
        in_paragraph: dict[int, bool] = {}  # rule position -> whether its gate finds something in the paragraph
        if len(text) > LONG_PARAGRAPH:
            # Cutting a very long paragraph into sentences costs more than searching it: the gates go first.
            matched = [p for p in matched if entries[p][3] is None or self._gate_finds(p, text, low) is not None]
            if not matched:
                return []
            in_paragraph = dict.fromkeys(matched, True)
        strict = self.strict_dialogue
        issues: list[Issue] = []
        lower = low if low is not None else text.lower()
        length = len(text)
        bits = self._bits
        needs = self._needs
        wanted = [(position, needs[position]) for position in matched]
        # Whether some matched rule needs a word pair: the sentences' pairs are looked up only then.
        paired = any(need & self._all_pairs for _position, need in wanted)
        for start, end in sentence_spans(text):
            tokens = _WORD.findall(lower, start, end)
            # The bits of what the sentence holds: its words' (the paragraph's when they are the same: then it meets
            # every word set of the matched rules) and its consecutive word pairs'.
            if start == 0 and end == length and set(tokens) == words:  # the paragraph is this one sentence
                met = self._word_sets
            else:
                met = bits.met(tokens)
            if paired:
                met |= bits.met_pairs(pairwise(tokens))
            # The rules whose triggers, required words and gate word pairs the sentence holds.
            tried = [position for position, need in wanted if need & met == need]
            if not tried:
                continue
            whole = start == 0 and end == length
            rules = []
            for position in tried:
                rule, _need, quick, gate = entries[position]
                if gate is not None:
                    # ``_gate_finds`` in the sentence, written out: it runs a few hundred thousand times a novel.
                    if quick is not None and low is not None:
                        hint = quick(low, start, end)
                        if hint is None:
                            continue
                        found = gate(text, hint.start(), end)
                    else:
                        found = gate(text, start, end)
                    if found is None:
                        continue
                    passes = in_paragraph.get(position)
                    if passes is None:
                        passes = in_paragraph[position] = whole or self._gate_finds(position, text, low) is not None
                    if not passes:
                        continue
                    if rule.relaxed_in_dialogue and not strict and self._all_spoken(rule, text, found, end):
                        continue  # the rule would not report it inside dialogue: no need to analyse
                rules.append(rule)
            if rules and self._surface is not None:
                rules = self._could_match(rules, text, start, end)
            if not rules:
                continue
            self.analysed += 1
            sentence = self._analyse(text, start, end)
            for rule in rules:
                issues.extend(rule.find(sentence, text, self.strict_dialogue))
        return issues

    def _could_match(self, rules: list[PatternRule], text: str, start: int, end: int) -> list[PatternRule]:
        """The ``rules`` whose tokens' surface tests match the sentence's untagged words (the others cannot match)."""
        words = self._surface(text, start, end)  # type: ignore[misc]
        loose = self._loose
        chosen = []
        for rule in rules:
            tests = loose.get(id(rule), _UNMADE)
            if tests is _UNMADE:
                if self._tags is _surface_tags:  # the pipeline is imported by now: read its tags directly
                    from writer_app.grammar.analysis import surface_tags

                    self._tags = surface_tags
                tests = loose[id(rule)] = surface_tests(rule.tokens, self._lemmas, self._tags)
            if tests is None or could_match(tests, words):  # type: ignore[arg-type]
                chosen.append(rule)
        return chosen

    @staticmethod
    def _all_spoken(rule: PatternRule, text: str, found: re.Match[str], end: int) -> bool:
        """True when every place ``rule``'s gate finds in the sentence is inside quotation marks."""
        while found is not None:
            if dialogue_depth_at(text, found.start()) == 0:
                return False
            found = rule.gate.search(text, found.start() + 1, end)  # type: ignore[union-attr]
        return True


_AT_START = re.compile("")  # matches the empty string wherever it is tried


class _PreTest:
    """A gated rule's tests of a slice of the lowercased text before its gate's search: a character the gate
    needs (a digit, a rare mark), then its stand-in. Its ``search`` answers like an exact stand-in's: None when
    the gate cannot find anything in the slice, else a find no later than the gate's first (the stand-in's own
    when it is exact; the slice's start when it is for a tail of the gate, as the gate may match before it)."""

    __slots__ = ("_chars", "_quick", "_exact")

    def __init__(self, chars: Callable[..., object] | None, quick: Callable[..., object] | None, exact: bool) -> None:
        self._chars = chars
        self._quick = quick
        self._exact = exact

    def search(self, low: str, start: int, end: int) -> re.Match[str] | None:
        """The first place in ``low[start:end]`` where the gate may match, or None where it cannot."""
        if self._chars is not None and self._chars(low, start, end) is None:
            return None
        if self._quick is None:
            return _AT_START.match(low, start)
        found = self._quick(low, start, end)
        if found is None or self._exact:
            return found  # type: ignore[return-value]
        return _AT_START.match(low, start)


def _quick_search(rule: PatternRule) -> Callable[[str, int, int], re.Match[str] | None] | None:
    """The search a gated ``rule`` runs on the lowercased text before its gate (see ``PatternPass._gate_finds``):
    its stand-in's when that is all it has, a :class:`_PreTest`'s when it also needs a character or its stand-in
    is for a tail of the gate, None when it has neither. (Digits and punctuation are the same lowercased.)"""
    quick = rule.quick
    exact = quick is None or not quick.groups or TAIL_MARK not in quick.groupindex
    if rule.chars is None and exact:
        return quick.search if quick is not None else None
    return _PreTest(rule.chars.search if rule.chars is not None else None, quick.search if quick else None, exact).search


def default_analyser() -> AnalyseSpan | None:
    """The linguistic pipeline's sentence analyser, or None while the pipeline is not installed.

    The pipeline (tagger, lexicon) is imported when the first sentence is analysed, not before: a check
    whose text no pattern rule needs to read never pays for it.
    """
    if importlib.util.find_spec("writer_app.grammar.analysis") is None:
        return None
    return _analyse_span


def _analyse_span(paragraph: str, start: int, end: int) -> Sentence:
    """The pipeline's ``analyse_span``, imported on first use."""
    from writer_app.grammar.analysis import analyse_span

    return analyse_span(paragraph, start, end)


def default_surface() -> SurfaceSpan | None:
    """The pipeline's quick untagged reading of a sentence (for pre-filters), or None when not installed."""
    if importlib.util.find_spec("writer_app.grammar.analysis") is None:
        return None
    return _surface_tokens


def _surface_tokens(paragraph: str, start: int, end: int) -> tuple[Token, ...]:
    """The pipeline's ``surface_tokens``, imported on first use."""
    from writer_app.grammar.analysis import surface_tokens

    return surface_tokens(paragraph, start, end)


def _surface_tags(token: Token) -> frozenset[str]:
    """The pipeline's ``surface_tags``, imported on first use."""
    from writer_app.grammar.analysis import surface_tags

    return surface_tags(token)


def _possible_lemmas(written: str) -> frozenset[str]:
    """The pipeline's ``possible_lemmas``, imported on first use."""
    from writer_app.grammar.analysis import possible_lemmas

    return possible_lemmas(written)
