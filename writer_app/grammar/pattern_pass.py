"""Run token-pattern rules over a paragraph, analysing only the sentences where some rule could fire.

Analysing a sentence (tagging, lemmas, chunks) is slow pure Python, so it is lazy: a paragraph whose plain
words meet no rule's trigger costs one set intersection; otherwise it is cut into sentences and only a
sentence holding a rule's trigger and required words is analysed, once per sentence text (cached).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

from writer_app.grammar.model import Issue
from writer_app.grammar.patterns import AnalyseSpan, PatternRule
from writer_app.grammar.sentences import sentence_spans
from writer_app.grammar.tokenizer import dialogue_depth_at
from writer_app.grammar.tokens import Sentence

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_CACHE_SIZE = 4096


class SentenceCache:
    """Analysed sentences by their text (and whether a quotation is open before them), least recent dropped."""

    def __init__(self, analyse: AnalyseSpan, size: int = _CACHE_SIZE) -> None:
        self._analyse = analyse
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, bool], tuple[Sentence, int]] = OrderedDict()

    def get(self, text: str, start: int, end: int) -> tuple[Sentence, int]:
        """The analysed sentence ``text[start:end]`` and the shift that moves its offsets onto ``text``."""
        key = (text[start:end], dialogue_depth_at(text, start) > 0 if start else False)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit[0], start - hit[1]
        sentence = self._analyse(text, start, end)
        with self._lock:
            self._items[key] = (sentence, start)
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return sentence, 0


class PatternPass:
    """The token-pattern rules of one checker, with their trigger index and the sentence cache."""

    def __init__(self, rules: Iterable[PatternRule], analyse: AnalyseSpan, strict_dialogue: bool = False) -> None:
        self.rules = list(rules)
        self.strict_dialogue = strict_dialogue
        self._cache = SentenceCache(analyse)
        index: dict[str, list[int]] = {}
        for position, rule in enumerate(self.rules):
            for word in rule.triggers:
                index.setdefault(word, []).append(position)
        self._index = {word: tuple(positions) for word, positions in index.items()}
        self.trigger_words = frozenset(index)

    def _candidates(self, words: set[str] | frozenset[str]) -> list[PatternRule]:
        chosen: set[int] = set()
        for word in words & self.trigger_words:
            chosen.update(self._index[word])
        rules = self.rules
        return [rules[p] for p in sorted(chosen) if not any(map(words.isdisjoint, rules[p].requires))]

    def check(self, text: str, words: set[str]) -> list[Issue]:
        """Issues of the pattern rules in paragraph ``text``, whose lowercase ``\\w+`` words are ``words``."""
        if words.isdisjoint(self.trigger_words):
            return []
        candidates = self._candidates(words)
        if not candidates:
            return []
        issues: list[Issue] = []
        lower = text.lower()
        for start, end in sentence_spans(text):
            sentence_words = set(_WORD.findall(lower[start:end]))
            rules = [r for r in candidates if not r.triggers.isdisjoint(sentence_words)]
            rules = [r for r in rules if not any(map(sentence_words.isdisjoint, r.requires))]
            if not rules:
                continue
            sentence, shift = self._cache.get(text, start, end)
            for rule in rules:
                issues.extend(rule.find(sentence, text, shift, self.strict_dialogue))
        return issues


def default_analyser() -> AnalyseSpan | None:
    """The linguistic pipeline's sentence analyser, or None while the pipeline is not installed."""
    try:
        from writer_app.grammar.analysis import analyse_span  # type: ignore[import-not-found]
    except ImportError:
        return None
    return analyse_span
